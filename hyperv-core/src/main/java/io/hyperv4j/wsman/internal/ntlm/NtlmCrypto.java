package io.hyperv4j.wsman.internal.ntlm;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The NTLMv2 one-way functions and key derivations of [MS-NLMP] 3.3.2 and 3.4.5, named as the spec names them. */
public final class NtlmCrypto {
    static final String CLIENT_SIGN = "session key to client-to-server signing key magic constant";
    static final String SERVER_SIGN = "session key to server-to-client signing key magic constant";
    static final String CLIENT_SEAL = "session key to client-to-server sealing key magic constant";
    static final String SERVER_SEAL = "session key to server-to-client sealing key magic constant";

    private NtlmCrypto() {}

    /**
     * The NT hash, MD4(UNICODE(Passwd)); every intermediate copy of the password is wiped.
     *
     * @param password the password
     * @return the 16-byte hash
     */
    public static byte[] ntHash(char[] password) {
        var encoded = StandardCharsets.UTF_16LE.encode(CharBuffer.wrap(password));
        byte[] raw = new byte[encoded.remaining()];
        encoded.get(raw);
        Arrays.fill(encoded.array(), (byte) 0);
        try {
            return Md4.digest(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /**
     * NTOWFv2: HMAC_MD5(MD4(UNICODE(Passwd)), UNICODE(Uppercase(User) + UserDom)).
     *
     * @param ntHash the NT hash of the password
     * @param user   the user name
     * @param domain the user's domain (empty for a local account)
     * @return the response key
     */
    public static byte[] ntowfv2(byte[] ntHash, String user, String domain) {
        return hmacMd5(ntHash, Bytes.utf16(user.toUpperCase(Locale.ROOT) + domain));
    }

    /**
     * NTProofStr: HMAC_MD5(ResponseKeyNT, ServerChallenge + temp).
     *
     * @param responseKey     NTOWFv2
     * @param serverChallenge the challenge's 8 bytes
     * @param temp            the NTLMv2_CLIENT_CHALLENGE structure
     * @return the 16-byte proof
     */
    public static byte[] ntProof(byte[] responseKey, byte[] serverChallenge, byte[] temp) {
        return hmacMd5(responseKey, Bytes.concat(serverChallenge, temp));
    }

    /**
     * SIGNKEY (with extended session security): MD5(ExportedSessionKey + magic constant + NUL).
     *
     * @param exportedKey    the exported session key
     * @param clientToServer the client's direction or the server's
     * @return the signing key
     */
    public static byte[] signKey(byte[] exportedKey, boolean clientToServer) {
        return md5(exportedKey, clientToServer ? CLIENT_SIGN : SERVER_SIGN);
    }

    /**
     * SEALKEY (with extended session security): the key cut to 16, 7 or 5 bytes by the negotiated
     * strength, then MD5 with the magic constant.
     *
     * @param exportedKey    the exported session key
     * @param flags          the negotiated flags
     * @param clientToServer the client's direction or the server's
     * @return the sealing (RC4) key
     */
    public static byte[] sealKey(byte[] exportedKey, int flags, boolean clientToServer) {
        int n = (flags & NtlmFlags.NEGOTIATE_128) != 0 ? 16 : (flags & NtlmFlags.NEGOTIATE_56) != 0 ? 7 : 5;
        return md5(Arrays.copyOf(exportedKey, n), clientToServer ? CLIENT_SEAL : SERVER_SEAL);
    }

    static byte[] md5(byte[] key, String magic) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            md.update(key);
            md.update(magic.getBytes(StandardCharsets.US_ASCII));
            md.update((byte) 0);
            return md.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is not available", e);
        }
    }

    /**
     * HMAC_MD5(key, data).
     *
     * @param key  the key
     * @param data the data
     * @return the 16-byte MAC
     */
    public static byte[] hmacMd5(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key, "HmacMD5"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 is not available", e);
        }
    }

    /**
     * A fresh RC4 stream keyed with {@code key}; its state carries over from one {@code update} to the next.
     *
     * @param key the key
     * @return the cipher
     */
    public static Cipher rc4(byte[] key) {
        try {
            Cipher c = Cipher.getInstance("RC4");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "RC4"));
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RC4 is not available", e);
        }
    }

    /**
     * One-shot RC4K(key, data), as used for the key exchange.
     *
     * @param key  the key
     * @param data the data
     * @return the transformed data
     */
    public static byte[] rc4(byte[] key, byte[] data) {
        return rc4(key).update(data);
    }
}
