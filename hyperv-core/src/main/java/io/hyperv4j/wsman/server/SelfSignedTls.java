package io.hyperv4j.wsman.server;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.wsman.internal.PinnedTrust;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * A server TLS context with a fresh self-signed key pair for 127.0.0.1 and localhost, made by the
 * JDK's keytool (EC P-256, valid two days) into a PKCS12 store with a random password, and the
 * SHA-256 fingerprint a client pins ({@code wsmans://127.0.0.1:PORT?certificate-sha256=FINGERPRINT}).
 *
 * @param context     the server's TLS context
 * @param fingerprint the certificate's SHA-256 fingerprint, hex
 * @param keys        the key managers holding the key pair
 */
public record SelfSignedTls(SSLContext context, String fingerprint, KeyManager[] keys) {
    private static final Duration KEYTOOL_WAIT = Duration.ofSeconds(60);

    /**
     * Generates the key pair in {@code dir} (the store is deleted once loaded).
     *
     * @param dir a private directory to write the key store in
     * @return the context and fingerprint
     */
    public static SelfSignedTls generate(Path dir) {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        char[] password = HexFormat.of().formatHex(random).toCharArray();
        Path store = dir.resolve("wsman-" + System.nanoTime() + ".p12");
        try {
            KeyStore ks = keyStore(store, "CN=127.0.0.1", password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(kmf.getKeyManagers(), null, null);
            return new SelfSignedTls(c, PinnedTrust.fingerprint((X509Certificate) ks.getCertificate("wsman")), kmf.getKeyManagers());
        } catch (GeneralSecurityException e) {
            throw new CimException(CimError.FAILED, "cannot make a TLS key pair in " + dir + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(password, '\0');
            try {
                Files.deleteIfExists(store);
            } catch (IOException ignored) {
                // a leftover store in the caller's private directory holds a key nobody else trusts
            }
        }
    }

    /**
     * A server context with the same key pair that asks for a client certificate and trusts exactly
     * these (for {@link WsmanServer#start(io.hyperv4j.cim.CimSession, int, SSLContext, String, char[], Collection)}).
     *
     * @param clientFingerprints SHA-256 fingerprints of the client certificates to accept
     * @return the context
     */
    public SSLContext trustingClients(Collection<String> clientFingerprints) {
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(keys, new TrustManager[] {PinnedTrust.clients(clientFingerprints)}, null);
            return c;
        } catch (GeneralSecurityException e) {
            throw new CimException(CimError.FAILED, "TLS is not available: " + e.getMessage(), e);
        }
    }

    /**
     * A server context with the same key pair that asks for a client certificate and accepts those the
     * given CAs issued (PKIX validation to one of them), for client-certificate mappings.
     *
     * @param issuers the CA certificates
     * @return the context
     */
    public SSLContext trustingIssuers(Collection<X509Certificate> issuers) {
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            int n = 0;
            for (X509Certificate ca : issuers) anchors.setCertificateEntry("ca" + n++, ca);
            javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
            tmf.init(anchors);
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(keys, tmf.getTrustManagers(), null);
            return c;
        } catch (GeneralSecurityException | IOException e) {
            throw new CimException(CimError.FAILED, "TLS is not available: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the server's certificate as PEM, for clients that trust a file (python's REQUESTS_CA_BUNDLE).
     *
     * @param dir where to write {@code server.pem}
     * @return the file
     */
    public Path certificatePem(Path dir) {
        javax.net.ssl.X509KeyManager km = (javax.net.ssl.X509KeyManager) keys[0];
        java.security.cert.X509Certificate cert = km.getCertificateChain(km.getServerAliases("EC", null)[0])[0];
        try {
            String pem = "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                    .encodeToString(cert.getEncoded()) + "\n-----END CERTIFICATE-----\n";
            return Files.writeString(dir.resolve("server.pem"), pem);
        } catch (IOException | GeneralSecurityException e) {
            throw new CimException(CimError.FAILED, "cannot write the server certificate to " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes a PKCS12 store at {@code store} holding a fresh self-signed EC P-256 key pair under alias
     * "wsman" (valid two days), with keytool, and loads it.
     *
     * @param store    where to write it
     * @param dname    the certificate's distinguished name, e.g. {@code CN=ops}
     * @param password the store's password (handed to keytool through its environment)
     * @return the loaded store
     */
    public static KeyStore keyStore(Path store, String dname, char[] password) {
        try {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "wsman", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname,
                    "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass:env", "HV4J_STORE_PASS"));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("HV4J_STORE_PASS", new String(password)); // a child's environment, not its command line
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(KEYTOOL_WAIT.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0)
                throw new CimException(CimError.FAILED, "keytool could not make a key pair: " + out.strip());
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, password);
            }
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new CimException(CimError.FAILED, "cannot make a key pair in " + store + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CimException(CimError.CALL_CANCELLED, "interrupted while making a key pair", e);
        }
    }
}
