package io.hyperv4j.perf.sampler;

import io.hyperv4j.perf.source.HostUnavailableException;

/**
 * Receives each collection of a streaming sampler, on the sampler's thread: calls are sequential, so
 * an implementation needs no locking unless it shares state with other threads.
 */
@FunctionalInterface
public interface SampleListener {
    /**
     * One collection.
     *
     * @param view the collection, valid only during this call
     */
    void onSample(SampleView view);

    /**
     * A host stopped answering; its counters are reported unavailable until it answers again.
     *
     * @param host  the host
     * @param cause what the source reported
     */
    default void onHostDown(String host, HostUnavailableException cause) {
    }

    /**
     * A host that was down answers again.
     *
     * @param host the host
     */
    default void onHostUp(String host) {
    }

    /** The sampler finished (count or duration reached, or closed). */
    default void onComplete() {
    }
}
