package io.hyperv4j.wsman.internal.ntlm;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
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
    /**
     * How far the NTLMv2 response's timestamp may be from the server's clock: [MS-NLMP] 3.2.1.1's
     * MaxLifetime, 36 hours by default on Windows (3.2.5.1.2 refuses a response outside it).
     */
    public static final Duration MAX_LIFETIME = Duration.ofHours(36);
    private final String computer;
    private final Clock clock;
    private byte[] negotiate;
    private byte[] challenge;
    private byte[] serverChallenge;
    private int flags;
    private String user;

    /**
     * @param computer the server's NetBIOS name shown in the target info
     */
    public NtlmAcceptor(String computer) {
        this(computer, Clock.systemUTC());
    }

    /**
     * @param computer the server's NetBIOS name shown in the target info
     * @param clock    the server's clock, which the response's timestamp is checked against
     */
    public NtlmAcceptor(String computer, Clock clock) {
        this.computer = computer.toUpperCase(Locale.ROOT);
        this.clock = clock;
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
        return challenge(negotiateMessage, serverChallenge, NtlmInitiator.fileTime(clock.millis()));
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
        return accept(message, ntHashes, null, false);
    }

    /**
     * Checks the client's AUTHENTICATE_MESSAGE, and its channel binding when the handshake ran over TLS.
     *
     * @param message         the message received
     * @param ntHashes        the NT hash of a user's password by user name, empty for an unknown user
     * @param channelBinding  the binding of the TLS connection it came on ({@link ChannelBindings}), null over plain HTTP
     * @param bindingRequired whether a client that sends no binding is refused (WinRM's CbtHardeningLevel Strict);
     *                        a binding that is sent and wrong is always refused
     * @return the context that unseals the client's messages and seals the replies
     * @throws SecurityException when the user is unknown, the proof, MIC or channel binding is wrong, the
     *                           response's time is outside {@link #MAX_LIFETIME}, or the message is malformed
     */
    public NtlmSecurity accept(byte[] message, Function<String, Optional<byte[]>> ntHashes, byte[] channelBinding, boolean bindingRequired) {
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
            checkTime(Arrays.copyOfRange(temp, 8, 16));
            checkBinding(pairs.get(NtlmMessages.AV_CHANNEL_BINDINGS), channelBinding, bindingRequired);
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

    /** [MS-NLMP] 3.2.5.1.2: a response whose timestamp is further than MaxLifetime from now is refused (stale or replayed). */
    private void checkTime(byte[] fileTime) {
        long hundredNanos = 0;
        for (int i = 7; i >= 0; i--) hundredNanos = hundredNanos << 8 | (fileTime[i] & 0xff);
        long millis = hundredNanos / 10_000 - 11_644_473_600_000L;
        long skew = Math.abs(clock.millis() - millis);
        if (hundredNanos < 0 || skew > MAX_LIFETIME.toMillis())
            throw new SecurityException("the NTLMv2 response's time is " + Duration.ofMillis(skew).toHours()
                    + " h from the server's clock (at most " + MAX_LIFETIME.toHours() + " h): stale or replayed");
    }

    private static void checkBinding(byte[] given, byte[] expected, boolean required) {
        boolean sent = given != null && given.length == 16 && !Arrays.equals(given, new byte[16]);
        if (expected == null) return; // plain HTTP: nothing to bind to
        if (sent && !MessageDigest.isEqual(given, expected))
            throw new SecurityException("the channel binding does not match this TLS connection (an authentication relayed from another?)");
        if (!sent && required) throw new SecurityException("the client sent no channel binding, which this server requires over TLS");
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
