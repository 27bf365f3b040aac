package io.hyperv4j.wsman.server;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.wsman.internal.Kerberos;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.security.auth.Subject;

/**
 * The Kerberos service a {@link WsmanServer} accepts tickets for: its principal (WinRM's is
 * {@code HTTP/host@REALM}) and the keytab holding that principal's keys. The JVM's Kerberos configuration
 * ({@code java.security.krb5.conf}) must know the realm. A client principal maps to the served user when
 * its name equals the user (ignoring case) and its realm is the service's.
 *
 * @param keytab           the keytab file with the service's keys
 * @param servicePrincipal the service principal, for example {@code HTTP/localhost@EXAMPLE.COM}
 */
public record KerberosService(Path keytab, String servicePrincipal) {
    /**
     * Checks that the keytab is readable and the principal names a realm.
     *
     * @param keytab           the keytab holding the service's key
     * @param servicePrincipal the service principal, {@code HTTP/host@REALM}
     * @throws CimException INVALID_PARAMETER naming what is wrong
     */
    public KerberosService {
        if (keytab == null || !Files.isReadable(keytab))
            throw new CimException(CimError.INVALID_PARAMETER, "the keytab " + keytab + " cannot be read");
        if (servicePrincipal == null || servicePrincipal.indexOf('@') <= 0)
            throw new CimException(CimError.INVALID_PARAMETER, "the service principal " + servicePrincipal + " names no realm; write HTTP/host@REALM");
    }

    Subject subject() {
        return Kerberos.service(keytab, servicePrincipal);
    }

    /** Whether the authenticated {@code client} (name@REALM) is {@code user} in this service's realm. */
    boolean maps(String client, String user) {
        int at = client.lastIndexOf('@');
        String realm = servicePrincipal.substring(servicePrincipal.lastIndexOf('@') + 1);
        return at > 0 && client.substring(0, at).equalsIgnoreCase(user) && client.substring(at + 1).equals(realm)
                && !client.substring(0, at).contains("/");
    }
}
