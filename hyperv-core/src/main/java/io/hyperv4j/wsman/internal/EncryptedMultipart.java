package io.hyperv4j.wsman.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WinRM's encrypted body over HTTP ([MS-WSMV] 2.2.9.1): a {@code multipart/encrypted} message with
 * the boundary "Encrypted Boundary", a first part naming the protocol and the plaintext's type and
 * length, and an octet-stream part holding a 4-byte little-endian signature length, the signature
 * and the sealed envelope.
 */
public final class EncryptedMultipart {
    private static final String BOUNDARY = "--Encrypted Boundary";
    private static final byte[] END = (BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STREAM_HEADER = (BOUNDARY + "\r\n\tContent-Type: application/octet-stream\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final Pattern HEADER = Pattern.compile(
            "\\Q" + BOUNDARY + "\\E\r\n\tContent-Type: ([^\r\n]+)\r\n\tOriginalContent: type=application/soap\\+xml;charset=UTF-8;Length=([0-9]{1,9})\r\n");

    private EncryptedMultipart() {}

    /**
     * The HTTP Content-Type of an encrypted body.
     *
     * @param protocol the security protocol
     * @return the header value
     */
    public static String contentType(String protocol) {
        return "multipart/encrypted;protocol=\"" + protocol + "\";boundary=\"Encrypted Boundary\"";
    }

    /**
     * Whether a Content-Type announces an encrypted body.
     *
     * @param contentType the header value, or null
     * @return true for multipart/encrypted
     */
    public static boolean isEncrypted(String contentType) {
        return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/encrypted");
    }

    /**
     * Seals an envelope and frames it.
     *
     * @param security  the established context
     * @param plaintext the envelope
     * @return the HTTP body
     */
    public static byte[] encode(MessageSecurity security, byte[] plaintext) {
        MessageSecurity.Sealed s = security.wrap(plaintext);
        ByteArrayOutputStream out = new ByteArrayOutputStream(plaintext.length + 256);
        out.writeBytes((BOUNDARY + "\r\n\tContent-Type: " + security.protocol() + "\r\n\tOriginalContent: type=application/soap+xml;charset=UTF-8;Length="
                + plaintext.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(STREAM_HEADER);
        byte[] len = new byte[4];
        int n = s.signature().length;
        for (int i = 0; i < 4; i++) len[i] = (byte) (n >>> (8 * i));
        out.writeBytes(len);
        out.writeBytes(s.signature());
        out.writeBytes(s.data());
        out.writeBytes(END);
        return out.toByteArray();
    }

    /**
     * Unframes and unseals a body.
     *
     * @param security the established context
     * @param body     the HTTP body
     * @return the envelope
     * @throws IllegalArgumentException when the framing is wrong
     * @throws SecurityException        when the signature does not verify
     */
    public static byte[] decode(MessageSecurity security, byte[] body) {
        int headerEnd = Math.min(body.length, 512);
        Matcher m = HEADER.matcher(new String(body, 0, headerEnd, StandardCharsets.ISO_8859_1));
        if (!m.lookingAt()) throw new IllegalArgumentException("not a WinRM encrypted message (the first part is not as [MS-WSMV] 2.2.9.1 frames it)");
        if (!m.group(1).equalsIgnoreCase(security.protocol()))
            throw new IllegalArgumentException("the message is encrypted with " + m.group(1) + ", not " + security.protocol());
        int length = Integer.parseInt(m.group(2));
        int at = m.end();
        if (!Arrays.equals(body, at, Math.min(body.length, at + STREAM_HEADER.length), STREAM_HEADER, 0, STREAM_HEADER.length))
            throw new IllegalArgumentException("the encrypted message has no octet-stream part");
        at += STREAM_HEADER.length;
        if (at + 4 > body.length) throw new IllegalArgumentException("the encrypted message is cut short");
        int sigLength = (body[at] & 0xff) | (body[at + 1] & 0xff) << 8 | (body[at + 2] & 0xff) << 16 | (body[at + 3] & 0xff) << 24;
        at += 4;
        if (sigLength < 0 || sigLength > 1024 || (long) at + sigLength + length + END.length != body.length
                || !Arrays.equals(body, body.length - END.length, body.length, END, 0, END.length))
            throw new IllegalArgumentException("the encrypted message's lengths do not add up (signature " + sigLength + ", plaintext " + length + ")");
        byte[] signature = Arrays.copyOfRange(body, at, at + sigLength);
        byte[] data = Arrays.copyOfRange(body, at + sigLength, at + sigLength + length);
        return security.unwrap(new MessageSecurity.Sealed(signature, data));
    }
}
