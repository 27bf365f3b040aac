package io.hyperv4j.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.LabLock;
import io.hyperv4j.wsman.WsmanTransport;
import io.hyperv4j.wsman.server.ClientCertificateMapping;
import io.hyperv4j.wsman.server.KerberosService;
import io.hyperv4j.wsman.server.SelfSignedTls;
import io.hyperv4j.wsman.server.WsmanServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.io.InputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.concurrent.CountDownLatch;

/**
 * {@code hyperv lab serve FILE}: the lab's default host over WS-Management on loopback, so any WinRM
 * client (pywinrm, PowerShell's CIM cmdlets, {@code --host wsman://}) can manage it, with Basic, NTLM
 * and, given {@code --keytab FILE --realm R}, Kerberos (sealed over HTTP); with {@code --tls --client-ca FILE
 * --client-subject S}, client certificates that CA issued to S (WinRM's certificate mapping). Holds the lab's
 * lock while serving and saves the lab when stopped (Ctrl-C).
 */
final class LabServe {
    static final String DEFAULT_USER = "hyperv";

    private LabServe() {}

    static void run(ParsedArgs args, CommandContext ctx) {
        Path file = Path.of(args.arg("FILE"));
        boolean tls = args.flag("--tls");
        int port = args.longOption("--port", 0, 65_535).map(Long::intValue)
                .orElse(tls ? WsmanTransport.HTTPS_PORT : WsmanTransport.HTTP_PORT);
        String user = args.option("--user").orElse(DEFAULT_USER);
        char[] password = ctx.env().variable(HostTarget.PASSWORD_VARIABLE).map(String::toCharArray)
                .or(() -> ctx.env().prompt().read("Password clients must give for " + user + ": "))
                .orElseThrow(() -> new CommandFailedException("no password to require: set " + HostTarget.PASSWORD_VARIABLE
                        + " or run in a terminal to be prompted"));
        KerberosService kerberos = kerberos(args, ctx);
        ClientCertificates certificates = clientCertificates(args, tls);
        LabTarget.requireLabFile(file);
        try (LabLock lock = LabLock.acquire(file, LabTarget.lockWait(ctx.env()));
             Lab lab = Lab.load(file)) {
            SelfSignedTls keys = tls ? generateKeys() : null;
            javax.net.ssl.SSLContext context = keys == null ? null : certificates == null ? keys.context() : keys.trustingIssuers(List.of(certificates.ca()));
            CountDownLatch stopped = new CountDownLatch(1);
            try (WsmanServer server = WsmanServer.start(lab.session(Lab.DEFAULT_HOST), port, context, user, password,
                    List.of(), certificates == null ? List.of() : certificates.mappings(), kerberos)) {
                Arrays.fill(password, '\0');
                String uri = (tls ? "wsmans" : "wsman") + "://127.0.0.1:" + server.port()
                        + (keys == null ? "" : "?certificate-sha256=" + keys.fingerprint());
                ObjectNode json = JsonNodeFactory.instance.objectNode().put("lab", file.toString()).put("uri", uri)
                        .put("endpoint", (tls ? "https" : "http") + "://127.0.0.1:" + server.port() + "/wsman").put("user", user);
                if (keys != null) json.put("certificateSha256", keys.fingerprint());
                if (certificates != null) json.put("clientCertificateIssuer", certificates.mappings().get(0).issuerThumbprint());
                if (kerberos != null) json.put("kerberos", kerberos.servicePrincipal()).put("kerberosUri",
                        (tls ? "wsmans" : "wsman") + "://localhost:" + server.port() + "?auth=kerberos");
                ctx.output().result(json, "Serving " + file + " (host " + Lab.DEFAULT_HOST + ") at " + json.get("endpoint").asText()
                        + " for user " + user + "\n  --host " + uri
                        + (kerberos == null ? "" : "\n  --host " + json.get("kerberosUri").asText() + " (Kerberos: " + user + "@" + args.option("--realm").orElseThrow() + ")")
                        + "\nCtrl-C stops and saves the lab.");
                Thread hook = new Thread(stopped::countDown, "hyperv4j-lab-serve-stop");
                Runtime.getRuntime().addShutdownHook(hook);
                try {
                    stopped.await(); // Ctrl-C, or an interrupt when embedded
                } finally {
                    removeHook(hook);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lab.save();
            }
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * The Kerberos service of {@code --keytab FILE --realm R}: HTTP/localhost@R (clients ask for a ticket for
     * the host they name, so they reach the server as localhost), or null without --keytab. The JVM reads
     * the realm's KDCs from {@code java.security.krb5.conf}, else from MIT's KRB5_CONFIG, else /etc/krb5.conf.
     */
    private static KerberosService kerberos(ParsedArgs args, CommandContext ctx) {
        Optional<String> keytab = args.option("--keytab");
        Optional<String> realm = args.option("--realm");
        if (keytab.isEmpty() && realm.isEmpty()) return null;
        if (keytab.isEmpty() || realm.isEmpty()) throw new CommandFailedException("Kerberos needs both --keytab FILE and --realm R");
        String conf = ctx.env().variable("KRB5_CONFIG").orElse(null);
        if (System.getProperty("java.security.krb5.conf") == null && conf != null) System.setProperty("java.security.krb5.conf", conf);
        try {
            return new KerberosService(Path.of(keytab.get()), "HTTP/localhost@" + realm.get().toUpperCase(java.util.Locale.ROOT));
        } catch (io.hyperv4j.cim.CimException e) {
            throw new CommandFailedException(e.getMessage());
        }
    }

    /** The CA of {@code --client-ca} and a mapping of its thumbprint to each {@code --client-subject}. */
    private record ClientCertificates(X509Certificate ca, List<ClientCertificateMapping> mappings) {}

    private static ClientCertificates clientCertificates(ParsedArgs args, boolean tls) {
        Optional<String> ca = args.option("--client-ca");
        List<String> subjects = args.options("--client-subject");
        if (ca.isEmpty() && subjects.isEmpty()) return null;
        if (ca.isEmpty() || subjects.isEmpty()) throw new CommandFailedException("client certificates need both --client-ca FILE and --client-subject S");
        if (!tls) throw new CommandFailedException("client certificates need --tls");
        X509Certificate cert;
        try (InputStream in = Files.newInputStream(Path.of(ca.get()))) {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | CertificateException e) {
            throw new CommandFailedException("cannot read the CA certificate " + ca.get() + ": " + e.getMessage());
        }
        String thumbprint = ClientCertificateMapping.thumbprint(cert);
        return new ClientCertificates(cert, subjects.stream().map(s -> new ClientCertificateMapping(thumbprint, s)).toList());
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is what stopped us
        }
    }

    /** A key pair made in a private directory that is gone once the key is in memory. */
    private static SelfSignedTls generateKeys() {
        try {
            Path dir = Files.createTempDirectory("hyperv4j-tls");
            try {
                return SelfSignedTls.generate(dir);
            } finally {
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new CommandFailedException("cannot make a directory for the TLS key: " + e.getMessage());
        }
    }
}
