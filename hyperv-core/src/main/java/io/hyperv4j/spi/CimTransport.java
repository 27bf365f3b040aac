package io.hyperv4j.spi;

import io.hyperv4j.cim.CimSession;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * A way to reach CIM servers, found through {@link java.util.ServiceLoader}. The simulator answers
 * {@code sim:} URIs; the WMI transport {@code wmi://host}. The first transport that
 * {@link #supports(URI) supports} a URI opens it.
 * <p>Implementations must be thread-safe and have a public no-argument constructor; the sessions
 * they open must be thread-safe too (see {@link CimSession}).
 */
public interface CimTransport {

    /**
     * Short name for messages and the CLI, e.g. "sim" or "wmi".
     *
     * @return the name
     */
    String name();

    /**
     * Whether this transport opens {@code uri} (usually by its scheme); must not connect to find out.
     *
     * @param uri the address asked for
     * @return true when {@link #open} accepts it
     */
    boolean supports(URI uri);

    /**
     * Opens a session. {@code credentials} is empty for the current identity. Must not load native
     * code or touch the network before this call.
     *
     * @param uri         the address, one {@link #supports} accepted
     * @param credentials whom to connect as; empty for the current identity
     * @param timeout     the bound on each call of the session
     * @return the open session; the caller closes it
     * @throws io.hyperv4j.HyperVException when the host cannot be reached or refuses the credentials
     */
    CimSession open(URI uri, Optional<Credentials> credentials, Duration timeout);

    /**
     * {@code uri} for messages and logs: see {@link Redaction#uri(URI)}.
     *
     * @param uri the address
     * @return the address with any password removed
     */
    static String redact(URI uri) {
        return Redaction.uri(uri);
    }
}
