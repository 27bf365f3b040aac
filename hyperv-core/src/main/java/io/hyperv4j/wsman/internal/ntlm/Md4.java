package io.hyperv4j.wsman.internal.ntlm;

/**
 * MD4 (RFC 1320), which NTLM's NT hash needs and the JDK does not provide. Only for NTOWF: MD4 is
 * broken as a general hash.
 */
public final class Md4 {
    private Md4() {}

    /**
     * The MD4 digest of {@code message}.
     *
     * @param message the bytes to hash
     * @return the 16-byte digest
     */
    public static byte[] digest(byte[] message) {
        long bits = (long) message.length * 8;
        int padded = ((message.length + 8) / 64 + 1) * 64;
        byte[] m = new byte[padded];
        System.arraycopy(message, 0, m, 0, message.length);
        m[message.length] = (byte) 0x80;
        for (int i = 0; i < 8; i++) m[padded - 8 + i] = (byte) (bits >>> (8 * i));
        int a = 0x67452301, b = 0xefcdab89, c = 0x98badcfe, d = 0x10325476;
        int[] x = new int[16];
        for (int block = 0; block < padded; block += 64) {
            for (int i = 0; i < 16; i++) x[i] = Bytes.int32(m, block + 4 * i);
            int aa = a, bb = b, cc = c, dd = d;
            for (int i = 0; i < 16; i += 4) { // round 1: F(x,y,z) = xy | ~xz
                a = Integer.rotateLeft(a + ((b & c) | (~b & d)) + x[i], 3);
                d = Integer.rotateLeft(d + ((a & b) | (~a & c)) + x[i + 1], 7);
                c = Integer.rotateLeft(c + ((d & a) | (~d & b)) + x[i + 2], 11);
                b = Integer.rotateLeft(b + ((c & d) | (~c & a)) + x[i + 3], 19);
            }
            for (int i = 0; i < 4; i++) { // round 2: G(x,y,z) = xy | xz | yz, + 0x5A827999
                a = Integer.rotateLeft(a + ((b & c) | (b & d) | (c & d)) + x[i] + 0x5A827999, 3);
                d = Integer.rotateLeft(d + ((a & b) | (a & c) | (b & c)) + x[i + 4] + 0x5A827999, 5);
                c = Integer.rotateLeft(c + ((d & a) | (d & b) | (a & b)) + x[i + 8] + 0x5A827999, 9);
                b = Integer.rotateLeft(b + ((c & d) | (c & a) | (d & a)) + x[i + 12] + 0x5A827999, 13);
            }
            int[] order = {0, 2, 1, 3};
            for (int i : order) { // round 3: H(x,y,z) = x ^ y ^ z, + 0x6ED9EBA1
                a = Integer.rotateLeft(a + (b ^ c ^ d) + x[i] + 0x6ED9EBA1, 3);
                d = Integer.rotateLeft(d + (a ^ b ^ c) + x[i + 8] + 0x6ED9EBA1, 9);
                c = Integer.rotateLeft(c + (d ^ a ^ b) + x[i + 4] + 0x6ED9EBA1, 11);
                b = Integer.rotateLeft(b + (c ^ d ^ a) + x[i + 12] + 0x6ED9EBA1, 15);
            }
            a += aa;
            b += bb;
            c += cc;
            d += dd;
        }
        java.util.Arrays.fill(m, (byte) 0);
        byte[] out = new byte[16];
        Bytes.putInt32(out, 0, a);
        Bytes.putInt32(out, 4, b);
        Bytes.putInt32(out, 8, c);
        Bytes.putInt32(out, 12, d);
        return out;
    }
}
