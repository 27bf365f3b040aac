package io.hyperv4j.perf;

import static io.hyperv4j.perf.CounterType.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every counter type against a value worked out by hand from PDH's documented formula. The raw
 * numbers are chosen so the arithmetic can be checked on paper; each comment shows it.
 */
class CounterMathTest {
    static final long F = 10_000_000L; // a 10 MHz performance frequency, as QPC reports on current Windows

    static double cook(CounterType t, long n0, long d0, long n1, long d1) {
        CookedValue v = CounterMath.cook(t, RawCounter.of(n0, d0, F), RawCounter.of(n1, d1, F));
        assertTrue(v.isValid(), () -> t + " " + v);
        return v.value();
    }

    static int status(CounterType t, long n0, long d0, long n1, long d1) {
        return CounterMath.cook(t, RawCounter.of(n0, d0, F), RawCounter.of(n1, d1, F)).status();
    }

    @Test
    void counterCounterIsARatePerSecond() {
        // Pages/sec: 700 pages over 20,000,000 ticks at 10 MHz = 2 s -> 350/s
        assertEquals(350.0, cook(PERF_COUNTER_COUNTER, 1000, 5_000_000, 1700, 25_000_000), 1e-12);
        // Bytes Total/sec: 91,136,400 bytes in 2 s -> 45,568,200/s
        assertEquals(45_568_200.0, cook(PERF_COUNTER_BULK_COUNT, 10_000_000_000L, 0, 10_091_136_400L, 20_000_000), 1e-6);
        // sample counter: 30 events, base 0.5 s of ticks -> 60/s
        assertEquals(60.0, cook(PERF_SAMPLE_COUNTER, 10, 1_000_000, 40, 6_000_000), 1e-12);
    }

    @Test
    void timersArePercentagesOfElapsedTime() {
        // 100 ns timer: busy 2,500,000 of 10,000,000 100ns units -> 25 %
        assertEquals(25.0, cook(PERF_100NSEC_TIMER, 0, 0, 2_500_000, 10_000_000), 1e-12);
        // inverse: idle 7,500,000 of 10,000,000 -> 100 * (1 - 0.75) = 25 %
        assertEquals(25.0, cook(PERF_100NSEC_TIMER_INV, 100, 0, 7_500_100, 10_000_000), 1e-12);
        // perf-time timer: 3,000,000 of 12,000,000 ticks -> 25 %
        assertEquals(25.0, cook(PERF_COUNTER_TIMER, 0, 0, 3_000_000, 12_000_000), 1e-12);
        assertEquals(75.0, cook(PERF_COUNTER_TIMER_INV, 0, 0, 3_000_000, 12_000_000), 1e-12);
        // precision 100 ns timer with its own base: % Total Run Time 468 of 10,000 -> 4.68 %
        assertEquals(4.68, cook(PERF_PRECISION_100NS_TIMER, 1000, 50_000, 1468, 60_000), 1e-12);
        assertEquals(50.0, cook(PERF_PRECISION_SYSTEM_TIMER, 0, 0, 5, 10), 1e-12);
        assertEquals(10.0, cook(PERF_PRECISION_OBJECT_TIMER, 0, 0, 1, 10), 1e-12);
        assertEquals(40.0, cook(PERF_OBJ_TIME_TIMER, 0, 0, 4, 10), 1e-12);
        // sample fraction: 3 hits of 4 samples -> 75 %
        assertEquals(75.0, cook(PERF_SAMPLE_FRACTION, 10, 20, 13, 24), 1e-12);
    }

