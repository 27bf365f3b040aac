package io.hyperv4j.perf.sampler;

import io.hyperv4j.perf.CounterPath;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One collection across all hosts, like Get-Counter's PerformanceCounterSampleSet. */
public record CounterSampleSet(Instant timestamp, List<CounterSample> counterSamples) {

    public CounterSampleSet {
        counterSamples = List.copyOf(counterSamples);
    }

    public Optional<CounterSample> find(CounterPath path) {
        return counterSamples.stream().filter(s -> path.matches(s.path())).findFirst();
    }
}
