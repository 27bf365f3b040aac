package io.hyperv4j.perf;

import static org.junit.jupiter.api.Assertions.*;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Properties of the counter math over many raw samples: rates, wrap, reset, inverse timers. */
class CounterMathProperties {
    static final long F = 10_000_000L;

    @Property
    void aRateIsTheDeltaOverTheElapsedSeconds(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 4) long n0,
                                              @ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long delta,
                                              @ForAll @LongRange(min = 0, max = 1L << 50) long d0,
                                              @ForAll @LongRange(min = 1, max = 36_000_000_000L) long ticks) {
        CookedValue v = CounterMath.cook(CounterType.PERF_COUNTER_BULK_COUNT, RawCounter.of(n0, d0, F), RawCounter.of(n0 + delta, d0 + ticks, F));
        assertTrue(v.isValid());
        assertEquals(delta / (ticks / (double) F), v.value(), Math.abs(v.value()) * 1e-12 + 1e-9);
    }

    @Property
    void aDwordCounterGivesTheSameRateAcrossItsWrap(@ForAll @LongRange(min = 0, max = 0xFFFFFFFFL) long n0,
                                                    @ForAll @LongRange(min = 0, max = 1L << 31) long delta) {
        long n1 = (n0 + delta) & 0xFFFFFFFFL; // what a 32-bit counter reads after counting delta events
        CookedValue v = CounterMath.cook(CounterType.PERF_COUNTER_COUNTER, RawCounter.of(n0, 0, F), RawCounter.of(n1, F, F));
        assertTrue(v.isValid());
        assertEquals(delta, v.value(), 1e-6);
    }

    @Property
    void a64BitCounterThatGoesBackIsAResetWithNoValue(@ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long n0,
                                                     @ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long back) {
        long n1 = n0 - Math.min(back, n0);
        CookedValue v = CounterMath.cook(CounterType.PERF_COUNTER_BULK_COUNT, RawCounter.of(n0, 0, F), RawCounter.of(n1, F, F));
        if (n1 < n0) {
            assertFalse(v.isValid());
            assertEquals(PdhStatus.CALC_NEGATIVE_VALUE, v.status());
            assertTrue(Double.isNaN(v.value()));
        }
    }

    @Property
    void busyAndIdleTimersAddUpToOneHundred(@ForAll @LongRange(min = 1, max = 1_000_000_000L) long elapsed,
                                            @ForAll @IntRange(min = 0, max = 1000) int permille) {
        long busy = elapsed * permille / 1000;
        double b = CounterMath.cook(CounterType.PERF_100NSEC_TIMER, RawCounter.of(0, 0, F), RawCounter.of(busy, elapsed, F)).value();
        double i = CounterMath.cook(CounterType.PERF_100NSEC_TIMER_INV, RawCounter.of(0, 0, F), RawCounter.of(busy, elapsed, F)).value();
        assertEquals(100.0, b + i, 1e-9);
        assertTrue(b >= 0 && b <= 100);
    }

    @Property
    void anAverageTimerIsTheMeanLatency(@ForAll @LongRange(min = 1, max = 100_000) long ops,
                                        @ForAll @LongRange(min = 0, max = 2_000_000) long latencyTicks) {
        long n1 = (ops * latencyTicks) & 0xFFFFFFFFL;
        if (ops * latencyTicks > (1L << 31)) return; // more than half the DWORD range in one interval is ambiguous by design
        CookedValue v = CounterMath.cook(CounterType.PERF_AVERAGE_TIMER, RawCounter.of(0, 0, F), RawCounter.of(n1, ops, F));
        assertEquals(latencyTicks / (double) F, v.value(), 1e-12);
    }
}
