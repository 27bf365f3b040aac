package io.hyperv4j.perf.source;

import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.CounterSetDefinition;
import io.hyperv4j.perf.sampler.SamplingClock;
import java.util.List;

/**
 * Where raw counters come from for one host: PDH on Windows, WMI raw classes, or a simulated host.
 * The sampler expands paths through {@link #expand} once and then reads through a {@link RawReader}.
 */
public interface CounterSource extends AutoCloseable {

    /** The host this source reads, as it appears in counter paths. */
    String host();

    /** The counter sets the host offers. */
    List<CounterSetDefinition> counterSets();

    /** The instances of a multi-instance set that exist now (empty for a single-instance set). */
    List<String> instances(String counterSet);

    /**
     * The concrete counters a path names on this host, wildcards expanded. An empty list means the
     * path is well formed but names no existing instance.
     *
     * @throws io.hyperv4j.perf.UnknownCounterSetException when the set or counter does not exist
     * @throws HostUnavailableException when the host does not answer
     */
    List<CounterDescriptor> expand(CounterPath path);

    /**
     * The time this host keeps: the wall clock for a real host, the lab's clock for a simulated
     * one (sleeping on it lets simulated time pass). A sampler runs on its first source's clock
     * unless told otherwise.
     */
    default SamplingClock clock() {
        return SamplingClock.system();
    }

    /** Prepares a reader for these counters (from {@link #expand}). */
    RawReader open(List<CounterDescriptor> counters);

    @Override
    default void close() {
    }
}
