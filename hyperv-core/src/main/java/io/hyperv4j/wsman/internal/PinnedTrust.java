package io.hyperv4j.wsman.internal;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS that trusts exactly one server certificate, named by the SHA-256 of its DER encoding (what
 * {@code keytool -list -v} prints as the SHA256 fingerprint). Used instead of the default trust store
 * (which stays the default) for a host with a self-signed certificate; the pin replaces both chain
 * and host-name checks, since it names the one certificate to accept.
 */
public class PinnedTrust extends X509ExtendedTrustManager {
    private final List<byte[]> sha256;

    private PinnedTrust(List<byte[]> sha256) {
        this.sha256 = sha256;
    }

    /**
     * A trust manager for a server that accepts exactly these client certificates (by SHA-256, hex,
     * colons allowed) and refuses every server certificate.
     */
    public static X509ExtendedTrustManager clients(Collection<String> fingerprints) {
        return new PinnedTrust(fingerprints.stream().map(PinnedTrust::parse).toList()) {
            @Override public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("this trust manager checks client certificates only");
            }
            @Override public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                check(chain);
            }
        };
    }

    private static byte[] parse(String fingerprint) {
        String hex = fingerprint.replace(":", "").trim();
        if (!hex.matches("[0-9A-Fa-f]{64}"))
            throw new CimException(CimError.INVALID_PARAMETER, "a certificate pin is a SHA-256 fingerprint: 64 hex digits, colons allowed");
        return HexFormat.of().parseHex(hex);
    }

    /** An SSL context trusting only the certificate with this fingerprint (hex, colons allowed). */
    public static SSLContext context(String fingerprint) {
        return context(fingerprint, null);
    }

    /** The same, presenting {@code keys} (a client certificate) when the server asks for one. */
    public static SSLContext context(String fingerprint, KeyManager[] keys) {
        byte[] pin = parse(fingerprint);
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(keys, new TrustManager[] {new PinnedTrust(List.of(pin))}, null);
            return c;
        } catch (GeneralSecurityException e) {
            throw new CimException(CimError.FAILED, "TLS is not available: " + e.getMessage(), e);
        }
    }

    /** The SHA-256 fingerprint of a certificate, as {@link #context} takes it. */
    public static String fingerprint(X509Certificate cert) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) throw new CertificateException("no certificate was sent");
        byte[] got;
        try {
            got = MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new CertificateException(e);
        }
        boolean pinned = false;
        for (byte[] pin : sha256) pinned |= MessageDigest.isEqual(got, pin);
        if (!pinned)
            throw new CertificateException("the certificate (SHA-256 " + HexFormat.of().withUpperCase().formatHex(got) + ") is not a pinned one");
        chain[0].checkValidity();
    }

    @Override public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException { check(chain); }
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket s) throws CertificateException { check(chain); }
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine e) throws CertificateException { check(chain); }

    @Override public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("client certificates are not checked here");
    }
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket s) throws CertificateException {
        checkClientTrusted(chain, authType);
    }
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine e) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
}
