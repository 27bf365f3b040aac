package io.hyperv4j.internal;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Name-based (version 3, MD5) UUIDs, exactly those {@link UUID#nameUUIDFromBytes} gives, with the
 * MD5 digest computed here (RFC 1321). The JDK's goes through the security providers, whose first
 * use in a process reads the security configuration, opens the system's random source and spins
 * method handles: several milliseconds of a short CLI command, for the digest of a few bytes. The
 * simulator's derived ids (BIOS GUIDs, controllers, VSS ids...) are kept in lab files and compared
 * by tests, so they must never change; {@code NameUuidsTest} checks this class against the JDK's.
 * <p>Thread-safety: stateless, thread-safe.
 */
public final class NameUuids {
    /** Per-round shift amounts. */
    private static final int[] SHIFT = {7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21};
    /** K[i] = floor(|sin(i + 1)| × 2³²), with StrictMath so the table is the same on every platform. */
    private static final int[] K = new int[64];

    static {
        for (int i = 0; i < 64; i++) K[i] = (int) (long) StrictMath.floor(StrictMath.abs(StrictMath.sin(i + 1)) * 4294967296.0);
    }

    private NameUuids() {}

    /**
     * The version-3 UUID of {@code name}'s UTF-8 bytes.
     *
     * @param name the name
     * @return the same UUID as {@code UUID.nameUUIDFromBytes(name.getBytes(UTF_8))}
     */
    public static UUID of(String name) {
        return of(name.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The version-3 UUID of {@code name}.
     *
     * @param name the bytes of the name
     * @return the same UUID as {@code UUID.nameUUIDFromBytes(name)}
     */
    public static UUID of(byte[] name) {
        byte[] md5 = md5(name);
        md5[6] = (byte) ((md5[6] & 0x0f) | 0x30); // version 3
        md5[8] = (byte) ((md5[8] & 0x3f) | 0x80); // IETF variant
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) msb = (msb << 8) | (md5[i] & 0xff);
        for (int i = 8; i < 16; i++) lsb = (lsb << 8) | (md5[i] & 0xff);
        return new UUID(msb, lsb);
    }

    /** The 16-byte MD5 digest of {@code message}. */
    static byte[] md5(byte[] message) {
        // padding: 0x80, zeros up to 56 mod 64, then the length in bits (little-endian)
        int padded = ((message.length + 8) / 64 + 1) * 64;
        byte[] m = java.util.Arrays.copyOf(message, padded);
        m[message.length] = (byte) 0x80;
        long bits = (long) message.length * 8;
        for (int i = 0; i < 8; i++) m[padded - 8 + i] = (byte) (bits >>> (8 * i));
        int h0 = 0x67452301, h1 = 0xefcdab89, h2 = 0x98badcfe, h3 = 0x10325476;
        int[] w = new int[16];
        for (int block = 0; block < padded; block += 64) {
            for (int j = 0; j < 16; j++) {
                int o = block + 4 * j;
                w[j] = (m[o] & 0xff) | (m[o + 1] & 0xff) << 8 | (m[o + 2] & 0xff) << 16 | (m[o + 3] & 0xff) << 24;
            }
            int a = h0, b = h1, c = h2, d = h3;
            for (int i = 0; i < 64; i++) {
                int f;
                int g;
                if (i < 16) {
                    f = (b & c) | (~b & d);
                    g = i;
                } else if (i < 32) {
                    f = (d & b) | (~d & c);
                    g = (5 * i + 1) & 15;
                } else if (i < 48) {
                    f = b ^ c ^ d;
                    g = (3 * i + 5) & 15;
                } else {
                    f = c ^ (b | ~d);
                    g = (7 * i) & 15;
                }
                int next = b + Integer.rotateLeft(a + f + K[i] + w[g], SHIFT[(i >> 4) * 4 + (i & 3)]);
                a = d;
                d = c;
                c = b;
                b = next;
            }
            h0 += a;
            h1 += b;
            h2 += c;
            h3 += d;
        }
        byte[] out = new byte[16];
        int[] h = {h0, h1, h2, h3};
        for (int i = 0; i < 16; i++) out[i] = (byte) (h[i / 4] >>> (8 * (i % 4)));
        return out;
    }
}
