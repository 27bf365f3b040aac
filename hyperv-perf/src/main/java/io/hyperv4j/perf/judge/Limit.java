package io.hyperv4j.perf.judge;

/** A threshold's value, fixed or relative to the host. */
public interface Limit {

    /**
     * The limit on one host.
     *
     * @param facts the host's facts
     * @return the limit, in the counter's unit
     */
    double value(HostFacts facts);

    /**
     * How the limit reads in messages, e.g. "500" or "10% of physical memory".
     *
     * @return the text
     */
    String describe();

    /**
     * The same limit on every host.
     *
     * @param value the limit
     * @return the limit
     */
    static Limit fixed(double value) {
        return new Limit() {
            @Override
            public double value(HostFacts facts) {
                return value;
            }

            @Override
            public String describe() {
                return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
            }
        };
    }

    /**
     * {@code fraction} of the host's physical memory, in MB (for Memory\Available MBytes).
     *
     * @param fraction e.g. 0.1 for 10 %
     * @return the limit
     */
    static Limit fractionOfPhysicalMemoryMb(double fraction) {
        return new Limit() {
            @Override
            public double value(HostFacts facts) {
                return facts.physicalMemoryMb() * fraction;
            }

            @Override
            public String describe() {
                return pct(fraction) + " of physical memory";
            }
        };
    }

    /**
     * {@code fraction} of the host's bandwidth, in bytes per second (for Bytes Total/sec).
     *
     * @param fraction e.g. 0.41 for 41 %
     * @return the limit
     */
    static Limit fractionOfBandwidthBytesPerSecond(double fraction) {
        return new Limit() {
            @Override
            public double value(HostFacts facts) {
                return facts.bandwidthBitsPerSecond() / 8.0 * fraction;
            }

            @Override
            public String describe() {
                return pct(fraction) + " of bandwidth";
            }
        };
    }

    private static String pct(double fraction) {
        double p = fraction * 100;
        return (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p)) + "%";
    }
}
