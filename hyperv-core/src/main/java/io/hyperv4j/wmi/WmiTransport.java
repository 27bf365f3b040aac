package io.hyperv4j.wmi;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.spi.CimTransport;
import io.hyperv4j.spi.Credentials;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code wmi:} transport: WMI over DCOM through JNA, for Windows. Nothing here touches native
 * code until {@link #open} runs on Windows; on other systems {@code open} fails with
 * WBEM_E_NOT_SUPPORTED and says what to use instead; on Windows without JNA on the class path (an
 * optional dependency of hyperv-core) it fails the same way, naming the artifact to add.
 */
public final class WmiTransport implements CimTransport {

    /** The namespace every session connects to on open, to fail early on a bad host or password. */
    public static final String PROBE_NAMESPACE = "root\\cimv2";

    /** A jna-platform class the transport uses: present only when the optional JNA dependency is. */
    static final String JNA_PROBE = "com.sun.jna.platform.win32.COM.Wbemcli";

    @Override
    public String name() {
        return WmiTarget.SCHEME;
    }

    @Override
    public boolean supports(URI uri) {
        return WmiTarget.supports(uri);
    }

    @Override
    public CimSession open(URI uri, Optional<Credentials> credentials, Duration timeout) {
        WmiTarget target = WmiTarget.parse(uri);
        Optional<Credentials> creds = credentials == null ? Optional.empty() : credentials;
        if (target.user() != null && creds.isEmpty())
            throw new CimException(CimError.INVALID_PARAMETER, "the URI names the user " + target.user()
                    + " but no Credentials were given; pass Credentials with the password (the CLI reads "
                    + "HYPERV4J_PASSWORD or prompts), or drop the user to connect as the current identity");
        if (target.local() && creds.isPresent())
            throw WmiErrors.exception(0x80041064L, new WmiErrors.Context("connect", target.host(), null, displayUser(creds.get()), null));
        if (!isWindows())
            throw new CimException(CimError.NOT_SUPPORTED, "the wmi transport needs Windows (this is " + System.getProperty("os.name")
                    + "): it speaks DCOM through the Windows COM libraries. Use a sim: URI for the simulated datacenter, "
                    + "or run on Windows to reach " + target.host() + ".");
        requireJna();
        Duration t = timeout == null ? CimSession.DEFAULT_TIMEOUT : timeout;
        WbemConnector connector = NativeConnector.create(target, creds.orElse(null));
        return WmiSession.open(target, creds.map(WmiTransport::displayUser).orElse(null), t, connector, PROBE_NAMESPACE);
    }

    /**
     * JNA is an optional dependency of hyperv-core (only this transport needs it): say which artifact
     * to add instead of failing later with a NoClassDefFoundError.
     */
    static void requireJna() {
        try {
            Class.forName(JNA_PROBE, false, WmiTransport.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new CimException(CimError.NOT_SUPPORTED, "the wmi transport needs JNA on the class path: add the dependency "
                    + "net.java.dev.jna:jna-platform (version 5.14.0 or later; it brings net.java.dev.jna:jna), which hyperv-core "
                    + "declares optional so that applications using only sim: URIs do without it");
        }
    }

    static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    static String displayUser(Credentials c) {
        return c.domain() == null || c.domain().isEmpty() ? c.user() : c.domain() + "\\" + c.user();
    }
}
