package io.hyperv4j.perf.export;

import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.sampler.CounterSampler;
import java.util.ArrayList;
import java.util.List;

/** One counter's values over a window (NaN where unavailable), with their collection times. */
public record Series(CounterPath path, long[] timesMillis, double[] values) {

    public Series {
        if (timesMillis.length != values.length) throw new IllegalArgumentException("times and values differ in length");
    }

    /** Every counter of a sampler over its kept window. */
    public static List<Series> of(CounterSampler sampler) {
        List<Series> out = new ArrayList<>();
        long[] times = sampler.windowTimes();
        List<CounterPath> paths = sampler.counters();
        for (int k = 0; k < paths.size(); k++) out.add(new Series(paths.get(k), times, sampler.windowValues(k)));
        return out;
    }
}
