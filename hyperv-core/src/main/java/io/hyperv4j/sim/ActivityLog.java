package io.hyperv4j.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The lab's record of physical activity ({@link SimActivity}): providers publish what the hardware
 * does as an operation unfolds (normally when each phase begins, with its planned end), and cut an
 * activity short when the operation stops early. Readers ask for what is active from a time on.
 * Thread-safe; activities ended more than {@link #KEEP} ago are dropped.
 */
public final class ActivityLog {
    /** How long ended activities stay readable, for readers that fall behind. */
    public static final java.time.Duration KEEP = java.time.Duration.ofHours(1);
    private final List<SimActivity> activities = new ArrayList<>();
    private long nextId = 1;

    /**
     * Publishes an activity on {@code [start, end)}; returns it with its id.
     *
     * @param kind           what the work is, e.g. {@link SimActivity#LIVE_MIGRATION_COPY}
     * @param vmId           the VM the work is for, or null
     * @param fromHost       the host doing the work, or sending
     * @param toHost         the receiving host, or null
     * @param network        the network the bytes cross, or null
     * @param bytesPerSecond the rate the bytes move at (0 when nothing moves)
     * @param start          when it begins
     * @param end            when it ends (after {@code start})
     * @return the published activity
     */
    public synchronized SimActivity publish(String kind, String vmId, String fromHost, String toHost, String network,
                                            double bytesPerSecond, Instant start, Instant end) {
        SimActivity a = new SimActivity(nextId, kind, vmId, fromHost, toHost, network, bytesPerSecond, start, end);
        nextId++;
        activities.removeIf(old -> old.end().plus(KEEP).isBefore(start));
        activities.add(a);
        return a;
    }

    /**
     * Ends the VM's activities still running at {@code at} there, and drops those not yet begun (an operation stopped early).
     *
     * @param vmId the VM's GUID
     * @param at   when the operation stopped
     */
    public synchronized void endAll(String vmId, Instant at) {
        activities.removeIf(a -> a.vmId().equals(vmId) && !a.start().isBefore(at));
        activities.replaceAll(a -> a.vmId().equals(vmId) && a.end().isAfter(at)
                ? new SimActivity(a.id(), a.kind(), a.vmId(), a.fromHost(), a.toHost(), a.network(), a.bytesPerSecond(), a.start(), at)
                : a);
    }

    /**
     * Ends one activity at {@code at} if it runs past it, and drops it if it has not begun by then.
     *
     * @param id the activity's id
     * @param at when it stopped
     */
    public synchronized void end(long id, Instant at) {
        activities.removeIf(a -> a.id() == id && !a.start().isBefore(at));
        activities.replaceAll(a -> a.id() == id && a.end().isAfter(at)
                ? new SimActivity(a.id(), a.kind(), a.vmId(), a.fromHost(), a.toHost(), a.network(), a.bytesPerSecond(), a.start(), at)
                : a);
    }

    /**
     * Activities still active at or after {@code from}, in publication order.
     *
     * @param from the earliest time of interest
     * @return the activities, oldest first
     */
    public synchronized List<SimActivity> activeFrom(Instant from) {
        List<SimActivity> out = new ArrayList<>();
        for (SimActivity a : activities) if (a.end().isAfter(from)) out.add(a);
        return out;
    }
}