    @Test
    void pdhCapsPercentagesUnlessAskedNotTo() {
        // 12 of 10 units busy (clock skew): PDH shows 100, with NOCAP100 120
        assertEquals(100.0, cook(PERF_100NSEC_TIMER, 0, 0, 12, 10), 0);
        assertEquals(0.0, cook(PERF_100NSEC_TIMER_INV, 0, 0, 12, 10), 0);
        double[] out = new double[1];
        assertEquals(PdhStatus.VALID_DATA, CounterMath.cook(PERF_100NSEC_TIMER, 0, 0, 12, 10, 0, F, CounterMath.NOCAP100, out, 0));
        assertEquals(120.0, out[0], 1e-12);
        CounterMath.cook(PERF_100NSEC_TIMER_INV, 0, 0, 12, 10, 0, F, CounterMath.NOCAP100, out, 0);
        assertEquals(-20.0, out[0], 1e-12);
    }

    @Test
    void multiTimersDivideByTheItemCount() {
        double[] out = new double[1];
        // 100 ns multi timer: 30 units busy over 10 units elapsed with 4 items -> 100 * 3 / 4 = 75 %
        CounterMath.cook(PERF_100NSEC_MULTI_TIMER, 0, 0, 30, 10, 4, F, 0, out, 0);
        assertEquals(75.0, out[0], 1e-12);
        // inverse: 100 * (4 - 30/10) = 100 (one item's worth idle, in "percent of one item")
        CounterMath.cook(PERF_100NSEC_MULTI_TIMER_INV, 0, 0, 30, 10, 4, F, 0, out, 0);
        assertEquals(100.0, out[0], 1e-12);
        CounterMath.cook(PERF_COUNTER_MULTI_TIMER_INV, 0, 0, 30, 10, 4, F, 0, out, 0);
        assertEquals(100.0, out[0], 1e-12);
        // perf-time multi timer: 100 * (6 / ((20,000,000 / 10,000,000) s)) / 3 = 100
        CounterMath.cook(PERF_COUNTER_MULTI_TIMER, 0, 0, 6, 20_000_000, 3, F, 0, out, 0);
        assertEquals(100.0, out[0], 1e-9);
        assertEquals(PdhStatus.CALC_NEGATIVE_DENOMINATOR, CounterMath.cook(PERF_100NSEC_MULTI_TIMER, 0, 0, 30, 10, 0, F, 0, out, 0));
    }

    @Test
    void averagesDivideByTheOperationCount() {
        // Avg. Disk sec/Read: 4,300,000 ticks (0.43 s) over 2 reads -> 0.215 s = 215 ms
        assertEquals(0.215, cook(PERF_AVERAGE_TIMER, 1_000_000, 98, 5_300_000, 100), 1e-15);
        // no reads in the interval: perfmon shows 0
        assertEquals(0.0, cook(PERF_AVERAGE_TIMER, 1_000_000, 100, 1_000_000, 100), 0);
        // Avg. Disk Bytes/Read: 65,536 bytes over 8 reads -> 8,192
        assertEquals(8192.0, cook(PERF_AVERAGE_BULK, 0, 0, 65_536, 8), 0);
    }

    @Test
    void queueLengthsDivideTheSpaceTimeProductByTime() {
        // 100 ns queue length: 15,000,000 item*100ns over 10,000,000 100ns -> 1.5 items
        assertEquals(1.5, cook(PERF_COUNTER_100NS_QUEUELEN_TYPE, 0, 0, 15_000_000, 10_000_000), 1e-12);
        assertEquals(2.0, cook(PERF_COUNTER_QUEUELEN_TYPE, 10, 10, 30, 20), 1e-12);
        assertEquals(0.25, cook(PERF_COUNTER_LARGE_QUEUELEN_TYPE, 0, 0, 5, 20), 1e-12);
        assertEquals(3.0, cook(PERF_COUNTER_OBJ_TIME_QUEUELEN_TYPE, 0, 0, 30, 10), 1e-12);
    }

