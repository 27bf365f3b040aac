package io.hyperv4j.wsman;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority made with the JDK's keytool for tests: its own key pair (a CA certificate), and
 * client key stores (PKCS12, alias {@code wsman}) holding a key pair the CA signed with the chain to it.
 */
public final class TestCa {
    private final Path dir;
    private final Path store;
    private final char[] password;
    private final X509Certificate certificate;

    private TestCa(Path dir, Path store, char[] password, X509Certificate certificate) {
        this.dir = dir;
        this.store = store;
        this.password = password;
        this.certificate = certificate;
    }

    /**
     * Makes a CA named {@code dn} in {@code dir}.
     *
     * @param dir      where its store and files go
     * @param name     a file-name prefix
     * @param dn       its distinguished name
     * @param password the password of its store and of the client stores it issues
     * @return the CA
     * @throws Exception when keytool fails
     */
    public static TestCa create(Path dir, String name, String dn, char[] password) throws Exception {
        Path store = dir.resolve(name + "-ca.p12");
        keytool(password, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dn, "-ext", "bc:c",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString());
        Path crt = dir.resolve(name + "-ca.crt");
        keytool(password, "-exportcert", "-alias", "ca", "-keystore", store.toString(), "-rfc", "-file", crt.toString());
        try (InputStream in = Files.newInputStream(crt)) {
            return new TestCa(dir, store, password, (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
    }

    /**
     * The CA's certificate.
     *
     * @return it
     */
    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * Issues a client key pair for {@code dn} into a new PKCS12 store.
     *
     * @param name the store's file name in the CA's directory
     * @param dn   the client's distinguished name
     * @param san  a subject alternative name for keytool ({@code email:ops@example.test}), or null
     * @return the store
     * @throws Exception when keytool fails
     */
    public Path issue(String name, String dn, String san) throws Exception {
        Path client = dir.resolve(name);
        Path req = dir.resolve(name + ".csr");
        Path crt = dir.resolve(name + ".crt");
        keytool(password, "-genkeypair", "-alias", "wsman", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dn, "-validity", "2",
                "-storetype", "PKCS12", "-keystore", client.toString());
        keytool(password, "-certreq", "-alias", "wsman", "-keystore", client.toString(), "-file", req.toString());
        List<String> gencert = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-keystore", store.toString(), "-infile", req.toString(),
                "-outfile", crt.toString(), "-rfc", "-validity", "2"));
        if (san != null) gencert.addAll(List.of("-ext", "SAN=" + san));
        keytool(password, gencert.toArray(String[]::new));
        keytool(password, "-importcert", "-alias", "ca", "-keystore", client.toString(), "-file", dir.resolve(store.getFileName().toString().replace(".p12", ".crt")).toString(), "-noprompt");
        keytool(password, "-importcert", "-alias", "wsman", "-keystore", client.toString(), "-file", crt.toString(), "-noprompt");
        return client;
    }

    private static void keytool(char[] password, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass:env", "HV4J_STORE_PASS"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("HV4J_STORE_PASS", new String(password));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool " + args[0] + ": " + out);
    }
}
