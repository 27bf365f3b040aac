package io.hyperv4j.wsman.internal.ntlm;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;

/**
 * The client side of one NTLMv2 handshake ([MS-NLMP] 3.1.5): NEGOTIATE, then the AUTHENTICATE that
 * answers the server's CHALLENGE, with a MIC when the server sent a timestamp, a random exported
 * session key sent under key exchange, and the security context that seals the messages that follow.
 */
public final class NtlmInitiator {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final byte[] negotiate = NtlmMessages.negotiate(NtlmFlags.CLIENT);

    /** The result of the handshake's last leg. */
    public record Authenticated(byte[] message, NtlmSecurity security) {}

    /**
     * The first message.
     *
     * @return NEGOTIATE_MESSAGE
     */
    public byte[] negotiate() {
        return negotiate.clone();
    }

    /**
     * Answers the server's challenge.
     *
     * @param challengeMessage the CHALLENGE_MESSAGE received
     * @param user             the user name
     * @param domain           the user's domain, empty for a local account
     * @param ntHash           the NT hash of the password ({@link NtlmCrypto#ntHash})
     * @return the AUTHENTICATE_MESSAGE and the established context
     * @throws IllegalArgumentException when the challenge is malformed or refuses sealing
     */
    public Authenticated authenticate(byte[] challengeMessage, String user, String domain, byte[] ntHash) {
        return authenticate(challengeMessage, user, domain, ntHash, null);
    }

    /**
     * Answers the server's challenge, binding the authentication to the TLS channel it runs on.
     *
     * @param challengeMessage the CHALLENGE_MESSAGE received
     * @param user             the user name
     * @param domain           the user's domain, empty for a local account
     * @param ntHash           the NT hash of the password ({@link NtlmCrypto#ntHash})
     * @param channelBinding   the MsvAvChannelBindings value ({@link ChannelBindings}), or null over plain HTTP
     * @return the AUTHENTICATE_MESSAGE and the established context
     * @throws IllegalArgumentException when the challenge is malformed or refuses sealing
     */
    public Authenticated authenticate(byte[] challengeMessage, String user, String domain, byte[] ntHash, byte[] channelBinding) {
        NtlmMessages.Challenge c = NtlmMessages.challenge(challengeMessage);
        if ((c.flags() & NtlmFlags.REQUIRED) != NtlmFlags.REQUIRED)
            throw new IllegalArgumentException("the server did not agree to NTLMv2 sealing (flags 0x" + Integer.toHexString(c.flags()) + ")");
        byte[] clientChallenge = new byte[8];
        byte[] exportedKey = new byte[16];
        RANDOM.nextBytes(clientChallenge);
        RANDOM.nextBytes(exportedKey);
        Map<Integer, byte[]> pairs = NtlmMessages.avPairs(c.targetInfo());
        byte[] time = pairs.get(NtlmMessages.AV_TIMESTAMP);
        boolean mic = time != null;
        if (mic) {
            byte[] flags = pairs.getOrDefault(NtlmMessages.AV_FLAGS, new byte[4]).clone();
            Bytes.putInt32(flags, 0, Bytes.int32(flags, 0) | NtlmMessages.AV_FLAG_MIC);
            pairs.put(NtlmMessages.AV_FLAGS, flags);
        } else {
            time = fileTime(System.currentTimeMillis());
        }
        if (channelBinding != null) pairs.put(NtlmMessages.AV_CHANNEL_BINDINGS, channelBinding.clone());
        byte[] responseKey = NtlmCrypto.ntowfv2(ntHash, user, domain);
        try {
            byte[] temp = temp(time, clientChallenge, NtlmMessages.avPairs(pairs));
            byte[] proof = NtlmCrypto.ntProof(responseKey, c.serverChallenge(), temp);
            byte[] sessionBaseKey = NtlmCrypto.hmacMd5(responseKey, proof);
            // With a MIC the LM response is Z(24) ([MS-NLMP] 3.1.5.1.2); otherwise LMv2.
            byte[] lm = mic ? new byte[24]
                    : Bytes.concat(NtlmCrypto.hmacMd5(responseKey, Bytes.concat(c.serverChallenge(), clientChallenge)), clientChallenge);
            byte[] encryptedKey = NtlmCrypto.rc4(sessionBaseKey, exportedKey);
            Arrays.fill(sessionBaseKey, (byte) 0);
            var fields = new NtlmMessages.Authenticate(lm, Bytes.concat(proof, temp), domain, user, "", encryptedKey, c.flags(), null);
            byte[] message = NtlmMessages.authenticate(fields);
            if (mic) {
                byte[] code = NtlmCrypto.hmacMd5(exportedKey, Bytes.concat(negotiate, challengeMessage, message));
                System.arraycopy(code, 0, message, NtlmMessages.MIC_OFFSET, 16);
            }
            return new Authenticated(message, new NtlmSecurity(exportedKey, c.flags(), true));
        } finally {
            Arrays.fill(responseKey, (byte) 0);
            Arrays.fill(exportedKey, (byte) 0);
        }
    }

    /**
     * NTLMv2_CLIENT_CHALLENGE ([MS-NLMP] 2.2.2.7): versions 1/1, Z(6), the time, the client challenge,
     * Z(4), the AV pairs, Z(4).
     *
     * @param time            the FILETIME, 8 bytes
     * @param clientChallenge 8 bytes
     * @param avPairs         the encoded AV pairs (ending with MsvAvEOL)
     * @return the structure
     */
    public static byte[] temp(byte[] time, byte[] clientChallenge, byte[] avPairs) {
        return Bytes.concat(new byte[] {1, 1, 0, 0, 0, 0, 0, 0}, time, clientChallenge, new byte[4], avPairs, new byte[4]);
    }

    /** A FILETIME (100 ns since 1601-01-01), little-endian. */
    static byte[] fileTime(long epochMillis) {
        long t = (epochMillis + 11_644_473_600_000L) * 10_000;
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) b[i] = (byte) (t >>> (8 * i));
        return b;
    }
}
