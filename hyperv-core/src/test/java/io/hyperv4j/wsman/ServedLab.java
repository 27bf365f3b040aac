package io.hyperv4j.wsman;

import io.hyperv4j.sim.Lab;
import io.hyperv4j.spi.Credentials;
import io.hyperv4j.wsman.server.SelfSignedTls;
import io.hyperv4j.wsman.server.WsmanServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * A simulated lab served over WS-Management on loopback for tests: over HTTP (the client's default
 * there is NTLM with every message sealed), or over TLS with Basic and a key pair keytool generates for
 * 127.0.0.1 ({@link SelfSignedTls}; the client pins its certificate).
 */
public final class ServedLab implements AutoCloseable {
    public static final String USER = "ops";
    private static final char[] PASSWORD = "correct horse".toCharArray();
    public final Lab lab;
    public final WsmanServer server;
    private final String fingerprint;
    private final Security security;

    /** How the served lab is reached. */
    public enum Security {
        /** HTTPS, Basic, the server's certificate pinned. */
        BASIC_TLS,
        /** HTTP, NTLMv2, every message sealed. */
        NTLM,
        /** HTTP, Kerberos through the real KDC ({@link TestKdc}), every message sealed. */
        KERBEROS
    }

    private ServedLab(Lab lab, WsmanServer server, String fingerprint, Security security) {
        this.lab = lab;
        this.server = server;
        this.fingerprint = fingerprint;
        this.security = security;
    }

    /** Serves {@code lab}'s default host, over TLS when {@code tls}. */
    public static ServedLab serve(Lab lab, boolean tls, Path dir) {
        return serve(lab, Lab.DEFAULT_HOST, tls, dir);
    }

    /** Serves the lab's host {@code host}, over TLS when {@code tls}. */
    public static ServedLab serve(Lab lab, String host, boolean tls, Path dir) {
        return serve(lab, host, tls ? Security.BASIC_TLS : Security.NTLM, dir);
    }

    /** Serves the lab's host {@code host}, reached with {@code security}. */
    public static ServedLab serve(Lab lab, String host, Security security, Path dir) {
        SelfSignedTls t = security == Security.BASIC_TLS ? SelfSignedTls.generate(dir) : null;
        WsmanServer s = WsmanServer.start(lab.session(host), 0, t == null ? null : t.context(), USER, PASSWORD, List.of(),
                security == Security.KERBEROS ? TestKdc.service() : null);
        return new ServedLab(lab, s, t == null ? null : t.fingerprint(), security);
    }

    public URI uri() {
        return switch (security) {
            case BASIC_TLS -> URI.create("wsmans://127.0.0.1:" + server.port() + "?certificate-sha256=" + fingerprint);
            case NTLM -> URI.create("wsman://127.0.0.1:" + server.port());
            // The service principal is HTTP/localhost: the client asks for a ticket for the host it names.
            case KERBEROS -> URI.create("wsman://localhost:" + server.port() + "?auth=kerberos");
        };
    }

    /** The credentials {@link #uri()} takes: the served user's password, or for Kerberos ops@REALM's. */
    public Credentials login() {
        if (security != Security.KERBEROS) return credentials();
        try {
            return new Credentials(USER + "@" + TestKdc.REALM, TestKdc.opsPassword(), null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static Credentials credentials() {
        return new Credentials(USER, PASSWORD, null);
    }

    @Override
    public void close() {
        server.close();
        lab.close();
    }
}
