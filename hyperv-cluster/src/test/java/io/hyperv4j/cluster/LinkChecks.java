package io.hyperv4j.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimActivity;
import java.time.Instant;
import java.util.List;

/** What the substrate's links carry, read from the lab's activity log (what the counters read). */
public final class LinkChecks {
    private LinkChecks() {
    }

    /** The activities on {@code network} through {@code host} (sent or received) since {@code from}. */
    public static List<SimActivity> through(Lab lab, String host, String network, Instant from) {
        return lab.activities().activeFrom(from).stream()
                .filter(a -> network.equalsIgnoreCase(a.network()) && (host.equalsIgnoreCase(a.fromHost()) || host.equalsIgnoreCase(a.toHost())))
                .toList();
    }

    /** At every instant a phase begins or ends, the bytes per second through {@code host}'s adapter on {@code network} stay within its speed. */
    public static void assertNeverOverSpeed(Lab lab, String host, String network, Instant from, double bitsPerSecond) {
        List<SimActivity> all = through(lab, host, network, from);
        for (SimActivity at : all) {
            for (Instant t : List.of(at.start(), at.end().minusNanos(1))) {
                double sum = all.stream().filter(a -> !t.isBefore(a.start()) && t.isBefore(a.end())).mapToDouble(SimActivity::bytesPerSecond).sum();
                assertTrue(sum * 8 <= bitsPerSecond * 1.000001, host + " carries " + sum * 8 / 1e9 + " Gb/s on " + network + " at " + t);
            }
        }
    }

    /** The bytes the activities carried: rate times duration, summed. */
    public static double bytes(List<SimActivity> activities) {
        return activities.stream().mapToDouble(a -> a.bytesPerSecond() * (a.end().getEpochSecond() - a.start().getEpochSecond()
                + (a.end().getNano() - a.start().getNano()) / 1e9)).sum();
    }
}
