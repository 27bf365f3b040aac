package io.hyperv4j.cli;

import io.hyperv4j.cim.CimSession;
import io.hyperv4j.spi.CimTransport;
import io.hyperv4j.spi.Credentials;
import io.hyperv4j.spi.Redaction;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A host named by {@code --host URI}, opened through the first {@link CimTransport} that supports
 * the URI. Credentials come from HYPERV4J_USER / HYPERV4J_PASSWORD or a prompt, never from the
 * command line, and are wiped once the session is open.
 */
final class HostTarget implements Target {
    static final String USER_VARIABLE = "HYPERV4J_USER";
    static final String PASSWORD_VARIABLE = "HYPERV4J_PASSWORD";

    private final URI uri;
    private final Environment env;
    private CimSession session;

    HostTarget(String uriText, Environment env) {
        this.uri = parse(uriText);
        this.env = env;
    }

    /** Checked on the text, before parsing: a password must be refused whether the text parses or not. */
    private static URI parse(String text) {
        if (Redaction.hasPassword(text))
            throw new UsageException("--host must not contain a password; set " + PASSWORD_VARIABLE + " or answer the prompt");
        URI u;
        try {
            u = new URI(text);
        } catch (URISyntaxException e) {
            throw new UsageException("--host '" + Redaction.uri(text) + "' is not a URI: " + e.getReason());
        }
        if (u.getScheme() == null) throw new UsageException("--host '" + Redaction.uri(text) + "' needs a scheme, e.g. wmi://HOST");
        return u;
    }

    @Override
    public synchronized CimSession session() {
        if (session == null) {
            CimTransport transport = transportFor(uri);
            Optional<Credentials> credentials = credentials();
            try {
                session = transport.open(uri, credentials, CimSession.DEFAULT_TIMEOUT);
            } finally {
                credentials.ifPresent(Credentials::clear);
            }
        }
        return session;
    }

    private static CimTransport transportFor(URI uri) {
        List<String> names = new ArrayList<>();
        for (CimTransport t : ServiceLoader.load(CimTransport.class)) {
            if (t.supports(uri)) return t;
            names.add(t.name());
        }
        throw new CommandFailedException("no transport can reach " + Redaction.printable(uri.getScheme()) + ": URIs"
                + (names.isEmpty() ? " (no transports installed)" : " (installed: " + String.join(", ", names) + ")"));
    }

    /** The current identity unless a user is named; then a password from the environment or a prompt. */
    private Optional<Credentials> credentials() {
        Optional<String> user = env.variable(USER_VARIABLE).or(() -> Optional.ofNullable(uri.getUserInfo()));
        if (user.isEmpty()) return Optional.empty();
        if (Redaction.userHasPassword(user.get()))
            throw new CommandFailedException(USER_VARIABLE + " must name a user only (DOMAIN\\user), without ':' and a password; set "
                    + PASSWORD_VARIABLE + " or answer the prompt");
        String shown = Redaction.user(user.get());
        String domain = null;
        String name = user.get();
        int slash = name.indexOf('\\');
        if (slash > 0) {
            domain = name.substring(0, slash);
            name = name.substring(slash + 1);
        }
        char[] password = env.variable(PASSWORD_VARIABLE).map(String::toCharArray)
                .or(() -> env.prompt().read("Password for " + shown + " on " + describe() + ": "))
                .orElseThrow(() -> new CommandFailedException("no password for " + shown
                        + ": set " + PASSWORD_VARIABLE + " or run in a terminal to be prompted"));
        try {
            return Optional.of(new Credentials(name, password, domain));
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public String describe() {
        return Redaction.uri(uri);
    }

    @Override
    public synchronized void close() {
        if (session != null) session.close();
        session = null;
    }
}
