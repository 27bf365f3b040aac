package io.hyperv4j.cim.schema;

/**
 * A documented range of values with one meaning, e.g. 32768..65535 "Vendor Specific". Immutable.
 *
 * @param from  the first value, inclusive (unsigned)
 * @param to    the last value, inclusive (unsigned)
 * @param label the meaning
 */
public record ValueRange(long from, long to, String label) {
    /**
     * Checks the range.
     *
     * @param from  the first value
     * @param to    the last value
     * @param label the meaning
     * @throws IllegalArgumentException if {@code from} is above {@code to} (unsigned)
     */
    public ValueRange {
        if (Long.compareUnsigned(from, to) > 0) throw new IllegalArgumentException("empty range " + from + ".." + to);
    }

    /**
     * Whether {@code v} is in the range. Unsigned comparison, so uint64 bit patterns order correctly.
     *
     * @param v the value
     * @return true if from &lt;= v &lt;= to
     */
    public boolean contains(long v) {
        return Long.compareUnsigned(v, from) >= 0 && Long.compareUnsigned(v, to) <= 0;
    }
}
