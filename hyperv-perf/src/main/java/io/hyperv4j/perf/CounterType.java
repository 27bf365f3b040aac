package io.hyperv4j.perf;

import java.util.HashMap;
import java.util.Map;

/**
 * The raw counter types of winperf.h in use by the counters this module reads, with their
 * documented constants. How two raw samples become a value is {@link CounterMath}; this enum only
 * says what a type's raw fields mean.
 * <p>Every constant is the decimal/hex value Microsoft documents (WMI performance counter types,
 * "Calculating Counter Values" in the Performance Counters SDK). Immutable.
 */
public enum CounterType {
    /** The latest 32-bit value, shown in hexadecimal. */
    PERF_COUNTER_RAWCOUNT_HEX(0x00000000),
    /** The latest 64-bit value, shown in hexadecimal. */
    PERF_COUNTER_LARGE_RAWCOUNT_HEX(0x00000100),
    /** Text, not a number. */
    PERF_COUNTER_TEXT(0x00000B00),
    /** The latest 32-bit value (an instantaneous count). */
    PERF_COUNTER_RAWCOUNT(0x00010000),
    /** The latest 64-bit value (an instantaneous count). */
    PERF_COUNTER_LARGE_RAWCOUNT(0x00010100),
    /** The change of a 32-bit count between two samples. */
    PERF_COUNTER_DELTA(0x00400400),
    /** The change of a 64-bit count between two samples. */
    PERF_COUNTER_LARGE_DELTA(0x00400500),
    /** Average count per second of a 32-bit count, its time taken from the sample base. */
    PERF_SAMPLE_COUNTER(0x00410400),
    /** Average length of a queue (32-bit), over the performance time. */
    PERF_COUNTER_QUEUELEN_TYPE(0x00450400),
    /** Average length of a queue (64-bit), over the performance time. */
    PERF_COUNTER_LARGE_QUEUELEN_TYPE(0x00450500),
    /** Average length of a queue, over the 100 ns system time. */
    PERF_COUNTER_100NS_QUEUELEN_TYPE(0x00550500),
    /** Average length of a queue, over the object's own time. */
    PERF_COUNTER_OBJ_TIME_QUEUELEN_TYPE(0x00650500),
    /** Operations per second, from a 32-bit count. */
    PERF_COUNTER_COUNTER(0x10410400),
    /** Operations (e.g. bytes) per second, from a 64-bit count. */
    PERF_COUNTER_BULK_COUNT(0x10410500),
    /** A 32-bit value as a percentage of its base (100 * N / B). */
    PERF_RAW_FRACTION(0x20020400),
    /** A 64-bit value as a percentage of its base (100 * N / B). */
    PERF_LARGE_RAW_FRACTION(0x20020500),
    /** Percentage of elapsed time active, in performance-time ticks. */
    PERF_COUNTER_TIMER(0x20410500),
    /** Percentage of time active, against a precise system time stamp base. */
    PERF_PRECISION_SYSTEM_TIMER(0x20470500),
    /** Percentage of elapsed time active, in 100 ns units. */
    PERF_100NSEC_TIMER(0x20510500),
    /** Percentage of time active in 100 ns units, against a precise time stamp base. */
    PERF_PRECISION_100NS_TIMER(0x20570500),
    /** Percentage of the object's own elapsed time active. */
    PERF_OBJ_TIME_TIMER(0x20610500),
    /** Percentage of time active, against the object's precise time stamp base. */
    PERF_PRECISION_OBJECT_TIMER(0x20670500),
    /** Positive samples as a percentage of all samples between two readings (100 * (N1 - N0) / (B1 - B0)). */
    PERF_SAMPLE_FRACTION(0x20C20400),
    /** Percentage of time active, measured as 100 minus the idle share, in performance-time ticks. */
    PERF_COUNTER_TIMER_INV(0x21410500),
    /** Percentage of time active, measured as 100 minus the idle share, in 100 ns units. */
    PERF_100NSEC_TIMER_INV(0x21510500),
    /** Percentage of time active across several items (the base counts them), in performance-time ticks. */
    PERF_COUNTER_MULTI_TIMER(0x22410500),
    /** Percentage of time active across several items (the base counts them), in 100 ns units. */
    PERF_100NSEC_MULTI_TIMER(0x22510500),
    /** The inverse of {@link #PERF_COUNTER_MULTI_TIMER}: from the idle time of several items. */
    PERF_COUNTER_MULTI_TIMER_INV(0x23410500),
    /** The inverse of {@link #PERF_100NSEC_MULTI_TIMER}: from the idle time of several items. */
    PERF_100NSEC_MULTI_TIMER_INV(0x23510500),
    /** Average time per operation, in seconds (time ticks over operations). */
    PERF_AVERAGE_TIMER(0x30020400),
    /** Time since the object started, in seconds. */
    PERF_ELAPSED_TIME(0x30240500),
    /** A counter that carries no data. */
    PERF_COUNTER_NODATA(0x40000200),
    /** Average count per operation (e.g. bytes per transfer). */
    PERF_AVERAGE_BULK(0x40020500),
    /** Base of {@link #PERF_SAMPLE_COUNTER} and {@link #PERF_SAMPLE_FRACTION}. */
    PERF_SAMPLE_BASE(0x40030401),
    /** Base of {@link #PERF_AVERAGE_TIMER} and {@link #PERF_AVERAGE_BULK}: the operation count. */
    PERF_AVERAGE_BASE(0x40030402),
    /** Base of {@link #PERF_RAW_FRACTION}. */
    PERF_RAW_BASE(0x40030403),
    /** Time stamp base of the precision timers. */
    PERF_PRECISION_TIMESTAMP(0x40030500),
    /** Base of {@link #PERF_LARGE_RAW_FRACTION}. */
    PERF_LARGE_RAW_BASE(0x40030503),
    /** Base of the multi-timers: the number of items measured. */
    PERF_COUNTER_MULTI_BASE(0x42030500);

