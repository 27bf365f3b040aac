package io.hyperv4j.perf.sim;

import io.hyperv4j.perf.PerfException;
import io.hyperv4j.sim.SimActivity;
import java.util.HashMap;
import java.util.Map;

/**
 * What an in-guest agent's job (a {@code GUEST_AGENT} backup of one guest's database) does to the
 * RPC latency of the Exchange stores on its host: the agent reads the database through the guest's
 * disk, on the LU the host's guests share, so every store there waits behind those reads, each by
 * its own sensitivity (how much of its working set misses the cache, where its files sit). The
 * latency rises by {@code steady x sensitivity x the job's bytes a second read}, while the job reads
 * and in proportion to its rate: the transfer reads at the rate its bytes move, its tail (an
 * express full's or synchronisation's scan) at the scan's. A guest on another host queues on its
 * own path to the LU and is not touched.
 *
 * @param perBytePerSecond each job kind's ({@code REPLICA}, {@code EXPRESS_FULL},
 *                         {@code SYNCHRONIZATION}) per-guest sensitivity: the relative rise per byte
 *                         a second the job reads; a guest not listed is untouched
 * @param scanBytesPerSecond what a job's tail reads a second
 */
public record InGuestRpc(Map<String, Map<String, Double>> perBytePerSecond, double scanBytesPerSecond) {
    private static final String AGENT = "/GUEST_AGENT";

    /**
     * Copies the maps: the fit is fixed once made.
     *
     * @param perBytePerSecond   per job kind, each guest's relative rise per byte a second read
     * @param scanBytesPerSecond what a job's tail reads a second
     */
    public InGuestRpc {
        Map<String, Map<String, Double>> copy = new HashMap<>();
        perBytePerSecond.forEach((kind, guests) -> copy.put(kind, Map.copyOf(guests)));
        perBytePerSecond = Map.copyOf(copy);
    }

    /**
     * Fits the sensitivities on measured means: for each job kind, each guest's mean latency over the
     * job against its steady state, divided by the job's mean bytes a second read over the same window.
     *
     * @param measuredMs      per job kind, each guest's mean RPC latency over the job, ms
     * @param steadyMs        each guest's steady-state latency, ms
     * @param meanBytesPerSecond per job kind, the bytes a second it reads averaged over its whole window
     * @param scanBytesPerSecond what a job's tail reads a second
     * @return the fit
     * @throws PerfException when a kind has no mean load or a guest no steady state
     */
    public static InGuestRpc fit(Map<String, Map<String, Double>> measuredMs, Map<String, Double> steadyMs,
                                 Map<String, Double> meanBytesPerSecond, double scanBytesPerSecond) {
        Map<String, Map<String, Double>> fit = new HashMap<>();
        measuredMs.forEach((kind, guests) -> {
            Double load = meanBytesPerSecond.get(kind);
            if (load == null || !(load > 0)) throw new PerfException("in-guest " + kind + ": no mean load to fit the RPC latency on");
            Map<String, Double> s = new HashMap<>();
            guests.forEach((guest, ms) -> {
                Double steady = steadyMs.get(guest);
                if (steady == null) throw new PerfException("in-guest " + kind + ": guest '" + guest + "' has no steady-state latency");
                s.put(guest, (ms / steady - 1) / load);
            });
            fit.put(kind, s);
        });
        return new InGuestRpc(fit, scanBytesPerSecond);
    }

    /**
     * The same fit with one more guest whose sensitivity to each job kind is the mean of the others'
     * (a guest the measurement left out).
     *
     * @param guest the guest to add
     * @return the fit with it
     */
    public InGuestRpc withMeanOfOthers(String guest) {
        Map<String, Map<String, Double>> fit = new HashMap<>();
        perBytePerSecond.forEach((kind, guests) -> {
            Map<String, Double> s = new HashMap<>(guests);
            s.put(guest, guests.values().stream().mapToDouble(Double::doubleValue).average().orElse(0));
            fit.put(kind, s);
        });
        return new InGuestRpc(fit, scanBytesPerSecond);
    }

    /**
     * The relative rise of {@code guest}'s RPC latency because of one published phase (0 unless it
     * is an in-guest agent's backup transfer or tail).
     *
     * @param guest the guest, upper case
     * @param a     the phase, running on the guest's host
     * @return the rise, a fraction of the steady-state latency
     */
    public double rise(String guest, SimActivity a) {
        String k = a.kind();
        if (!k.startsWith(SimActivity.BACKUP) || !k.contains(AGENT)) return 0;
        String kind = k.substring(SimActivity.BACKUP.length(), k.indexOf('/', SimActivity.BACKUP.length()));
        Double s = perBytePerSecond.getOrDefault(kind, Map.of()).get(guest);
        if (s == null) return 0;
        return s * (k.endsWith(SimActivity.BACKUP_TAIL) ? scanBytesPerSecond : a.bytesPerSecond());
    }
}
