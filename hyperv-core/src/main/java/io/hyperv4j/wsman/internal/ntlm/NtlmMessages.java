package io.hyperv4j.wsman.internal.ntlm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The three NTLM messages of [MS-NLMP] 2.2.1 and the AV_PAIR list of 2.2.2.1: encoded as the spec
 * lays them out, decoded with every offset and length checked against the message.
 */
public final class NtlmMessages {
    static final byte[] SIGNATURE = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);
    /** Windows 10 build 19041, NTLM revision 15: the VERSION structure sent when NEGOTIATE_VERSION is set. */
    static final byte[] VERSION = {10, 0, 0x61, 0x4a, 0, 0, 0, 15};
    public static final int AV_EOL = 0, AV_NB_COMPUTER = 1, AV_NB_DOMAIN = 2, AV_DNS_COMPUTER = 3, AV_FLAGS = 6, AV_TIMESTAMP = 7, AV_CHANNEL_BINDINGS = 0x0A;
    /** MsvAvFlags bit: the AUTHENTICATE_MESSAGE carries a MIC. */
    public static final int AV_FLAG_MIC = 0x2;
    static final int MIC_OFFSET = 72;

    private NtlmMessages() {}

    /** CHALLENGE_MESSAGE. */
    public record Challenge(int flags, byte[] serverChallenge, String targetName, byte[] targetInfo) {}

    /** AUTHENTICATE_MESSAGE. */
    public record Authenticate(byte[] lmResponse, byte[] ntResponse, String domain, String user, String workstation,
                               byte[] encryptedSessionKey, int flags, byte[] mic) {}

    /**
     * NEGOTIATE_MESSAGE with no domain or workstation supplied.
     *
     * @param flags the flags to ask for
     * @return the message
     */
    public static byte[] negotiate(int flags) {
        byte[] m = new byte[40];
        header(m, 1);
        Bytes.putInt32(m, 12, flags);
        System.arraycopy(VERSION, 0, m, 32, 8);
        return m;
    }

    /**
     * The flags a NEGOTIATE_MESSAGE asks for.
     *
     * @param m the message
     * @return its flags
     */
    public static int negotiateFlags(byte[] m) {
        check(m, 1, 32);
        return Bytes.int32(m, 12);
    }

    /**
     * CHALLENGE_MESSAGE.
     *
     * @param c the challenge
     * @return the message
     */
    public static byte[] challenge(Challenge c) {
        byte[] name = Bytes.utf16(c.targetName());
        Payload p = new Payload(56);
        byte[] m = new byte[56];
        header(m, 2);
        p.field(m, 12, name);
        Bytes.putInt32(m, 20, c.flags());
        System.arraycopy(c.serverChallenge(), 0, m, 24, 8);
        p.field(m, 40, c.targetInfo());
        System.arraycopy(VERSION, 0, m, 48, 8);
        return Bytes.concat(m, p.bytes());
    }

    /**
     * Parses a CHALLENGE_MESSAGE.
     *
     * @param m the message
     * @return the challenge
     * @throws IllegalArgumentException when it is not one
     */
    public static Challenge challenge(byte[] m) {
        check(m, 2, 48);
        return new Challenge(Bytes.int32(m, 20), Arrays.copyOfRange(m, 24, 32), Bytes.utf16(field(m, 12)), field(m, 40));
    }

    /**
     * AUTHENTICATE_MESSAGE with VERSION and a MIC slot (zero when {@code a.mic()} is null).
     *
     * @param a the fields
     * @return the message
     */
    public static byte[] authenticate(Authenticate a) {
        byte[] m = new byte[88];
        header(m, 3);
        Payload p = new Payload(88);
        p.field(m, 12, a.lmResponse());
        p.field(m, 20, a.ntResponse());
        p.field(m, 28, Bytes.utf16(a.domain()));
        p.field(m, 36, Bytes.utf16(a.user()));
        p.field(m, 44, Bytes.utf16(a.workstation()));
        p.field(m, 52, a.encryptedSessionKey());
        Bytes.putInt32(m, 60, a.flags());
        System.arraycopy(VERSION, 0, m, 64, 8);
        if (a.mic() != null) System.arraycopy(a.mic(), 0, m, MIC_OFFSET, 16);
        return Bytes.concat(m, p.bytes());
    }

    /**
     * Parses an AUTHENTICATE_MESSAGE (the MIC is read only when the payload starts after it).
     *
     * @param m the message
     * @return the fields
     * @throws IllegalArgumentException when it is not one
     */
    public static Authenticate authenticate(byte[] m) {
        check(m, 3, 64);
        int payloadStart = m.length;
        for (int at = 12; at <= 52; at += 8) if (Bytes.int16(m, at) > 0) payloadStart = Math.min(payloadStart, Bytes.int32(m, at + 4));
        byte[] mic = payloadStart >= MIC_OFFSET + 16 ? Arrays.copyOfRange(m, MIC_OFFSET, MIC_OFFSET + 16) : null;
        return new Authenticate(field(m, 12), field(m, 20), Bytes.utf16(field(m, 28)), Bytes.utf16(field(m, 36)),
                Bytes.utf16(field(m, 44)), field(m, 52), Bytes.int32(m, 60), mic);
    }

    /**
     * The AV pairs of a target info, in order (the last of a repeated id wins); stops at MsvAvEOL.
     *
     * @param info the encoded list
     * @return id to value
     * @throws IllegalArgumentException when a pair runs past the end
     */
    public static Map<Integer, byte[]> avPairs(byte[] info) {
        Map<Integer, byte[]> pairs = new LinkedHashMap<>();
        int at = 0;
        while (at + 4 <= info.length) {
            int id = Bytes.int16(info, at), len = Bytes.int16(info, at + 2);
            if (id == AV_EOL) return pairs;
            if (at + 4 + len > info.length) throw new IllegalArgumentException("an AV pair runs past the target info");
            pairs.put(id, Arrays.copyOfRange(info, at + 4, at + 4 + len));
            at += 4 + len;
        }
        throw new IllegalArgumentException("the target info has no MsvAvEOL");
    }

    /**
     * Encodes AV pairs followed by MsvAvEOL.
     *
     * @param pairs id to value, in order
     * @return the encoded list
     */
    public static byte[] avPairs(Map<Integer, byte[]> pairs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] head = new byte[4];
        pairs.forEach((id, value) -> {
            Bytes.putInt16(head, 0, id);
            Bytes.putInt16(head, 2, value.length);
            out.writeBytes(head);
            out.writeBytes(value);
        });
        out.writeBytes(new byte[4]);
        return out.toByteArray();
    }

    private static void header(byte[] m, int type) {
        System.arraycopy(SIGNATURE, 0, m, 0, 8);
        Bytes.putInt32(m, 8, type);
    }

    private static void check(byte[] m, int type, int minLength) {
        if (m.length < minLength || !Arrays.equals(m, 0, 8, SIGNATURE, 0, 8) || Bytes.int32(m, 8) != type)
            throw new IllegalArgumentException("not an NTLM message of type " + type);
    }

    private static byte[] field(byte[] m, int at) {
        int len = Bytes.int16(m, at);
        long offset = Integer.toUnsignedLong(Bytes.int32(m, at + 4));
        if (len == 0) return new byte[0];
        if (offset + len > m.length) throw new IllegalArgumentException("an NTLM field runs past the message");
        return Arrays.copyOfRange(m, (int) offset, (int) offset + len);
    }

    /** The variable part of a message, with the (Len, MaxLen, Offset) field headers pointing into it. */
    private static final class Payload {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final int base;

        Payload(int base) {
            this.base = base;
        }

        void field(byte[] m, int at, byte[] value) {
            Bytes.putInt16(m, at, value.length);
            Bytes.putInt16(m, at + 2, value.length);
            Bytes.putInt32(m, at + 4, base + out.size());
            out.writeBytes(value);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
