package io.hyperv4j.wsman.internal;

import java.io.File;
import java.nio.file.Path;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KeyTab;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

/**
 * Kerberos through the JDK's GSS-API (JGSS), as WinRM's {@code Negotiate} scheme carries it: SPNEGO
 * wrapping a Kerberos AP-REQ for the service {@code HTTP/host} ([MS-WSMV] 2.2.9.1 names the scheme, RFC
 * 4559 the header). The realm and KDCs come from the JVM's Kerberos configuration
 * ({@code java.security.krb5.conf} or {@code /etc/krb5.conf}). A login keeps the ticket-granting ticket
 * in a {@link Subject}; the password reaches only the JDK's login module, through a callback, and is
 * wiped by the caller.
 */
public final class Kerberos {
    /** SPNEGO (RFC 4178), what WinRM's Negotiate scheme carries. */
    public static final Oid SPNEGO = oid("1.3.6.1.5.5.2");
    private static final String LOGIN_MODULE = "com.sun.security.auth.module.Krb5LoginModule";

    private Kerberos() {}

    /**
     * The Kerberos principal for a user as the credentials name it: DOMAIN&#92;user becomes
     * {@code user@DOMAIN} (realms are upper case), {@code user@REALM} and {@code user} (the default realm)
     * stay; null stays null (the ticket cache's principal).
     */
    public static String principal(String user) {
        if (user == null) return null;
        int slash = user.indexOf('\\');
        return slash < 0 ? user : user.substring(slash + 1) + "@" + user.substring(0, slash).toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * Logs in to the KDC as {@code principal} with {@code password}, or from the ticket cache when
     * {@code password} is null.
     *
     * @throws LoginException when the KDC refuses (the message names no secret)
     */
    public static Subject login(String principal, char[] password) throws LoginException {
        Map<String, String> options = new HashMap<>();
        options.put("refreshKrb5Config", "true");
        options.put("storeKey", "false");
        if (password == null) {
            options.put("useTicketCache", "true");
            options.put("doNotPrompt", "true");
            if (principal != null) options.put("principal", principal);
        }
        Subject subject = new Subject();
        LoginContext lc = new LoginContext("hyperv4j-wsman", subject, callbacks -> {
            for (Callback cb : callbacks) {
                if (cb instanceof NameCallback n) n.setName(principal);
                else if (cb instanceof PasswordCallback p && password != null) p.setPassword(password);
                else throw new UnsupportedCallbackException(cb);
            }
        }, configuration(options));
        lc.login();
        return subject;
    }

    /**
     * Starts a context for the service {@code HTTP/host} with the subject's tickets, asking for mutual
     * authentication, confidentiality, integrity, sequence and replay detection (what WinRM asks for).
     *
     * @param subject the logged-in client
     * @param host    the service's host
     * @return the context and its first SPNEGO token
     * @throws GSSException when no service ticket can be had (unknown service, KDC unreachable)
     */
    public static Initiated initiate(Subject subject, String host) throws GSSException {
        return as(subject, () -> {
            GSSManager m = GSSManager.getInstance();
            GSSContext c = m.createContext(m.createName("HTTP@" + host, GSSName.NT_HOSTBASED_SERVICE), SPNEGO, null, GSSContext.DEFAULT_LIFETIME);
            try {
                c.requestMutualAuth(true);
                c.requestConf(true);
                c.requestInteg(true);
                c.requestSequenceDet(true);
                c.requestReplayDet(true);
                return new Initiated(c, c.initSecContext(new byte[0], 0, 0));
            } catch (GSSException | RuntimeException e) {
                c.dispose();
                throw e;
            }
        });
    }

    /**
     * A context under way and its first token: {@link #complete} it with the server's reply.
     *
     * @param context the initiator's context
     * @param token   the token for the Authorization header
     */
    public record Initiated(GSSContext context, byte[] token) {
        /**
         * Checks the server's mutual-authentication token (the AP-REP) and establishes the context.
         *
         * @param reply the token of the server's WWW-Authenticate, or null when it sent none
         * @return the established context
         * @throws SecurityException when the token is missing or does not prove the server knows the ticket's key
         */
        public GSSContext complete(byte[] reply) {
            try {
                if (reply == null || reply.length == 0) throw new SecurityException("the server did not authenticate itself (no Kerberos reply token)");
                context.initSecContext(reply, 0, reply.length);
                if (!context.isEstablished()) throw new SecurityException("the server's Kerberos reply token did not complete mutual authentication");
                if (!context.getMutualAuthState()) throw new SecurityException("the server was not mutually authenticated");
                return context;
            } catch (GSSException e) {
                dispose();
                throw new SecurityException("the server's Kerberos reply token is invalid: " + e.getMessage(), e);
            } catch (SecurityException e) {
                dispose();
                throw e;
            }
        }

        /** Drops the context. */
        public void dispose() {
            try {
                context.dispose();
            } catch (GSSException ignored) {
                // nothing held that matters
            }
        }
    }

    /** A service's long-term keys, from a keytab, for accepting. */
    public static Subject service(Path keytab, String servicePrincipal) {
        KerberosPrincipal p = new KerberosPrincipal(servicePrincipal);
        Subject s = new Subject();
        s.getPrincipals().add(p);
        s.getPrivateCredentials().add(KeyTab.getInstance(p, new File(keytab.toString())));
        s.setReadOnly();
        return s;
    }

    /**
     * An accepted token: the client's principal, the reply token for the client (null for none) and the
     * established context, which seals the connection's messages.
     */
    public record Accepted(String client, byte[] reply, GSSContext context) {}

    /**
     * Accepts one complete token (SPNEGO or raw Kerberos) with the service's keys.
     *
     * @return the client when the token established a context, empty when it did not
     */
    public static Optional<Accepted> accept(Subject service, byte[] token) {
        try {
            return as(service, () -> {
                GSSContext c = GSSManager.getInstance().createContext((org.ietf.jgss.GSSCredential) null);
                byte[] reply = c.acceptSecContext(token, 0, token.length);
                if (c.isEstablished()) return Optional.of(new Accepted(c.getSrcName().toString(), reply, c));
                c.dispose();
                return Optional.<Accepted>empty();
            });
        } catch (GSSException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private interface GssAction<T> {
        T run() throws GSSException;
    }

    @SuppressWarnings("removal") // Subject.doAs is how JGSS finds the subject's credentials on Java 17
    private static <T> T as(Subject subject, GssAction<T> action) throws GSSException {
        try {
            return Subject.doAs(subject, (PrivilegedExceptionAction<T>) action::run);
        } catch (PrivilegedActionException e) {
            if (e.getException() instanceof GSSException g) throw g;
            throw new IllegalStateException(e.getException());
        }
    }

    private static Configuration configuration(Map<String, String> options) {
        return new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[] {new AppConfigurationEntry(LOGIN_MODULE, AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)};
            }
        };
    }

    private static Oid oid(String s) {
        try {
            return new Oid(s);
        } catch (GSSException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
