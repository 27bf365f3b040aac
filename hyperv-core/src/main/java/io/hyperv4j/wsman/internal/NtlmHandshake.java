package io.hyperv4j.wsman.internal;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.wsman.internal.ntlm.ChannelBindings;
import io.hyperv4j.wsman.internal.ntlm.NtlmCrypto;
import io.hyperv4j.wsman.internal.ntlm.NtlmInitiator;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * NTLMv2 on a new connection: NEGOTIATE, then the AUTHENTICATE answering the server's CHALLENGE rides
 * on the first real request; over TLS it carries the channel binding of the server's certificate. Only the NT hash of the password is kept, wiped on close.
 */
final class NtlmHandshake implements ConnectionCarrier.Handshake {
    private final String user;
    private final String domain;
    private final byte[] ntHash;

    NtlmHandshake(String user, char[] password) {
        int slash = user.indexOf('\\');
        this.domain = slash < 0 ? "" : user.substring(0, slash);
        this.user = user.substring(slash + 1);
        this.ntHash = NtlmCrypto.ntHash(password);
    }

    @Override
    public Opened open(HttpConnection c, Duration timeout) throws IOException {
        NtlmInitiator initiator = new NtlmInitiator();
        HttpConnection.Reply challenge = c.post(Map.of("Authorization", "Negotiate " + ConnectionCarrier.b64(initiator.negotiate())), new byte[0], timeout);
        byte[] token = challenge.statusCode() == 401 ? ConnectionCarrier.negotiateToken(challenge) : null;
        if (token == null) {
            if (challenge.statusCode() == 401) return Opened.refused(challenge);
            throw new CimException(CimError.TRANSPORT_FAILURE, "the server did not answer NTLM's NEGOTIATE with a challenge (HTTP " + challenge.statusCode() + ")");
        }
        try {
            var server = c.serverCertificate();
            NtlmInitiator.Authenticated a = initiator.authenticate(token, user, domain, ntHash,
                    server == null ? null : ChannelBindings.tlsServerEndPoint(server));
            return new Opened(a.security(), Map.of("Authorization", "Negotiate " + ConnectionCarrier.b64(a.message())), null);
        } catch (IllegalArgumentException e) {
            throw new CimException(CimError.TRANSPORT_FAILURE, "the server's NTLM challenge is unusable: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        Arrays.fill(ntHash, (byte) 0);
    }
}
