package io.hyperv4j.perf.source;

/** Reads a prepared list of counters again and again. Not thread-safe; one sampler owns it. */
public interface RawReader extends AutoCloseable {

    /**
     * Reads every prepared counter once into {@code batch}, in the order they were opened. A counter
     * that cannot be read gets its PDH status (e.g. PDH_CSTATUS_NO_INSTANCE), never a zero value.
     * Implementations must not allocate in steady state.
     *
     * @param batch where the readings go, sized for the prepared counters
     * @throws HostUnavailableException when the host does not answer at all
     */
    void read(RawBatch batch);

    /** Releases the reader's handles; the default holds none. Never throws. */
    @Override
    default void close() {
    }
}
