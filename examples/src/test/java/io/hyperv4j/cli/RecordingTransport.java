package io.hyperv4j.cli;

import io.hyperv4j.cim.CimSession;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.spi.CimTransport;
import io.hyperv4j.spi.Credentials;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * A transport for {@code recording://} URIs that notes the credentials it was given and answers
 * with a fresh simulated host, so tests can see what {@code --host} hands to a transport.
 */
public final class RecordingTransport implements CimTransport {
    /** What the last open() received: user, domain, password (copied before the CLI wipes it). */
    record Seen(URI uri, String user, String domain, String password) {}

    static volatile Seen last;
    static volatile boolean opened;

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public boolean supports(URI uri) {
        return "recording".equals(uri.getScheme());
    }

    @Override
    public CimSession open(URI uri, Optional<Credentials> credentials, Duration timeout) {
        opened = true;
        last = new Seen(uri, credentials.map(Credentials::user).orElse(null), credentials.map(Credentials::domain).orElse(null),
                credentials.map(c -> new String(c.password())).orElse(null));
        return Lab.standalone().session(Lab.DEFAULT_HOST, timeout);
    }
}
