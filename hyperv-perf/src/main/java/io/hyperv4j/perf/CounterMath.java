package io.hyperv4j.perf;

/**
 * Turns raw counter samples into values exactly as PDH's documented formulas do ("Calculating
 * Counter Values", Performance Counters SDK). N is a counter's first value, D its time stamp, B its
 * base, F the time base frequency; 0 is the older sample and 1 the newer.
 * <ul>
 * <li>PERF_COUNTER_COUNTER, _BULK_COUNT, PERF_SAMPLE_COUNTER: (N1 - N0) / ((D1 - D0) / F)</li>
 * <li>queue-length types, PERF_AVERAGE_BULK: (N1 - N0) / (D1 - D0)</li>
 * <li>PERF_COUNTER_TIMER, PERF_100NSEC_TIMER, the precision and object timers, PERF_SAMPLE_FRACTION:
 * 100 * (N1 - N0) / (D1 - D0)</li>
 * <li>PERF_COUNTER_TIMER_INV, PERF_100NSEC_TIMER_INV: 100 * (1 - (N1 - N0) / (D1 - D0))</li>
 * <li>PERF_COUNTER_MULTI_TIMER: 100 * ((N1 - N0) / ((D1 - D0) / F)) / B1;
 * PERF_100NSEC_MULTI_TIMER: 100 * ((N1 - N0) / (D1 - D0)) / B1; both _INV: 100 * (B1 - (N1 - N0) / (D1 - D0))</li>
 * <li>raw counts: N; deltas: N1 - N0; raw fractions: 100 * N / B</li>
 * <li>PERF_AVERAGE_TIMER: ((N1 - N0) / F) / (B1 - B0); PERF_ELAPSED_TIME: (D - N) / F</li>
 * </ul>
 * <b>Wrap and reset.</b> A 32-bit field (PERF_SIZE_DWORD, and the DWORD base types) that reads lower
 * than before has wrapped at 2^32 when the forward distance is at most 2^31, and its delta is taken
 * modulo 2^32. Any other decrease, and every decrease of a 64-bit field, is a reset (the instance was
 * recreated or the provider restarted): like PDH, that pair yields no value (PDH_CALC_NEGATIVE_VALUE)
 * and the newer sample becomes the next pair's start. A clock that did not advance gives
 * PDH_CALC_NEGATIVE_DENOMINATOR, one that went back PDH_CALC_NEGATIVE_TIMEBASE. A base that did not
 * move gives 0 for the average types (no operations, as perfmon shows 0.000).
 * <p>Percentages of the single-item timers are capped to 0..100, as PDH formats them unless
 * {@link #NOCAP100} is given. Nothing here allocates: the hot path writes into caller arrays.
 * Stateless and thread-safe.
 */
public final class CounterMath {
    /** PDH_FMT_NOCAP100: do not cap percentages at 100 (nor floor the inverse timers at 0). */
    public static final int NOCAP100 = 0x00008000;

    private static final long TWO_32 = 1L << 32;
    private static final long RESET = Long.MIN_VALUE;

    private CounterMath() {
    }

    /**
     * Cooks one counter from two raw readings ({@code previous} may be null for single-sample types),
     * percentages capped.
     *
     * @param type     the counter type
     * @param previous the older reading, or null
     * @param current  the newer reading
     * @return the value, or no value with the PDH status that says why
     */
    public static CookedValue cook(CounterType type, RawCounter previous, RawCounter current) {
        return cook(type, previous, current, 0);
    }

    /**
     * Cooks one counter from two raw readings with PDH formatting flags.
     *
     * @param type     the counter type
     * @param previous the older reading, or null for single-sample types
     * @param current  the newer reading
     * @param flags    e.g. {@link #NOCAP100}, or 0
     * @return the value, or no value with the PDH status that says why (PDH_CSTATUS_INVALID_DATA when
     *         a two-sample type has no older reading)
     */
    public static CookedValue cook(CounterType type, RawCounter previous, RawCounter current, int flags) {
        if (!current.isValid()) return CookedValue.unavailable(current.status());
        double[] out = new double[1];
        int status;
        if (previous == null) {
            if (type.needsTwoSamples()) return CookedValue.unavailable(PdhStatus.INVALID_DATA);
            status = cook(type, 0, 0, current.firstValue(), current.secondValue(), current.multiCount(),
                    current.frequency(), flags, out, 0);
        } else {
            if (!previous.isValid()) return CookedValue.unavailable(previous.status());
            status = cook(type, previous.firstValue(), previous.secondValue(), current.firstValue(),
                    current.secondValue(), current.multiCount(), current.frequency(), flags, out, 0);
        }
        return PdhStatus.isValid(status) ? new CookedValue(out[0], status) : CookedValue.unavailable(status);
    }