    @Test
    void instantaneousTypesNeedOneSample() {
        assertEquals(3291.0, CounterMath.cook(PERF_COUNTER_RAWCOUNT, null, RawCounter.of(3291, 0, F)).value());
        assertEquals(255.0, CounterMath.cook(PERF_COUNTER_RAWCOUNT_HEX, null, RawCounter.of(0xFF, 0, F)).value());
        assertEquals(8_589_934_592.0, CounterMath.cook(PERF_COUNTER_LARGE_RAWCOUNT, null, RawCounter.of(1L << 33, 0, F)).value());
        assertEquals(8_589_934_592.0, CounterMath.cook(PERF_COUNTER_LARGE_RAWCOUNT_HEX, null, RawCounter.of(1L << 33, 0, F)).value());
        // a DWORD raw count is unsigned: 0xFFFFFFFF reads 4,294,967,295, not -1
        assertEquals(4_294_967_295.0, CounterMath.cook(PERF_COUNTER_RAWCOUNT, null, RawCounter.of(0xFFFFFFFFL, 0, F)).value());
        // % Committed Bytes In Use: 2,620 of 8,000 -> 32.75 %
        assertEquals(32.75, CounterMath.cook(PERF_RAW_FRACTION, null, RawCounter.of(2620, 8000, F)).value(), 1e-12);
        assertEquals(50.0, CounterMath.cook(PERF_LARGE_RAW_FRACTION, null, RawCounter.of(1L << 40, 1L << 41, F)).value(), 1e-12);
        // elapsed time: started at tick 10,000,000, now 70,000,000 at 10 MHz -> 6 s
        assertEquals(6.0, CounterMath.cook(PERF_ELAPSED_TIME, null, RawCounter.of(10_000_000, 70_000_000, F)).value(), 1e-12);
        // two-sample types with one sample have no value yet
        assertEquals(PdhStatus.INVALID_DATA, CounterMath.cook(PERF_COUNTER_COUNTER, null, RawCounter.of(5, 5, F)).status());
        assertEquals(PdhStatus.INVALID_DATA, CounterMath.cook(PERF_AVERAGE_TIMER, null, RawCounter.of(5, 5, F)).status());
    }

    @Test
    void deltasAreTheChange() {
        assertEquals(42.0, cook(PERF_COUNTER_DELTA, 100, 0, 142, 0), 0);
        assertEquals(42.0, cook(PERF_COUNTER_LARGE_DELTA, 1L << 40, 0, (1L << 40) + 42, 0), 0);
    }

    @Test
    void dwordCountersWrapAt2To32() {
        // 0xFFFFFF00 -> 0x00000064: 256 + 100 = 356 events over 1 s
        assertEquals(356.0, cook(PERF_COUNTER_COUNTER, 0xFFFFFF00L, 0, 0x64, F), 1e-9);
        assertEquals(356.0, cook(PERF_COUNTER_DELTA, 0xFFFFFF00L, 0, 0x64, 0), 0);
        // the DWORD base of an average timer wraps too: 3 operations across the wrap, 0.3 s -> 0.1 s each
        assertEquals(0.1, cook(PERF_AVERAGE_TIMER, 0, 0xFFFFFFFFL, 3_000_000, 2), 1e-15);
    }

    @Test
    void aDecreaseThatIsNotAWrapIsAResetAndGivesNoValue() {
        // 64-bit counter going back: the instance was recreated
        assertEquals(PdhStatus.CALC_NEGATIVE_VALUE, status(PERF_COUNTER_BULK_COUNT, 5_000_000_000L, 0, 1_000, F));
        // 32-bit counter going back by far more than half the range is a reset, not a wrap
        assertEquals(PdhStatus.CALC_NEGATIVE_VALUE, status(PERF_COUNTER_COUNTER, 2_000_000_000L, 0, 100, F));
        assertEquals(PdhStatus.CALC_NEGATIVE_VALUE, status(PERF_100NSEC_TIMER, 500, 0, 100, 10));
        assertEquals(PdhStatus.CALC_NEGATIVE_DENOMINATOR, status(PERF_AVERAGE_TIMER, 0, 2_000_000_000L, 10, 5));
        assertTrue(Double.isNaN(CounterMath.cook(PERF_COUNTER_BULK_COUNT, RawCounter.of(9, 0, F), RawCounter.of(1, F, F)).value()));
    }

