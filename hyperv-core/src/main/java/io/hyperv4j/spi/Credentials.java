package io.hyperv4j.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * A user, password and domain for a remote host. The password never appears in {@link #toString()},
 * logs or exception messages; {@link #clear()} wipes it once the session holds what it needs.
 * Thread-safety: not thread-safe ({@link #clear()} races a concurrent {@link #password()}); hand
 * each connection its own instance.
 */
public final class Credentials {
    private final String user;
    private final String domain;
    private final char[] password;

    /**
     * @param user     the user name, e.g. {@code DOMAIN\admin} or {@code admin}
     * @param password the password (copied; null means empty)
     * @param domain   the domain, or null when {@code user} names it or none is needed
     */
    public Credentials(String user, char[] password, String domain) {
        this.user = Objects.requireNonNull(user, "user");
        this.password = password == null ? new char[0] : password.clone();
        this.domain = domain;
    }

    /**
     * The user name.
     *
     * @return the user name as given
     */
    public String user() { return user; }

    /**
     * The domain.
     *
     * @return the domain, or null when none was given
     */
    public String domain() { return domain; }

    /**
     * A copy of the password; the caller should wipe it after use.
     *
     * @return a new array holding the password
     */
    public char[] password() { return password.clone(); }

    /** Overwrites the password held here with zeros; {@link #password()} is empty-filled afterwards. */
    public void clear() { Arrays.fill(password, '\0'); }

    @Override
    public String toString() {
        return "Credentials[" + (domain == null ? "" : domain + "\\") + user + ", password=****]";
    }
}
