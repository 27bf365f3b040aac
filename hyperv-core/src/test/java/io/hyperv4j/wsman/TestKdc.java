package io.hyperv4j.wsman;

import static org.junit.jupiter.api.Assertions.fail;

import io.hyperv4j.wsman.server.KerberosService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The real MIT KDC the Kerberos tests use ({@code .ci/kdc}, started by {@code .ci/run}; its directory is
 * {@code HYPERV4J_KDC}, default {@code /tmp/hyperv4j-kdc}): realm HYPERV4J.TEST, user {@code ops}, service
 * {@code HTTP/localhost}. Under {@code CI=true} a missing KDC fails the test; elsewhere it skips.
 */
public final class TestKdc {
    /** The realm .ci/kdc makes. */
    public static final String REALM = "HYPERV4J.TEST";
    private static Path dir;

    private TestKdc() {}

    /**
     * The KDC's directory, after pointing the JVM's Kerberos configuration at its krb5.conf (read once, on first use).
     *
     * @return the directory
     */
    public static synchronized Path dir() {
        if (dir != null) return dir;
        Path d = Path.of(Optional.ofNullable(System.getenv("HYPERV4J_KDC")).orElse("/tmp/hyperv4j-kdc"));
        if (!Files.isReadable(d.resolve("krb5.conf")) || !Files.isReadable(d.resolve("http.keytab"))) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) fail("no KDC in " + d + " (.ci/kdc starts one; .ci/run runs it)");
            Assumptions.abort("no KDC in " + d + "; run .ci/kdc as root to start one");
        }
        System.setProperty("java.security.krb5.conf", d.resolve("krb5.conf").toString());
        dir = d;
        return d;
    }

    /**
     * The password of ops@HYPERV4J.TEST.
     *
     * @return a fresh copy
     * @throws IOException when it cannot be read
     */
    public static char[] opsPassword() throws IOException {
        return Files.readString(dir().resolve("ops.password"), StandardCharsets.US_ASCII).trim().toCharArray();
    }

    /**
     * The service HTTP/localhost with its keytab.
     *
     * @return the service
     */
    public static KerberosService service() {
        return new KerberosService(dir().resolve("http.keytab"), "HTTP/localhost@" + REALM);
    }
}