    @Test
    void aClockThatDidNotAdvanceGivesNoValue() {
        assertEquals(PdhStatus.CALC_NEGATIVE_DENOMINATOR, status(PERF_COUNTER_COUNTER, 0, 100, 10, 100));
        assertEquals(PdhStatus.CALC_NEGATIVE_TIMEBASE, status(PERF_COUNTER_COUNTER, 0, 100, 10, 50));
        assertEquals(PdhStatus.CALC_NEGATIVE_TIMEBASE, status(PERF_100NSEC_TIMER_INV, 0, 100, 10, 50));
        assertEquals(PdhStatus.CALC_NEGATIVE_DENOMINATOR, status(PERF_COUNTER_100NS_QUEUELEN_TYPE, 0, 100, 10, 100));
    }

    @Test
    void anUnavailableReadingStaysUnavailable() {
        CookedValue v = CounterMath.cook(PERF_COUNTER_COUNTER, RawCounter.of(0, 0, F), RawCounter.unavailable(PdhStatus.NO_MACHINE));
        assertFalse(v.isValid());
        assertTrue(Double.isNaN(v.value()));
        assertEquals(PdhStatus.NO_MACHINE, v.status());
    }

    @Test
    void baseAndTextTypesHaveNoDisplayValue() {
        for (CounterType t : EnumSet.of(PERF_COUNTER_TEXT, PERF_AVERAGE_BASE, PERF_RAW_BASE, PERF_LARGE_RAW_BASE,
                PERF_SAMPLE_BASE, PERF_COUNTER_MULTI_BASE, PERF_PRECISION_TIMESTAMP, PERF_COUNTER_NODATA)) {
            assertEquals(PdhStatus.INVALID_DATA, CounterMath.cook(t, RawCounter.of(1, 1, F), RawCounter.of(2, 2, F)).status(), t.name());
        }
    }

    @Test
    void everyTypeIsCoveredAndConstantsMatchWinperf() {
        assertEquals(0x10410400, PERF_COUNTER_COUNTER.code());
        assertEquals(272696576, PERF_COUNTER_BULK_COUNT.code());
        assertEquals(542180608, PERF_100NSEC_TIMER.code());
        assertEquals(558957824, PERF_100NSEC_TIMER_INV.code());
        assertEquals(542573824, PERF_PRECISION_100NS_TIMER.code());
        assertEquals(65536, PERF_COUNTER_RAWCOUNT.code());
        assertEquals(65792, PERF_COUNTER_LARGE_RAWCOUNT.code());
        assertEquals(805438464, PERF_AVERAGE_TIMER.code());
        assertEquals(1073874176, PERF_AVERAGE_BULK.code());
        assertEquals(537003008, PERF_RAW_FRACTION.code());
        assertEquals(4523264, PERF_COUNTER_LARGE_QUEUELEN_TYPE.code());
        assertEquals(5571840, PERF_COUNTER_100NS_QUEUELEN_TYPE.code());
        assertEquals(807666944, PERF_ELAPSED_TIME.code());
        assertEquals(1073939458, PERF_AVERAGE_BASE.code());
        for (CounterType t : CounterType.values()) assertSame(t, CounterType.fromCode(t.code()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CounterType.fromCode(0x12345678));
        assertTrue(e.getMessage().contains("0x12345678"));
        Set<CounterType> twoSample = EnumSet.of(PERF_COUNTER_COUNTER, PERF_COUNTER_BULK_COUNT, PERF_100NSEC_TIMER,
                PERF_AVERAGE_TIMER, PERF_AVERAGE_BULK, PERF_COUNTER_LARGE_QUEUELEN_TYPE, PERF_COUNTER_DELTA);
        for (CounterType t : twoSample) assertTrue(t.needsTwoSamples(), t.name());
        assertFalse(PERF_COUNTER_RAWCOUNT.needsTwoSamples());
        assertFalse(PERF_RAW_FRACTION.needsTwoSamples());
    }
}
