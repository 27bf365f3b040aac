package io.hyperv4j.cluster.migration;

import java.time.Duration;

/**
 * The network a live migration copies memory over: its line rate and round-trip latency.
 * Throughput is the line rate times the protocol efficiency of the model, and never more than
 * one TCP window per round trip (so a long, thin path is slower than its line rate suggests).
 *
 * @param bitsPerSecond line rate, e.g. 1e9 for 1 GbE
 * @param roundTrip     round-trip time between source and destination
 */
public record MigrationLink(double bitsPerSecond, Duration roundTrip) {
    /** 1 GbE with a 0.2 ms round trip. */
    public static final MigrationLink GIGABIT_LAN = gbps(1);

    /**
     * Validates the rate and the round trip.
     *
     * @param bitsPerSecond line rate, positive and finite
     * @param roundTrip     round-trip time, not negative
     * @throws IllegalArgumentException when either is out of range
     */
    public MigrationLink {
        Limits.between("link speed (bits/s)", bitsPerSecond, Limits.MIN_LINK_BITS_PER_SECOND, Limits.MAX_LINK_BITS_PER_SECOND);
        Limits.notNegative("round-trip time", roundTrip);
        if (roundTrip.compareTo(Limits.MAX_ROUND_TRIP) > 0)
            throw new IllegalArgumentException("round-trip time must be at most " + Limits.MAX_ROUND_TRIP + ": " + roundTrip);
    }

    /**
     * A LAN link of {@code gbps} gigabits per second with a 0.2 ms round trip.
     *
     * @param gbps the line rate in Gbit/s
     * @return the link
     */
    public static MigrationLink gbps(double gbps) {
        return new MigrationLink(gbps * 1e9, Duration.ofNanos(200_000));
    }

    /**
     * The round trip in seconds.
     *
     * @return the round-trip time
     */
    public double roundTripSeconds() {
        return Limits.toSeconds(roundTrip);
    }
}
