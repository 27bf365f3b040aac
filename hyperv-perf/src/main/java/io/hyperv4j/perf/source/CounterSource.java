package io.hyperv4j.perf.source;

import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.CounterSetDefinition;
import io.hyperv4j.perf.sampler.SamplingClock;
import java.util.List;

/**
 * Where raw counters come from for one host: PDH on Windows, WMI raw classes, or a simulated host.
 * The sampler expands paths through {@link #expand} once and then reads through a {@link RawReader}.
 *
 * <p>Implementations need not be thread-safe unless they say so: a sampler calls its source from the
 * thread that builds and ticks it.
 */
public interface CounterSource extends AutoCloseable {

    /**
     * The host this source reads, as it appears in counter paths.
     *
     * @return the host name
     */
    String host();

    /**
     * The counter sets the host offers.
     *
     * @return the sets, with their counters
     */
    List<CounterSetDefinition> counterSets();

    /**
     * The instances of a multi-instance set that exist now (empty for a single-instance set).
     *
     * @param counterSet the set's name
     * @return the instance names
     */
    List<String> instances(String counterSet);

    /**
     * The concrete counters a path names on this host, wildcards expanded. An empty list means the
     * path is well formed but names no existing instance.
     *
     * @param path the path, possibly with wildcards
     * @return the concrete counters
     * @throws io.hyperv4j.perf.UnknownCounterSetException when the set or counter does not exist
     * @throws HostUnavailableException when the host does not answer
     */
    List<CounterDescriptor> expand(CounterPath path);

    /**
     * The time this host keeps: the wall clock for a real host, the lab's clock for a simulated
     * one (sleeping on it lets simulated time pass). A sampler runs on its first source's clock
     * unless told otherwise.
     *
     * @return the host's clock
     */
    default SamplingClock clock() {
        return SamplingClock.system();
    }

    /**
     * Prepares a reader for these counters (from {@link #expand}).
     *
     * @param counters the counters, in the order the reader fills a {@link RawBatch}
     * @return the reader; the caller closes it
     */
    RawReader open(List<CounterDescriptor> counters);

    /** Releases what the source holds; the default holds nothing. Never throws. */
    @Override
    default void close() {
    }
}
