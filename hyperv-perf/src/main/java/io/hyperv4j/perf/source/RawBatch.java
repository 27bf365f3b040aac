package io.hyperv4j.perf.source;

import io.hyperv4j.perf.PdhStatus;
import io.hyperv4j.perf.RawCounter;

/**
 * One collection's raw readings for a fixed list of counters, in parallel arrays so a collection
 * allocates nothing: the PDH_RAW_COUNTER fields per counter, plus the collection's time stamp.
 * A reader overwrites every slot on each read.
 */
public final class RawBatch {
    /** The collection's time, in milliseconds since the Unix epoch. */
    public long timestampMillis;
    public final long[] first;
    public final long[] second;
    public final long[] multi;
    public final long[] frequency;
    public final int[] status;

    public RawBatch(int size) {
        first = new long[size];
        second = new long[size];
        multi = new long[size];
        frequency = new long[size];
        status = new int[size];
    }

    public int size() {
        return first.length;
    }

    public void set(int i, long firstValue, long secondValue, long frequencyValue) {
        first[i] = firstValue;
        second[i] = secondValue;
        multi[i] = 0;
        frequency[i] = frequencyValue;
        status[i] = PdhStatus.VALID_DATA;
    }

    public void unavailable(int i, int pdhStatus) {
        first[i] = 0;
        second[i] = 0;
        multi[i] = 0;
        frequency[i] = 0;
        status[i] = pdhStatus;
    }

    public void fill(int pdhStatus) {
        for (int i = 0; i < first.length; i++) unavailable(i, pdhStatus);
    }

    public RawCounter get(int i) {
        return new RawCounter(first[i], second[i], multi[i], frequency[i], status[i]);
    }
}
