package io.hyperv4j.wsman.internal;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import javax.security.auth.Subject;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;

/**
 * Kerberos on a new connection, as WinRM's client does it: an empty POST carrying the SPNEGO token for
 * {@code HTTP/host}, whose 200 must carry the server's mutual-authentication token (the AP-REP in
 * {@code WWW-Authenticate: Negotiate}); a reply without it, or with one that does not verify, is refused
 * (the server did not prove it holds the service's key). The established context then seals the
 * connection's messages.
 */
final class KerberosHandshake implements ConnectionCarrier.Handshake {
    private final Subject subject;
    private final String host;

    KerberosHandshake(Subject subject, String host) {
        this.subject = subject;
        this.host = host;
    }

    @Override
    public Opened open(HttpConnection c, Duration timeout) throws IOException {
        Kerberos.Initiated initiated;
        try {
            initiated = Kerberos.initiate(subject, host);
        } catch (GSSException e) {
            throw new CimException(CimError.ACCESS_DENIED, "no Kerberos ticket for HTTP/" + host + ": " + e.getMessage(), e);
        }
        HttpConnection.Reply r;
        try {
            r = c.post(Map.of("Authorization", "Negotiate " + ConnectionCarrier.b64(initiated.token())), new byte[0], timeout);
        } catch (IOException | RuntimeException e) {
            initiated.dispose();
            throw e;
        }
        if (r.statusCode() == 401) {
            initiated.dispose();
            return Opened.refused(r);
        }
        if (r.statusCode() != 200) {
            initiated.dispose();
            throw new CimException(CimError.TRANSPORT_FAILURE, "the server answered Kerberos authentication with HTTP " + r.statusCode());
        }
        GSSContext context;
        try {
            context = initiated.complete(ConnectionCarrier.negotiateToken(r));
        } catch (SecurityException e) {
            throw new CimException(CimError.ACCESS_DENIED, "the server at " + host + " did not prove it is HTTP/" + host
                    + " (Kerberos mutual authentication): " + e.getMessage(), e);
        }
        return new Opened(new KerberosSecurity(context, KerberosSecurity.SPNEGO_PROTOCOL), Map.of(), null);
    }

    @Override
    public void close() {
        // the subject's tickets are the JDK's; nothing of ours to wipe
    }
}