    /**
     * The allocation-free form: writes the value to {@code out[index]} (NaN when there is none) and
     * returns its {@link PdhStatus}.
     *
     * @param type      the counter type
     * @param n0        the older FirstValue (ignored by single-sample types)
     * @param d0        the older SecondValue
     * @param n1        the newer FirstValue
     * @param d1        the newer SecondValue
     * @param multi1    the newer MultiCount
     * @param frequency ticks per second of the time base
     * @param flags     e.g. {@link #NOCAP100}, or 0
     * @param out       receives the value
     * @param index     where in {@code out}
     * @return the status of the value
     */
    public static int cook(CounterType type, long n0, long d0, long n1, long d1, long multi1, long frequency,
                           int flags, double[] out, int index) {
        boolean cap = (flags & NOCAP100) == 0;
        double v;
        switch (type) {
            case PERF_COUNTER_RAWCOUNT, PERF_COUNTER_RAWCOUNT_HEX -> v = n1 & 0xFFFFFFFFL;
            case PERF_COUNTER_LARGE_RAWCOUNT, PERF_COUNTER_LARGE_RAWCOUNT_HEX -> v = unsigned(n1);
            case PERF_RAW_FRACTION, PERF_LARGE_RAW_FRACTION -> {
                double n = type.isDword() ? (n1 & 0xFFFFFFFFL) : unsigned(n1);
                double b = type.baseIsDword() ? (d1 & 0xFFFFFFFFL) : unsigned(d1);
                v = b == 0 ? 0 : 100.0 * n / b;
                if (cap) v = Math.min(100, v);
            }
            case PERF_ELAPSED_TIME -> {
                if (frequency <= 0) return fail(out, index, PdhStatus.INVALID_DATA);
                long dt = d1 - n1;
                if (dt < 0) return fail(out, index, PdhStatus.CALC_NEGATIVE_VALUE);
                v = (double) dt / frequency;
            }
            case PERF_COUNTER_DELTA, PERF_COUNTER_LARGE_DELTA -> {
                long dn = delta(type.isDword(), n0, n1);
                if (dn == RESET) return fail(out, index, PdhStatus.CALC_NEGATIVE_VALUE);
                v = dn;
            }
            case PERF_COUNTER_COUNTER, PERF_COUNTER_BULK_COUNT, PERF_SAMPLE_COUNTER -> {
                if (frequency <= 0) return fail(out, index, PdhStatus.INVALID_DATA);
                long dn = delta(type.isDword(), n0, n1);
                if (dn == RESET) return fail(out, index, PdhStatus.CALC_NEGATIVE_VALUE);
                long dd = type == CounterType.PERF_SAMPLE_COUNTER ? delta(true, d0, d1) : d1 - d0;
                int bad = checkClock(dd);
                if (bad != 0) return fail(out, index, bad);
                v = dn / ((double) dd / frequency);
            }
            case PERF_COUNTER_QUEUELEN_TYPE, PERF_COUNTER_LARGE_QUEUELEN_TYPE, PERF_COUNTER_100NS_QUEUELEN_TYPE,
                 PERF_COUNTER_OBJ_TIME_QUEUELEN_TYPE -> {
                long dn = delta(type.isDword(), n0, n1);
                if (dn == RESET) return fail(out, index, PdhStatus.CALC_NEGATIVE_VALUE);
                long dd = d1 - d0;
                int bad = checkClock(dd);
                if (bad != 0) return fail(out, index, bad);
                v = (double) dn / dd;
            }
            case PERF_AVERAGE_BULK, PERF_AVERAGE_TIMER -> {
                long dn = delta(type.isDword(), n0, n1);
                if (dn == RESET) return fail(out, index, PdhStatus.CALC_NEGATIVE_VALUE);
                long db = delta(true, d0, d1);
                if (db == RESET) return fail(out, index, PdhStatus.CALC_NEGATIVE_DENOMINATOR);
                if (type == CounterType.PERF_AVERAGE_TIMER) {
                    if (frequency <= 0) return fail(out, index, PdhStatus.INVALID_DATA);
                    v = db == 0 ? 0 : (double) dn / frequency / db;
                } else {
                    v = db == 0 ? 0 : (double) dn / db;
                }
            }
            case PERF_COUNTER_TIMER, PERF_100NSEC_TIMER, PERF_OBJ_TIME_TIMER, PERF_PRECISION_SYSTEM_TIMER,
                 PERF_PRECISION_100NS_TIMER, PERF_PRECISION_OBJECT_TIMER, PERF_SAMPLE_FRACTION -> {
                long dn = delta(type.isDword(), n0, n1);
                if (dn == RESET) return fail(out, index, PdhStatus.CALC_NEGATIVE_VALUE);
                long dd;
                if (type == CounterType.PERF_SAMPLE_FRACTION) {
                    dd = delta(true, d0, d1);
                    if (dd == RESET) return fail(out, index, PdhStatus.CALC_NEGATIVE_DENOMINATOR);
                    if (dd == 0) {
                        v = 0;
                        break;
                    }
                } else {
                    dd = d1 - d0;
                    int bad = checkClock(dd);
                    if (bad != 0) return fail(out, index, bad);
                }
                v = 100.0 * dn / dd;
                if (cap) v = Math.max(0, Math.min(100, v));
            }
            case PERF_COUNTER_TIMER_INV, PERF_100NSEC_TIMER_INV -> {
                long dn = delta(type.isDword(), n0, n1);
                if (dn == RESET) return fail(out, index, PdhStatus.CALC_NEGATIVE_VALUE);
                long dd = d1 - d0;
                int bad = checkClock(dd);
                if (bad != 0) return fail(out, index, bad);
                v = 100.0 * (1.0 - (double) dn / dd);
                if (cap) v = Math.max(0, Math.min(100, v));
            }
            case PERF_COUNTER_MULTI_TIMER, PERF_100NSEC_MULTI_TIMER, PERF_COUNTER_MULTI_TIMER_INV,
                 PERF_100NSEC_MULTI_TIMER_INV -> {
                long dn = delta(false, n0, n1);
                if (dn == RESET) return fail(out, index, PdhStatus.CALC_NEGATIVE_VALUE);
                long dd = d1 - d0;
                int bad = checkClock(dd);
                if (bad != 0) return fail(out, index, bad);
                if (type == CounterType.PERF_COUNTER_MULTI_TIMER_INV || type == CounterType.PERF_100NSEC_MULTI_TIMER_INV) {
                    v = 100.0 * (multi1 - (double) dn / dd);
                } else {
                    if (multi1 <= 0) return fail(out, index, PdhStatus.CALC_NEGATIVE_DENOMINATOR);
                    if (type == CounterType.PERF_COUNTER_MULTI_TIMER) {
                        if (frequency <= 0) return fail(out, index, PdhStatus.INVALID_DATA);
                        v = 100.0 * (dn / ((double) dd / frequency)) / multi1;
                    } else {
                        v = 100.0 * ((double) dn / dd) / multi1;
                    }
                }
            }
            default -> {
                return fail(out, index, PdhStatus.INVALID_DATA);
            }
        }
        out[index] = v;
        return PdhStatus.VALID_DATA;
    }

    /** N1 - N0 for a field of the given width, with 32-bit wrap, or {@link #RESET}. */
    static long delta(boolean dword, long n0, long n1) {
        if (dword) {
            long a = n0 & 0xFFFFFFFFL;
            long b = n1 & 0xFFFFFFFFL;
            if (b >= a) return b - a;
            long wrapped = b + TWO_32 - a;
            return wrapped <= (1L << 31) ? wrapped : RESET;
        }
        return Long.compareUnsigned(n1, n0) >= 0 ? n1 - n0 : RESET;
    }

    private static int checkClock(long dd) {
        if (dd < 0) return PdhStatus.CALC_NEGATIVE_TIMEBASE;
        if (dd == 0) return PdhStatus.CALC_NEGATIVE_DENOMINATOR;
        return 0;
    }

    private static int fail(double[] out, int index, int status) {
        out[index] = Double.NaN;
        return status;
    }

    private static double unsigned(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
    }
}
