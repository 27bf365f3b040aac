package io.hyperv4j.wsman.internal.ntlm;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The server side of one NTLMv2 handshake ([MS-NLMP] 3.2.5): answers NEGOTIATE with a CHALLENGE
 * (a fresh server challenge, the target info with a timestamp, so clients send a MIC), then checks
 * the AUTHENTICATE against the user's NT hash: the NTProofStr, the MIC over all three messages, and
 * derives the context that unseals the client's messages. Refuses anything without sealing.
 */
public final class NtlmAcceptor {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final String computer;
    private byte[] negotiate;
    private byte[] challenge;
    private byte[] serverChallenge;
    private int flags;
    private String user;

    /**
     * @param computer the server's NetBIOS name shown in the target info
     */
    public NtlmAcceptor(String computer) {
        this.computer = computer.toUpperCase(Locale.ROOT);
    }

    /**
     * Answers the client's NEGOTIATE_MESSAGE.
     *
     * @param negotiateMessage the message received
     * @return the CHALLENGE_MESSAGE
     * @throws SecurityException when the client does not offer NTLMv2 sealing
     */
    public byte[] challenge(byte[] negotiateMessage) {
        int asked = NtlmMessages.negotiateFlags(negotiateMessage);
        if ((asked & NtlmFlags.REQUIRED) != NtlmFlags.REQUIRED)
            throw new SecurityException("the client did not offer NTLMv2 sealing with 128-bit keys and key exchange");
        serverChallenge = new byte[8];
        RANDOM.nextBytes(serverChallenge);
        return challenge(negotiateMessage, serverChallenge, NtlmInitiator.fileTime(System.currentTimeMillis()));
    }

    /** The challenge for a given server challenge and time (deterministic, for tests). */
    byte[] challenge(byte[] negotiateMessage, byte[] serverChallenge, byte[] time) {
        this.negotiate = negotiateMessage.clone();
        this.serverChallenge = serverChallenge.clone();
        // Like Windows, answer in Unicode with NTLM whatever the client offered (ntlm_auth offers OEM only).
        this.flags = (NtlmMessages.negotiateFlags(negotiateMessage) & NtlmFlags.CLIENT) | NtlmFlags.NEGOTIATE_UNICODE | NtlmFlags.NEGOTIATE_NTLM
                | NtlmFlags.TARGET_TYPE_SERVER | NtlmFlags.NEGOTIATE_TARGET_INFO;
        Map<Integer, byte[]> info = new LinkedHashMap<>();
        info.put(NtlmMessages.AV_NB_DOMAIN, Bytes.utf16(computer));
        info.put(NtlmMessages.AV_NB_COMPUTER, Bytes.utf16(computer));
        info.put(NtlmMessages.AV_DNS_COMPUTER, Bytes.utf16(computer.toLowerCase(Locale.ROOT)));
        info.put(NtlmMessages.AV_TIMESTAMP, time);
        challenge = NtlmMessages.challenge(new NtlmMessages.Challenge(flags, serverChallenge, computer, NtlmMessages.avPairs(info)));
        return challenge.clone();
    }

    /**
     * Checks the client's AUTHENTICATE_MESSAGE.
     *
     * @param message  the message received
     * @param ntHashes the NT hash of a user's password by user name, empty for an unknown user
     * @return the context that unseals the client's messages and seals the replies
     * @throws SecurityException when the user is unknown, the proof or MIC is wrong, or the message is malformed
     */
    public NtlmSecurity accept(byte[] message, Function<String, Optional<byte[]>> ntHashes) {
        if (challenge == null) throw new SecurityException("AUTHENTICATE before CHALLENGE");
        NtlmMessages.Authenticate a;
        try {
            a = NtlmMessages.authenticate(message);
        } catch (IllegalArgumentException e) {
            throw new SecurityException("malformed AUTHENTICATE_MESSAGE: " + e.getMessage());
        }
        byte[] ntHash = ntHashes.apply(a.user()).orElseThrow(() -> new SecurityException("wrong user name or password"));
        byte[] nt = a.ntResponse();
        if (nt.length < 16 + 28 + 4) throw new SecurityException("not an NTLMv2 response");
        byte[] proof = Arrays.copyOf(nt, 16);
        byte[] temp = Arrays.copyOfRange(nt, 16, nt.length);
        byte[] responseKey = NtlmCrypto.ntowfv2(ntHash, a.user(), a.domain());
        try {
            if (!MessageDigest.isEqual(proof, NtlmCrypto.ntProof(responseKey, serverChallenge, temp)))
                throw new SecurityException("wrong user name or password");
            byte[] sessionBaseKey = NtlmCrypto.hmacMd5(responseKey, proof);
            if (a.encryptedSessionKey().length != 16) throw new SecurityException("no exchanged session key");
            byte[] exported = NtlmCrypto.rc4(sessionBaseKey, a.encryptedSessionKey());
            Map<Integer, byte[]> pairs;
            try {
                pairs = NtlmMessages.avPairs(Arrays.copyOfRange(temp, 28, temp.length));
            } catch (IllegalArgumentException e) {
                throw new SecurityException("malformed NTLMv2 client challenge: " + e.getMessage());
            }
            byte[] avFlags = pairs.get(NtlmMessages.AV_FLAGS);
            if (avFlags != null && avFlags.length == 4 && (Bytes.int32(avFlags, 0) & NtlmMessages.AV_FLAG_MIC) != 0) {
                if (a.mic() == null) throw new SecurityException("the MIC is missing");
                byte[] zeroed = message.clone();
                Arrays.fill(zeroed, NtlmMessages.MIC_OFFSET, NtlmMessages.MIC_OFFSET + 16, (byte) 0);
                if (!MessageDigest.isEqual(a.mic(), NtlmCrypto.hmacMd5(exported, Bytes.concat(negotiate, challenge, zeroed))))
                    throw new SecurityException("the MIC does not match: the handshake was altered");
            }
            user = a.user();
            try {
                return new NtlmSecurity(exported, flags, false);
            } finally {
                Arrays.fill(exported, (byte) 0);
                Arrays.fill(sessionBaseKey, (byte) 0);
            }
        } finally {
            Arrays.fill(responseKey, (byte) 0);
            Arrays.fill(ntHash, (byte) 0);
        }
    }

    /**
     * The user the handshake authenticated.
     *
     * @return the user name, or null before {@link #accept}
     */
    public String user() {
        return user;
    }
}
