package io.hyperv4j.wsman;

import io.hyperv4j.sim.Lab;
import io.hyperv4j.spi.Credentials;
import io.hyperv4j.wsman.server.SelfSignedTls;
import io.hyperv4j.wsman.server.WsmanServer;
import java.net.URI;
import java.nio.file.Path;

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

    private ServedLab(Lab lab, WsmanServer server, String fingerprint) {
        this.lab = lab;
        this.server = server;
        this.fingerprint = fingerprint;
    }

    /** Serves {@code lab}'s default host, over TLS when {@code tls}. */
    public static ServedLab serve(Lab lab, boolean tls, Path dir) {
        return serve(lab, Lab.DEFAULT_HOST, tls, dir);
    }

    /** Serves the lab's host {@code host}, over TLS when {@code tls}. */
    public static ServedLab serve(Lab lab, String host, boolean tls, Path dir) {
        SelfSignedTls t = tls ? SelfSignedTls.generate(dir) : null;
        WsmanServer s = WsmanServer.start(lab.session(host), 0, t == null ? null : t.context(), USER, PASSWORD);
        return new ServedLab(lab, s, t == null ? null : t.fingerprint());
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
}
