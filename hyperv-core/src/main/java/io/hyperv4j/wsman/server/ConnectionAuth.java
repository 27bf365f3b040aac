package io.hyperv4j.wsman.server;

import io.hyperv4j.wsman.internal.Kerberos;
import io.hyperv4j.wsman.internal.KerberosSecurity;
import io.hyperv4j.wsman.internal.MessageSecurity;
import io.hyperv4j.wsman.internal.WsmanHttp;
import io.hyperv4j.wsman.internal.ntlm.ChannelBindings;
import io.hyperv4j.wsman.internal.ntlm.NtlmAcceptor;
import io.hyperv4j.wsman.internal.ntlm.NtlmCrypto;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.Subject;
import java.util.Set;
import java.util.Locale;
import java.util.Collection;
import java.util.stream.Collectors;
import java.security.cert.X509Certificate;
import io.hyperv4j.wsman.internal.PinnedTrust;

/**
 * Authentication as WinRM does it: HTTP Basic per request, a client certificate that maps to the
 * served user (HTTPS, the mutual profile), or per connection Kerberos (SPNEGO under Negotiate, or the
 * Kerberos scheme, accepted with a keytab) or NTLM (under the Negotiate or NTLM scheme), whose established
 * context then seals every message on that connection over HTTP.
 * Connections are told apart by the client's address and port; at most {@value #MAX_CONNECTIONS}
 * contexts are kept, the least recently used dropped first (that client simply authenticates again).
 */
final class ConnectionAuth implements AutoCloseable {
    static final int MAX_CONNECTIONS = 512;
    private static final int MAX_TOKEN = 16 * 1024;

    /** What to do with a request. */
    sealed interface Decision {
        /** Answer 401 with these WWW-Authenticate values. */
        record Challenge(List<String> wwwAuthenticate) implements Decision {}

        /**
         * Serve the request; {@code security} seals the connection's messages (null for none), {@code
         * wwwAuthenticate} is the server's mutual-authentication token for the reply (null for none).
         */
        record Proceed(MessageSecurity security, String wwwAuthenticate) implements Decision {
            Proceed(MessageSecurity security) {
                this(security, null);
            }
        }
    }

