package io.hyperv4j.wsman.internal.ntlm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hyperv4j.wsman.internal.MessageSecurity;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Known answers: MD4 from RFC 1320 appendix A.5, NTLMv2 from [MS-NLMP] 4.2.4 (User "User", domain
 * "Domain", password "Password", server challenge 0123456789abcdef, client challenge aa x8, time 0,
 * random session key 55 x16, target info NetBIOS domain "Domain" and server "Server", flags e28a8233).
 */
class NtlmVectorsTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SERVER_CHALLENGE = HEX.parseHex("0123456789abcdef");
    private static final byte[] CLIENT_CHALLENGE = HEX.parseHex("aaaaaaaaaaaaaaaa");
    private static final byte[] RANDOM_SESSION_KEY = HEX.parseHex("55555555555555555555555555555555");
    private static final int FLAGS = 0xe28a8233;

    private static String md4(String s) {
        return HEX.formatHex(Md4.digest(s.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void md4MatchesRfc1320() {
        assertEquals("31d6cfe0d16ae931b73c59d7e0c089c0", md4(""));
        assertEquals("bde52cb31de33e46245e05fbdbd6fb24", md4("a"));
        assertEquals("a448017aaf21d8525fc10ae87aa6729d", md4("abc"));
        assertEquals("d9130a8164549fe818874806e1c7014b", md4("message digest"));
        assertEquals("d79e1c308aa5bbcdeea8ed63df412da9", md4("abcdefghijklmnopqrstuvwxyz"));
        assertEquals("043f8582f241db351ce627e153e7f0e4", md4("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"));
        assertEquals("e33b4ddc9c38f2199c3e7b164fcc0536", md4("1234567890".repeat(8)));
    }

    @Test
    void ntowfv2AndResponsesMatchMsNlmp424() {
        byte[] ntHash = NtlmCrypto.ntHash("Password".toCharArray());
        assertEquals("a4f49c406510bdcab6824ee7c30fd852", HEX.formatHex(ntHash), "NTOWFv1 (4.2.2.1.2)");
        byte[] key = NtlmCrypto.ntowfv2(ntHash, "User", "Domain");
        assertEquals("0c868a403bfd7a93a3001ef22ef02e3f", HEX.formatHex(key), "NTOWFv2 (4.2.4.1.1)");
        Map<Integer, byte[]> info = new LinkedHashMap<>();
        info.put(NtlmMessages.AV_NB_DOMAIN, Bytes.utf16("Domain"));
        info.put(NtlmMessages.AV_NB_COMPUTER, Bytes.utf16("Server"));
        byte[] temp = NtlmInitiator.temp(new byte[8], CLIENT_CHALLENGE, NtlmMessages.avPairs(info));
        byte[] proof = NtlmCrypto.ntProof(key, SERVER_CHALLENGE, temp);
        assertEquals("68cd0ab851e51c96aabc927bebef6a1c", HEX.formatHex(proof), "NTProofStr (4.2.4.2.2)");
        byte[] sessionBaseKey = NtlmCrypto.hmacMd5(key, proof);
        assertEquals("8de40ccadbc14a82f15cb0ad0de95ca3", HEX.formatHex(sessionBaseKey), "session base key (4.2.4.1.2)");
        byte[] lmv2 = NtlmCrypto.hmacMd5(key, Bytes.concat(SERVER_CHALLENGE, CLIENT_CHALLENGE));
        assertEquals("86c35097ac9cec102554764a57cccc19", HEX.formatHex(lmv2), "LMv2 response (4.2.4.2.1)");
        assertEquals("c5dad2544fc9799094ce1ce90bc9d03e", HEX.formatHex(NtlmCrypto.rc4(sessionBaseKey, RANDOM_SESSION_KEY)),
                "encrypted session key (4.2.4.2.3)");
    }

    @Test
    void sealingMatchesMsNlmp4244() {
        assertEquals("59f600973cc4960a25480a7c196e4c58", HEX.formatHex(NtlmCrypto.sealKey(RANDOM_SESSION_KEY, FLAGS, true)));
        assertEquals("4788dc861b4782f35d43fd98fe1a2d39", HEX.formatHex(NtlmCrypto.signKey(RANDOM_SESSION_KEY, true)));
        MessageSecurity.Sealed s = new NtlmSecurity(RANDOM_SESSION_KEY, FLAGS, true).wrap("Plaintext".getBytes(StandardCharsets.UTF_16LE));
        assertEquals("54e50165bf1936dc996020c1811b0f06fb5f", HEX.formatHex(s.data()));
        assertEquals("010000007fb38ec5c55d497600000000", HEX.formatHex(s.signature()));
    }

    @Test
    void theServerUnsealsInOrderAndRefusesTamperedOrReplayedMessages() {
        NtlmSecurity client = new NtlmSecurity(RANDOM_SESSION_KEY, FLAGS, true);
        NtlmSecurity server = new NtlmSecurity(RANDOM_SESSION_KEY, FLAGS, false);
        byte[] first = "first".getBytes(StandardCharsets.UTF_8);
        MessageSecurity.Sealed one = client.wrap(first);
        assertArrayEquals(first, server.unwrap(one));
        MessageSecurity.Sealed reply = server.wrap("reply".getBytes(StandardCharsets.UTF_8));
        assertEquals("reply", new String(client.unwrap(reply), StandardCharsets.UTF_8));
        assertThrows(SecurityException.class, () -> server.unwrap(one), "a replayed message");
        MessageSecurity.Sealed two = new NtlmSecurity(RANDOM_SESSION_KEY, FLAGS, true).wrap(first);
        two.data()[0] ^= 1;
        assertThrows(SecurityException.class, () -> new NtlmSecurity(RANDOM_SESSION_KEY, FLAGS, false).unwrap(two), "a flipped bit");
    }

    @Test
    void aHandshakeAuthenticatesTheRightPasswordOnly() {
        byte[] hash = NtlmCrypto.ntHash("correct horse".toCharArray());
        NtlmInitiator client = new NtlmInitiator();
        NtlmAcceptor server = new NtlmAcceptor("hv01");
        byte[] challenge = server.challenge(client.negotiate());
        NtlmInitiator.Authenticated a = client.authenticate(challenge, "ops", "", hash);
        NtlmSecurity serverSide = server.accept(a.message(), u -> u.equalsIgnoreCase("ops") ? java.util.Optional.of(hash.clone()) : java.util.Optional.empty());
        assertEquals("ops", server.user());
        byte[] msg = "<s:Envelope/>".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(msg, serverSide.unwrap(a.security().wrap(msg)));

        NtlmAcceptor other = new NtlmAcceptor("hv01");
        NtlmInitiator c2 = new NtlmInitiator();
        byte[] ch2 = other.challenge(c2.negotiate());
        byte[] wrong = c2.authenticate(ch2, "ops", "", NtlmCrypto.ntHash("wrong".toCharArray())).message();
        assertThrows(SecurityException.class, () -> other.accept(wrong, u -> java.util.Optional.of(hash.clone())));

        NtlmAcceptor third = new NtlmAcceptor("hv01");
        NtlmInitiator c3 = new NtlmInitiator();
        byte[] m3 = c3.authenticate(third.challenge(c3.negotiate()), "ops", "", hash).message();
        m3[NtlmMessages.MIC_OFFSET] ^= 1;
        assertThrows(SecurityException.class, () -> third.accept(m3, u -> java.util.Optional.of(hash.clone())), "an altered MIC");
    }
}
