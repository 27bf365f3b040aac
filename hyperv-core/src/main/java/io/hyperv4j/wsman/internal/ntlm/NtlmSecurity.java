package io.hyperv4j.wsman.internal.ntlm;

import io.hyperv4j.wsman.internal.MessageSecurity;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;

/**
 * NTLMv2 message confidentiality and integrity with extended session security ([MS-NLMP] 3.4.3,
 * 3.4.4.2, connection-oriented): one RC4 stream and one sequence number per direction; the signature
 * is version 1, the first 8 bytes of HMAC_MD5(SignKey, SeqNum + Message) (encrypted with the same
 * RC4 stream when keys were exchanged), and the sequence number.
 */
public final class NtlmSecurity implements MessageSecurity {
    public static final String PROTOCOL = "application/HTTP-SPNEGO-session-encrypted";
    private final int flags;
    private final byte[] outSign;
    private final byte[] inSign;
    private final Cipher outSeal;
    private final Cipher inSeal;
    private int outSeq;
    private int inSeq;

    /**
     * @param exportedKey the exported session key
     * @param flags       the negotiated flags
     * @param client      whether this side is the client (it seals with the client-to-server keys)
     */
    public NtlmSecurity(byte[] exportedKey, int flags, boolean client) {
        this.flags = flags;
        this.outSign = NtlmCrypto.signKey(exportedKey, client);
        this.inSign = NtlmCrypto.signKey(exportedKey, !client);
        this.outSeal = NtlmCrypto.rc4(NtlmCrypto.sealKey(exportedKey, flags, client));
        this.inSeal = NtlmCrypto.rc4(NtlmCrypto.sealKey(exportedKey, flags, !client));
    }

    @Override
    public synchronized Sealed wrap(byte[] plaintext) {
        byte[] sealed = outSeal.update(plaintext);
        byte[] signature = signature(outSign, outSeal, outSeq++, plaintext);
        return new Sealed(signature, sealed == null ? new byte[0] : sealed);
    }

    @Override
    public synchronized byte[] unwrap(Sealed sealed) {
        byte[] plain = inSeal.update(sealed.data());
        if (plain == null) plain = new byte[0];
        byte[] expected = signature(inSign, inSeal, inSeq++, plain);
        if (sealed.signature().length != 16 || !MessageDigest.isEqual(expected, sealed.signature())) {
            Arrays.fill(plain, (byte) 0);
            throw new SecurityException("the sealed message's signature does not match (tampered, replayed or out of order)");
        }
        return plain;
    }

    private byte[] signature(byte[] signKey, Cipher seal, int seq, byte[] message) {
        byte[] seqBytes = new byte[4];
        Bytes.putInt32(seqBytes, 0, seq);
        byte[] checksum = Arrays.copyOf(NtlmCrypto.hmacMd5(signKey, Bytes.concat(seqBytes, message)), 8);
        if ((flags & NtlmFlags.NEGOTIATE_KEY_EXCH) != 0) checksum = seal.update(checksum);
        byte[] sig = new byte[16];
        Bytes.putInt32(sig, 0, 1);
        System.arraycopy(checksum, 0, sig, 4, 8);
        System.arraycopy(seqBytes, 0, sig, 12, 4);
        return sig;
    }

    @Override
    public String protocol() {
        return PROTOCOL;
    }
}