    /** WS-Management's HTTPS mutual-authentication profile ([DSP0226] C.3.5): the client certificate is the credential. */
    static final String MUTUAL = "http://schemas.dmtf.org/wbem/wsman/1/wsman/secprofile/https/mutual";
    private final Set<String> clientCertificates;
    private final List<ClientCertificateMapping> mappings;
    private final String computer;
    private final String user;
    private final byte[] basicToken;
    private final byte[] ntHash;
    private final KerberosService kerberos;
    private final Subject kerberosSubject;
    private volatile boolean requireChannelBinding;
    private final Map<InetSocketAddress, Object> contexts = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetSocketAddress, Object> eldest) {
            return size() > MAX_CONNECTIONS;
        }
    };

    ConnectionAuth(String computer, String user, char[] password, Collection<String> clientCertificates, Collection<ClientCertificateMapping> mappings,
            KerberosService kerberos) {
        this.mappings = List.copyOf(mappings);
        this.kerberos = kerberos;
        this.kerberosSubject = kerberos == null ? null : kerberos.subject();
        this.clientCertificates = clientCertificates.stream().map(f -> f.replace(":", "").trim().toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
        this.computer = computer;
        this.user = user;
        this.basicToken = WsmanHttp.basicToken(user, password);
        this.ntHash = NtlmCrypto.ntHash(password);
    }

    /** The offers of a 401 without a handshake under way. */
    List<String> offers() {
        return kerberos == null ? List.of("Negotiate", "Basic realm=\"WSMAN\"") : List.of("Negotiate", "Kerberos", "Basic realm=\"WSMAN\"");
    }

    /**
     * Decides on one request from {@code peer} carrying {@code authorization} (or none), over a TLS
     * session whose client presented {@code clientCertificate} (null for none or plain HTTP).
     */
    synchronized Decision decide(InetSocketAddress peer, String authorization, X509Certificate clientCertificate) {
        return decide(peer, authorization, clientCertificate == null ? List.of() : List.of(clientCertificate), null);
    }

    /**
     * As {@link #decide(InetSocketAddress, String, X509Certificate)}, with the client's whole certificate
     * chain (empty for none; the mappings need its issuer), over a TLS connection on which the server
     * presented {@code serverCertificate} (null over plain HTTP): NTLM's channel binding is checked against it.
     */
    synchronized Decision decide(InetSocketAddress peer, String authorization, List<X509Certificate> clientChain, X509Certificate serverCertificate) {
        if (MUTUAL.equals(authorization)) {
            boolean mapped = !clientChain.isEmpty() && (clientCertificates.contains(PinnedTrust.fingerprint(clientChain.get(0)))
                    || mappings.stream().anyMatch(m -> m.admits(clientChain)));
            return mapped ? new Decision.Proceed(null) : new Decision.Challenge(offers());
        }
        if (authorization == null) {
            return contexts.get(peer) instanceof MessageSecurity s ? new Decision.Proceed(s) : new Decision.Challenge(offers());
        }
        int space = authorization.indexOf(' ');
        String scheme = space < 0 ? authorization : authorization.substring(0, space);
        String credentials = space < 0 ? "" : authorization.substring(space + 1).trim();
        if (scheme.equalsIgnoreCase("Basic")) {
            byte[] given = credentials.getBytes(StandardCharsets.US_ASCII);
            boolean ok = MessageDigest.isEqual(given, basicToken);
            Arrays.fill(given, (byte) 0);
            return ok ? new Decision.Proceed(null) : new Decision.Challenge(offers());
        }
        boolean kerberosScheme = scheme.equalsIgnoreCase("Kerberos") && kerberos != null;
        if (!scheme.equalsIgnoreCase("Negotiate") && !scheme.equalsIgnoreCase("NTLM") && !kerberosScheme || credentials.length() > MAX_TOKEN)
            return new Decision.Challenge(offers());
        byte[] token;
        try {
            token = Base64.getDecoder().decode(credentials);
        } catch (IllegalArgumentException e) {
            return new Decision.Challenge(offers());
        }
        if (kerberos != null && !isNtlm(token)) return kerberos(peer, token, kerberosScheme);
        int type = token.length >= 12 ? token[8] : 0;
        try {
            if (type == 1) {
                NtlmAcceptor acceptor = new NtlmAcceptor(computer);
                byte[] challenge = acceptor.challenge(token);
                contexts.put(peer, acceptor);
                return new Decision.Challenge(List.of(scheme + " " + Base64.getEncoder().encodeToString(challenge)));
            }
            if (type == 3 && contexts.remove(peer) instanceof NtlmAcceptor acceptor) {
                byte[] binding = serverCertificate == null ? null : ChannelBindings.tlsServerEndPoint(serverCertificate);
                MessageSecurity s = acceptor.accept(token, u -> u.equalsIgnoreCase(user) ? Optional.of(ntHash.clone()) : Optional.empty(),
                        binding, requireChannelBinding);
                contexts.put(peer, s);
                return new Decision.Proceed(s);
            }
        } catch (SecurityException | IllegalArgumentException e) {
            contexts.remove(peer);
        }
        return new Decision.Challenge(offers());
    }

    private static final byte[] NTLM_SIGNATURE = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);

    private static boolean isNtlm(byte[] token) {
        return token.length >= NTLM_SIGNATURE.length && Arrays.equals(token, 0, NTLM_SIGNATURE.length, NTLM_SIGNATURE, 0, NTLM_SIGNATURE.length);
    }

    /**
     * A Kerberos (or SPNEGO) token: proceeds when it is valid for the service and names the served user in
     * the service's realm, answering with the acceptor's token (mutual authentication, which WinRM clients
     * require). The established context becomes the connection's: over HTTP it seals what follows.
     */
    private Decision kerberos(InetSocketAddress peer, byte[] token, boolean kerberosScheme) {
        Optional<Kerberos.Accepted> accepted = Kerberos.accept(kerberosSubject, token).filter(a -> kerberos.maps(a.client(), user));
        if (accepted.isEmpty()) {
            contexts.remove(peer);
            return new Decision.Challenge(offers());
        }
        Kerberos.Accepted a = accepted.get();
        MessageSecurity s = new KerberosSecurity(a.context(), kerberosScheme ? KerberosSecurity.KERBEROS_PROTOCOL : KerberosSecurity.SPNEGO_PROTOCOL);
        contexts.put(peer, s);
        String reply = a.reply() == null ? null : (kerberosScheme ? "Kerberos " : "Negotiate ") + Base64.getEncoder().encodeToString(a.reply());
        return new Decision.Proceed(s, reply);
    }

    /** Whether NTLM over TLS must carry a channel binding (WinRM's CbtHardeningLevel Strict); a wrong one is always refused. */
    void requireChannelBinding(boolean required) {
        this.requireChannelBinding = required;
    }

    /** Forgets the connection's context (after a message that failed to unseal). */
    synchronized void forget(InetSocketAddress peer) {
        contexts.remove(peer);
    }

    @Override
    public synchronized void close() {
        contexts.clear();
        Arrays.fill(basicToken, (byte) 0);
        Arrays.fill(ntHash, (byte) 0);
    }
}
