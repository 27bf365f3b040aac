package io.hyperv4j.perf.sim;

/**
 * Something that puts load on a simulated host for a while: its background, a VM's workload, a
 * migration's memory copy, a file copy, a backup's reads. Loads are piecewise constant; the host
 * integrates them exactly between the change points activities report.
 */
public interface Activity {

    /** Adds this activity's demand at time {@code tMillis} on {@code host} to {@code load}. */
    void apply(long tMillis, HostModel host, Load load);

    /** The first time after {@code tMillis} at which this activity's demand changes, or Long.MAX_VALUE. */
    long nextChange(long tMillis);
}
