package io.hyperv4j.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * A user, password and domain for a remote host. The password never appears in {@link #toString()},
 * logs or exception messages; {@link #clear()} wipes it once the session holds what it needs.
 */
public final class Credentials {
    private final String user;
    private final String domain;
    private final char[] password;

    public Credentials(String user, char[] password, String domain) {
        this.user = Objects.requireNonNull(user, "user");
        this.password = password == null ? new char[0] : password.clone();
        this.domain = domain;
    }

    public String user() { return user; }

    public String domain() { return domain; }

    /** A copy of the password; the caller should wipe it after use. */
    public char[] password() { return password.clone(); }

    public void clear() { Arrays.fill(password, '\0'); }

    @Override
    public String toString() {
        return "Credentials[" + (domain == null ? "" : domain + "\\") + user + ", password=****]";
    }
}
