package io.hyperv4j.wsman;

import io.hyperv4j.sim.Lab;
import io.hyperv4j.spi.Credentials;
import io.hyperv4j.wsman.internal.PinnedTrust;
import io.hyperv4j.wsman.server.WsmanServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A simulated lab served over WS-Management on loopback for tests: Basic authentication, and TLS with
 * a key pair keytool generates for 127.0.0.1 (so the client pins its certificate).
 */
public final class ServedLab implements AutoCloseable {
    public static final String USER = "ops";
    private static final char[] PASSWORD = "correct horse".toCharArray();
    public final Lab lab;
    public final WsmanServer server;
    private final String fingerprint;

    private ServedLab(Lab lab, WsmanServer server, String fingerprint) {
        this.lab = lab;
        this.server = server;
        this.fingerprint = fingerprint;
    }

    /** Serves {@code lab}'s default host, over TLS when {@code tls}. */
    public static ServedLab serve(Lab lab, boolean tls, Path dir) {
        Tls t = tls ? Tls.generate(dir) : null;
        WsmanServer s = WsmanServer.start(lab.session(Lab.DEFAULT_HOST), 0, t == null ? null : t.context, USER, PASSWORD);
        return new ServedLab(lab, s, t == null ? null : t.fingerprint);
    }

    public URI uri() {
        return fingerprint == null ? URI.create("wsman://127.0.0.1:" + server.port())
                : URI.create("wsmans://127.0.0.1:" + server.port() + "?certificate-sha256=" + fingerprint);
    }

    public static Credentials credentials() {
        return new Credentials(USER, PASSWORD, null);
    }

    @Override
    public void close() {
        server.close();
        lab.close();
    }

    /** A server TLS context from a keytool-generated PKCS12 key store, and its certificate's fingerprint. */
    public record Tls(SSLContext context, String fingerprint, Path keyStore) {
        static final char[] STORE_PASSWORD = "changeit-test".toCharArray();

        public static Tls generate(Path dir) {
            try {
                Path ks = dir.resolve("wsman-" + System.nanoTime() + ".p12");
                Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
                Process p = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "wsman", "-keyalg", "EC",
                        "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                        "-validity", "2", "-storetype", "PKCS12", "-keystore", ks.toString(),
                        "-storepass", new String(STORE_PASSWORD), "-keypass", new String(STORE_PASSWORD)))
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes());
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException("keytool failed: " + out);
                return load(ks);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        public static Tls load(Path ks) {
            try (InputStream in = Files.newInputStream(ks)) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(in, STORE_PASSWORD);
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(store, STORE_PASSWORD);
                SSLContext c = SSLContext.getInstance("TLS");
                c.init(kmf.getKeyManagers(), null, null);
                return new Tls(c, PinnedTrust.fingerprint((X509Certificate) store.getCertificate("wsman")), ks);
            } catch (Exception e) {
                throw new IllegalStateException("cannot load " + ks + ": " + e.getMessage(), e);
            }
        }
    }
}
