package io.hyperv4j.perf.source;

import io.hyperv4j.perf.PerfException;

/** The host did not answer a counter read (offline, unreachable, timed out). */
public class HostUnavailableException extends PerfException {
    private final String host;

    public HostUnavailableException(String host, String reason) {
        super("host '" + host + "' does not answer: " + reason);
        this.host = host;
    }

    public HostUnavailableException(String host, String reason, Throwable cause) {
        super("host '" + host + "' does not answer: " + reason, cause);
        this.host = host;
    }

    public String host() {
        return host;
    }
}
