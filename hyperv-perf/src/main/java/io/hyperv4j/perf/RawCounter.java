package io.hyperv4j.perf;

/**
 * One raw reading of a counter, shaped like PDH_RAW_COUNTER: the counter's value (FirstValue), the
 * time or base value its type divides by (SecondValue), the multi-counter count (MultiCount), and
 * the frequency of the time base, plus the reading's status. Immutable.
 *
 * @param firstValue  the raw counter value (N)
 * @param secondValue the time stamp or base value (D or B), per {@link CounterType#timeBase()}
 * @param multiCount  the number of items for the multi-timer types (B of their formulas), else 0
 * @param frequency   ticks per second of the time base, used by the rate and average-timer types
 * @param status      a {@link PdhStatus} code; only a valid reading has a value
 */
public record RawCounter(long firstValue, long secondValue, long multiCount, long frequency, int status) {

    /**
     * A valid reading with no multi count.
     *
     * @param firstValue  the raw value
     * @param secondValue the time stamp or base value
     * @param frequency   ticks per second of the time base
     * @return the reading
     */
    public static RawCounter of(long firstValue, long secondValue, long frequency) {
        return new RawCounter(firstValue, secondValue, 0, frequency, PdhStatus.VALID_DATA);
    }

    /**
     * A reading that has no value.
     *
     * @param status why, a {@link PdhStatus} code
     * @return the reading, all values 0
     */
    public static RawCounter unavailable(int status) {
        return new RawCounter(0, 0, 0, 0, status);
    }

    /**
     * Whether the reading has a value.
     *
     * @return true when the status is valid
     */
    public boolean isValid() {
        return PdhStatus.isValid(status);
    }
}
