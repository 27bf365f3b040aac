package io.hyperv4j.perf.sampler;

import io.hyperv4j.perf.CounterPath;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One collection across all hosts, like Get-Counter's PerformanceCounterSampleSet. Immutable.
 *
 * @param timestamp      the collection's time
 * @param counterSamples one reading per counter, in the sampler's counter order
 */
public record CounterSampleSet(Instant timestamp, List<CounterSample> counterSamples) {

    /**
     * Copies the samples.
     *
     * @param timestamp      the collection's time
     * @param counterSamples the readings
     */
    public CounterSampleSet {
        counterSamples = List.copyOf(counterSamples);
    }

    /**
     * The first reading whose path {@code path} matches (wildcards allowed).
     *
     * @param path the path to look for
     * @return the reading, or empty
     */
    public Optional<CounterSample> find(CounterPath path) {
        return counterSamples.stream().filter(s -> path.matches(s.path())).findFirst();
    }
}
