package io.hyperv4j.wsman.internal.ntlm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Locale;

/**
 * Channel bindings for NTLM over TLS ([MS-NLMP] 2.2.2.1 MsvAvChannelBindings): the MD5 of a
 * {@code gss_channel_bindings_struct} (RFC 2744 3.11, no addresses: four zero 32-bit fields, then the
 * application data's length and the data, little-endian as Windows serializes it) whose application
 * data is {@code "tls-server-end-point:"} followed by the hash of the server's certificate (RFC 5929
 * 4.1: the certificate's signature hash, SHA-256 in place of MD5 or SHA-1). A binding ties the
 * authentication to the TLS connection it ran on, so it cannot be relayed to another.
 */
public final class ChannelBindings {
    private static final byte[] PREFIX = "tls-server-end-point:".getBytes(StandardCharsets.US_ASCII);

    private ChannelBindings() {}

    /**
     * The MsvAvChannelBindings value for a TLS connection to the server presenting {@code certificate}.
     *
     * @param certificate the server's certificate
     * @return 16 bytes
     */
    public static byte[] tlsServerEndPoint(X509Certificate certificate) {
        byte[] data = Bytes.concat(PREFIX, certificateHash(certificate));
        byte[] struct = new byte[20 + data.length];
        Bytes.putInt32(struct, 16, data.length);
        System.arraycopy(data, 0, struct, 20, data.length);
        return digest("MD5", struct);
    }

    /** RFC 5929 4.1: the certificate hashed with its signature's hash function, SHA-256 for MD5 and SHA-1. */
    static byte[] certificateHash(X509Certificate certificate) {
        String sig = certificate.getSigAlgName().toUpperCase(Locale.ROOT).replace("-", "");
        String hash = sig.startsWith("SHA512") ? "SHA-512" : sig.startsWith("SHA384") ? "SHA-384" : "SHA-256";
        try {
            return digest(hash, certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the server certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }
}
