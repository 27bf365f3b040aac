package io.hyperv4j.perf.export;

import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.sampler.CounterSampler;
import java.util.ArrayList;
import java.util.List;

/**
 * One counter's values over a window (NaN where unavailable), with their collection times. The arrays
 * are shared, not copied: treat them as read-only, and the series is then safe to share between threads.
 *
 * @param path        the counter
 * @param timesMillis collection times, milliseconds since the epoch
 * @param values      the values, one per time
 */
public record Series(CounterPath path, long[] timesMillis, double[] values) {

    /**
     * Checks that there is one value per time.
     *
     * @param path        the counter
     * @param timesMillis collection times, milliseconds since the epoch
     * @param values      the values, one per time
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public Series {
        if (timesMillis.length != values.length) throw new IllegalArgumentException("times and values differ in length");
    }

    /**
     * Every counter of a sampler over its kept window.
     *
     * @param sampler the sampler
     * @return one series per counter, in the sampler's counter order
     */
    public static List<Series> of(CounterSampler sampler) {
        List<Series> out = new ArrayList<>();
        long[] times = sampler.windowTimes();
        List<CounterPath> paths = sampler.counters();
        for (int k = 0; k < paths.size(); k++) out.add(new Series(paths.get(k), times, sampler.windowValues(k)));
        return out;
    }
}
