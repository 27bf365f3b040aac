package io.hyperv4j.spi;

import io.hyperv4j.cim.CimSession;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * A way to reach CIM servers, found through {@link java.util.ServiceLoader}. The simulator answers
 * {@code sim:} URIs; the WMI transport {@code wmi://host}. The first transport that
 * {@link #supports(URI) supports} a URI opens it.
 */
public interface CimTransport {

    /** Short name for messages and the CLI, e.g. "sim" or "wmi". */
    String name();

    boolean supports(URI uri);

    /**
     * Opens a session. {@code credentials} is empty for the current identity. Must not load native
     * code or touch the network before this call.
     */
    CimSession open(URI uri, Optional<Credentials> credentials, Duration timeout);

    /** {@code uri} for messages and logs: see {@link Redaction#uri(URI)}. */
    static String redact(URI uri) {
        return Redaction.uri(uri);
    }
}
