package io.hyperv4j.perf.source;

import io.hyperv4j.perf.PdhStatus;
import io.hyperv4j.perf.RawCounter;

/**
 * One collection's raw readings for a fixed list of counters, in parallel arrays so a collection
 * allocates nothing: the PDH_RAW_COUNTER fields per counter, plus the collection's time stamp.
 * A reader overwrites every slot on each read. Not thread-safe: one sampler owns a batch.
 */
public final class RawBatch {
    /** The collection's time, in milliseconds since the Unix epoch. */
    public long timestampMillis;
    /** PDH_RAW_COUNTER.FirstValue per counter. */
    public final long[] first;
    /** PDH_RAW_COUNTER.SecondValue per counter (the time base's ticks for timer counters). */
    public final long[] second;
    /** PDH_RAW_COUNTER.MultiCount per counter (0 unless the counter type uses it). */
    public final long[] multi;
    /** The counter's time base in ticks per second (PdhGetCounterTimeBase), 0 when it has none. */
    public final long[] frequency;
    /** The PDH status of each counter's reading ({@link PdhStatus#VALID_DATA} when valid). */
    public final int[] status;

    /**
     * A batch of zeroed slots.
     *
     * @param size the number of counters
     */
    public RawBatch(int size) {
        first = new long[size];
        second = new long[size];
        multi = new long[size];
        frequency = new long[size];
        status = new int[size];
    }

    /**
     * The number of counters.
     *
     * @return the slot count
     */
    public int size() {
        return first.length;
    }

    /**
     * Records a valid reading (MultiCount 0).
     *
     * @param i              the counter's slot
     * @param firstValue     FirstValue
     * @param secondValue    SecondValue
     * @param frequencyValue the time base, ticks per second
     */
    public void set(int i, long firstValue, long secondValue, long frequencyValue) {
        first[i] = firstValue;
        second[i] = secondValue;
        multi[i] = 0;
        frequency[i] = frequencyValue;
        status[i] = PdhStatus.VALID_DATA;
    }

    /**
     * Records that a counter could not be read: its values are zeroed and its status kept.
     *
     * @param i         the counter's slot
     * @param pdhStatus why, e.g. PDH_CSTATUS_NO_INSTANCE
     */
    public void unavailable(int i, int pdhStatus) {
        first[i] = 0;
        second[i] = 0;
        multi[i] = 0;
        frequency[i] = 0;
        status[i] = pdhStatus;
    }

    /**
     * Marks every counter unavailable with one status.
     *
     * @param pdhStatus why
     */
    public void fill(int pdhStatus) {
        for (int i = 0; i < first.length; i++) unavailable(i, pdhStatus);
    }

    /**
     * One counter's reading as a value.
     *
     * @param i the counter's slot
     * @return a copy of its slot
     */
    public RawCounter get(int i) {
        return new RawCounter(first[i], second[i], multi[i], frequency[i], status[i]);
    }
}
