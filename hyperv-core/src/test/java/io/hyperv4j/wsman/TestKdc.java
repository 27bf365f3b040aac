package io.hyperv4j.wsman;

import static org.junit.jupiter.api.Assertions.fail;

import io.hyperv4j.wsman.server.KerberosService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * The real MIT KDC the Kerberos tests use ({@code .ci/kdc}, started by {@code .ci/run}; its directory is
 * {@code HYPERV4J_KDC}, default {@code /tmp/hyperv4j-kdc}): realm HYPERV4J.TEST, user {@code ops}, service
 * {@code HTTP/localhost}. Under {@code CI=true} a missing KDC fails the test; elsewhere it skips.
 */
public final class TestKdc {
    /** The realm .ci/kdc makes. */
    public static final String REALM = "HYPERV4J.TEST";
    private static final Pattern KDC = Pattern.compile("kdc\\s*=\\s*([^:\\s]+):(\\d+)");
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
        String missing = !Files.isReadable(d.resolve("krb5.conf")) || !Files.isReadable(d.resolve("http.keytab"))
                ? "no KDC in " + d
                : answers(d.resolve("krb5.conf")) ? null : "the KDC of " + d + " does not answer (stopped?)";
        if (missing != null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) fail(missing + " (.ci/kdc starts one; .ci/run runs it)");
            Assumptions.abort(missing + "; run .ci/kdc as root to start one");
        }
        System.setProperty("java.security.krb5.conf", d.resolve("krb5.conf").toString());
        dir = d;
        return d;
    }

    /** Whether the KDC krb5.conf names accepts a TCP connection: a directory left by a stopped KDC is no KDC. */
    private static boolean answers(Path krb5conf) {
        Matcher m;
        try {
            m = KDC.matcher(Files.readString(krb5conf, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return false;
        }
        if (!m.find()) return false;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2))), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
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
