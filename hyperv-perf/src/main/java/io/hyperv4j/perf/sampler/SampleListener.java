package io.hyperv4j.perf.sampler;

import io.hyperv4j.perf.source.HostUnavailableException;

/** Receives each collection of a streaming sampler, on the sampler's thread. */
@FunctionalInterface
public interface SampleListener {
    void onSample(SampleView view);

    /** A host stopped answering; its counters are reported unavailable until it answers again. */
    default void onHostDown(String host, HostUnavailableException cause) {
    }

    /** A host that was down answers again. */
    default void onHostUp(String host) {
    }

    /** The sampler finished (count or duration reached, or closed). */
    default void onComplete() {
    }
}