    /** winperf.h: PERF_DELTA_COUNTER, set when two samples are needed. */
    public static final int PERF_DELTA_COUNTER = 0x00400000;
    /** winperf.h: PERF_DELTA_BASE, set when the base must also be differenced. */
    public static final int PERF_DELTA_BASE = 0x00800000;
    private static final int SIZE_MASK = 0x00000300;
    private static final int SIZE_LARGE = 0x00000100;

    private static final Map<Integer, CounterType> BY_CODE = new HashMap<>();

    static {
        for (CounterType t : values()) BY_CODE.put(t.code, t);
    }

    private final int code;

    CounterType(int code) {
        this.code = code;
    }

    /**
     * The winperf.h constant, as PDH and the WMI CounterType qualifier report it.
     *
     * @return the constant
     */
    public int code() {
        return code;
    }

    /**
     * The type with this constant.
     *
     * @param code the winperf.h constant
     * @return the type
     * @throws IllegalArgumentException naming the constant when it is not one this module knows
     */
    public static CounterType fromCode(int code) {
        CounterType t = BY_CODE.get(code);
        if (t == null) {
            throw new IllegalArgumentException(String.format("unknown counter type 0x%08X (%d)", code, code & 0xFFFFFFFFL));
        }
        return t;
    }

    /**
     * Whether a value needs two raw samples (PERF_DELTA_COUNTER, or the average types).
     *
     * @return true for two-sample types
     */
    public boolean needsTwoSamples() {
        return (code & PERF_DELTA_COUNTER) != 0 || this == PERF_AVERAGE_TIMER || this == PERF_AVERAGE_BULK;
    }

    /**
     * Whether the counter field is 32 bits wide (PERF_SIZE_DWORD): such counters wrap at 2^32.
     *
     * @return true for DWORD fields
     */
    public boolean isDword() {
        return (code & SIZE_MASK) == 0;
    }

    /**
     * Whether the field is 64 bits wide (PERF_SIZE_LARGE).
     *
     * @return true for 64-bit fields
     */
    public boolean isLarge() {
        return (code & SIZE_MASK) == SIZE_LARGE;
    }

    /**
     * Base types (PERF_TYPE_COUNTER | PERF_COUNTER_BASE) only feed another counter's denominator.
     *
     * @return true for a base type
     */
    public boolean isBase() {
        return this == PERF_SAMPLE_BASE || this == PERF_AVERAGE_BASE || this == PERF_RAW_BASE
                || this == PERF_LARGE_RAW_BASE || this == PERF_COUNTER_MULTI_BASE || this == PERF_PRECISION_TIMESTAMP;
    }

