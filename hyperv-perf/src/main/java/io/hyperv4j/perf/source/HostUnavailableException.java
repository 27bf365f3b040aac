package io.hyperv4j.perf.source;

import io.hyperv4j.perf.PerfException;

/** The host did not answer a counter read (offline, unreachable, timed out). Immutable. */
public class HostUnavailableException extends PerfException {
    /** The host that did not answer. */
    private final String host;

    /**
     * @param host   the host that did not answer
     * @param reason why, e.g. the PDH status name
     */
    public HostUnavailableException(String host, String reason) {
        super("host '" + host + "' does not answer: " + reason);
        this.host = host;
    }

    /**
     * @param host   the host that did not answer
     * @param reason why, e.g. the PDH status name
     * @param cause  the underlying failure
     */
    public HostUnavailableException(String host, String reason, Throwable cause) {
        super("host '" + host + "' does not answer: " + reason, cause);
        this.host = host;
    }

    /**
     * The host that did not answer.
     *
     * @return its name as in counter paths
     */
    public String host() {
        return host;
    }
}