    /**
     * Whether the type's formula divides by a separate base counter rather than by a clock.
     *
     * @return true if a base counter goes with it
     */
    public boolean hasBaseCounter() {
        return switch (this) {
            case PERF_SAMPLE_COUNTER, PERF_SAMPLE_FRACTION, PERF_RAW_FRACTION, PERF_LARGE_RAW_FRACTION,
                 PERF_AVERAGE_TIMER, PERF_AVERAGE_BULK, PERF_PRECISION_SYSTEM_TIMER, PERF_PRECISION_100NS_TIMER,
                 PERF_PRECISION_OBJECT_TIMER, PERF_COUNTER_MULTI_TIMER, PERF_COUNTER_MULTI_TIMER_INV,
                 PERF_100NSEC_MULTI_TIMER, PERF_100NSEC_MULTI_TIMER_INV -> true;
            default -> false;
        };
    }

    /**
     * What PDH puts in a raw counter's SecondValue for this type (PDH_RAW_COUNTER): the system
     * performance time in ticks of the performance frequency, the 100 ns system time, the object's
     * own time, or the value of the base counter.
     *
     * @return the time base
     */
    public TimeBase timeBase() {
        return switch (this) {
            case PERF_COUNTER_COUNTER, PERF_COUNTER_BULK_COUNT, PERF_COUNTER_TIMER, PERF_COUNTER_TIMER_INV,
                 PERF_COUNTER_QUEUELEN_TYPE, PERF_COUNTER_LARGE_QUEUELEN_TYPE, PERF_COUNTER_MULTI_TIMER,
                 PERF_COUNTER_MULTI_TIMER_INV -> TimeBase.PERF_TIME;
            case PERF_100NSEC_TIMER, PERF_100NSEC_TIMER_INV, PERF_COUNTER_100NS_QUEUELEN_TYPE,
                 PERF_100NSEC_MULTI_TIMER, PERF_100NSEC_MULTI_TIMER_INV -> TimeBase.SYSTEM_100NS;
            case PERF_OBJ_TIME_TIMER, PERF_COUNTER_OBJ_TIME_QUEUELEN_TYPE, PERF_ELAPSED_TIME -> TimeBase.OBJECT_TIME;
            case PERF_SAMPLE_COUNTER, PERF_SAMPLE_FRACTION, PERF_RAW_FRACTION, PERF_LARGE_RAW_FRACTION,
                 PERF_AVERAGE_TIMER, PERF_AVERAGE_BULK, PERF_PRECISION_SYSTEM_TIMER, PERF_PRECISION_100NS_TIMER,
                 PERF_PRECISION_OBJECT_TIMER -> TimeBase.BASE_COUNTER;
            default -> TimeBase.NONE;
        };
    }

    /**
     * Whether this type's base counter is 32 bits wide and so wraps at 2^32: PERF_AVERAGE_BASE,
     * PERF_SAMPLE_BASE and PERF_RAW_BASE are DWORDs; the large raw base, the multi base and the
     * precision time stamp are 64-bit.
     *
     * @return true if the base wraps at 2^32
     */
    public boolean baseIsDword() {
        return switch (this) {
            case PERF_AVERAGE_TIMER, PERF_AVERAGE_BULK, PERF_SAMPLE_COUNTER, PERF_SAMPLE_FRACTION, PERF_RAW_FRACTION -> true;
            default -> false;
        };
    }

    /**
     * Whether the cooked value is a percentage (PERF_DISPLAY_PERCENT).
     *
     * @return true for percentages
     */
    public boolean isPercent() {
        return (code & 0xF0000000) == 0x20000000;
    }

    /** Where a raw counter's second value comes from. */
    public enum TimeBase {
        /** No second value is used. */
        NONE,
        /** System performance counter ticks (QueryPerformanceCounter), with the frequency. */
        PERF_TIME,
        /** System time in 100 ns units. */
        SYSTEM_100NS,
        /** The object's own time stamp and frequency. */
        OBJECT_TIME,
        /** The value of the companion base counter. */
        BASE_COUNTER
    }
}
