package io.hyperv4j.wmi;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.platform.win32.COM.Unknown;
import com.sun.jna.platform.win32.COM.Wbemcli;
import com.sun.jna.platform.win32.Ole32;
import com.sun.jna.platform.win32.WTypes;
import com.sun.jna.ptr.PointerByReference;
import io.hyperv4j.spi.Credentials;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins COM, sets process security once (as OSHI does: RPC_E_TOO_LATE means the host application
 * already chose, which is fine), connects with IWbemLocator::ConnectServer and puts the proxy
 * blanket (packet privacy, impersonation, the explicit COAUTHIDENTITY when credentials are given)
 * on every proxy it hands out. The password lives only in native memory, wiped on close.
 */
final class NativeConnector implements WbemConnector {
    private static final Logger LOG = LoggerFactory.getLogger(NativeConnector.class);
    private static final AtomicBoolean SECURITY_INITIALIZED = new AtomicBoolean();
    private static final int CONNECT_SERVER = 3;

    private static final int RPC_C_AUTHN_LEVEL_DEFAULT = 0;
    private static final int RPC_C_AUTHN_LEVEL_PKT_PRIVACY = 6;
    private static final int RPC_C_IMP_LEVEL_IMPERSONATE = 3;
    private static final int RPC_C_AUTHN_DEFAULT = 0xFFFFFFFF;
    private static final int RPC_C_AUTHZ_DEFAULT = 0xFFFFFFFF;
    private static final int RPC_C_AUTHN_WINNT = 10;
    private static final int RPC_C_AUTHZ_NONE = 0;
    private static final int EOAC_NONE = 0;
    private static final int CLSCTX_INPROC_SERVER = 1;
    private static final int SEC_WINNT_AUTH_IDENTITY_UNICODE = 2;

    /** COAUTHIDENTITY (wtypesbase.h). */
    @Structure.FieldOrder({"User", "UserLength", "Domain", "DomainLength", "Password", "PasswordLength", "Flags"})
    public static final class CoAuthIdentity extends Structure {
        public Pointer User;
        public int UserLength;
        public Pointer Domain;
        public int DomainLength;
        public Pointer Password;
        public int PasswordLength;
        public int Flags;
    }

    private final WmiTarget target;
    private final String user;
    private final String domain;
    private final char[] password;
    private NativeCom.ComPtr locator;
    private Memory userMem;
    private Memory domainMem;
    private Memory passwordMem;
    private CoAuthIdentity identity;

    private NativeConnector(WmiTarget target, Credentials credentials) {
        this.target = target;
        if (credentials == null) {
            user = null;
            domain = null;
            password = null;
        } else {
            user = credentials.user();
            domain = credentials.domain() != null ? credentials.domain() : domainOf(target.authority());
            password = credentials.password();
        }
    }

    /** Creates the connector; touches no native code until the COM thread calls {@link #enterApartment()}. */
    static NativeConnector create(WmiTarget target, Credentials credentials) {
        return new NativeConnector(target, credentials);
    }

    private static String domainOf(String authority) {
        if (authority == null || !authority.toLowerCase(Locale.ROOT).startsWith("ntlmdomain:")) return null;
        return authority.substring("ntlmdomain:".length());
    }

    @Override
    public void enterApartment() {
        int hr = Ole32.INSTANCE.CoInitializeEx(null, Ole32.COINIT_MULTITHREADED).intValue();
        ComFailure.check(hr, "CoInitializeEx(COINIT_MULTITHREADED)");
        if (SECURITY_INITIALIZED.compareAndSet(false, true)) {
            int sec = Ole32.INSTANCE.CoInitializeSecurity(null, -1, null, null, RPC_C_AUTHN_LEVEL_DEFAULT,
                    RPC_C_IMP_LEVEL_IMPERSONATE, null, EOAC_NONE, null).intValue();
            if ((sec & 0xFFFFFFFFL) == WmiErrors.RPC_E_TOO_LATE) LOG.debug("COM security already initialized by the application");
            else if (WmiErrors.failed(sec & 0xFFFFFFFFL)) {
                SECURITY_INITIALIZED.set(false);
                LOG.warn("CoInitializeSecurity failed with {}; continuing with per-proxy security", WmiErrors.symbol(sec));
            }
        }
    }

    @Override
    public void leaveApartment() {
        Ole32.INSTANCE.CoUninitialize();
    }

    @Override
    public WbemNamespace connect(String namespace) {
        if (locator == null) {
            PointerByReference p = new PointerByReference();
            ComFailure.check(Ole32.INSTANCE.CoCreateInstance(Wbemcli.IWbemLocator.CLSID_WbemLocator, null, CLSCTX_INPROC_SERVER,
                    Wbemcli.IWbemLocator.IID_IWbemLocator, p).intValue(), "CoCreateInstance(WbemLocator)");
            locator = new NativeCom.ComPtr(p.getValue());
        }
        Pointer resource = NativeCom.bstr(target.resource(namespace));
        Pointer userBstr = null;
        Memory passwordBstr = null;
        Pointer locale = target.locale() == null ? null : NativeCom.bstr(target.locale());
        Pointer authority = target.authority() == null ? null : NativeCom.bstr(target.authority());
        try {
            if (user != null) {
                // With an authority the domain travels there; otherwise it prefixes the user name.
                String u = target.authority() == null && domain != null ? domain + "\\" + user : user;
                userBstr = NativeCom.bstr(u);
                passwordBstr = NativeCom.secretBstr(password);
            }
            PointerByReference services = new PointerByReference();
            NativeCom.checkWbem(locator.call(CONNECT_SERVER, resource, userBstr, passwordBstr == null ? null : passwordBstr.share(4),
                    locale, NativeCom.WBEM_FLAG_CONNECT_USE_MAX_WAIT, authority, null, services), "IWbemLocator::ConnectServer");
            NativeCom.ComPtr ptr = new NativeCom.ComPtr(services.getValue());
            try {
                secure(ptr, true);
            } catch (RuntimeException e) {
                ptr.release();
                throw e;
            }
            return new NativeNamespace(ptr, this);
        } finally {
            NativeCom.free(resource);
            NativeCom.free(userBstr);
            NativeCom.free(locale);
            NativeCom.free(authority);
            if (passwordBstr != null) passwordBstr.clear();
        }
    }

    /**
     * CoSetProxyBlanket on a proxy: packet privacy and impersonation, with the explicit identity when
     * the session has credentials. {@code required=false} tolerates objects that are not proxies.
     */
    void secure(Unknown proxy, boolean required) {
        int hr;
        if (user == null) {
            int authn = target.local() ? RPC_C_AUTHN_WINNT : RPC_C_AUTHN_DEFAULT;
            int authz = target.local() ? RPC_C_AUTHZ_NONE : RPC_C_AUTHZ_DEFAULT;
            WTypes.LPOLESTR principal = target.local() ? null : new WTypes.LPOLESTR(Pointer.createConstant(-1));
            hr = Ole32.INSTANCE.CoSetProxyBlanket(proxy, authn, authz, principal, RPC_C_AUTHN_LEVEL_PKT_PRIVACY,
                    RPC_C_IMP_LEVEL_IMPERSONATE, null, EOAC_NONE).intValue();
        } else {
            hr = Ole32.INSTANCE.CoSetProxyBlanket(proxy, RPC_C_AUTHN_DEFAULT, RPC_C_AUTHZ_DEFAULT,
                    new WTypes.LPOLESTR(Pointer.createConstant(-1)), RPC_C_AUTHN_LEVEL_PKT_PRIVACY,
                    RPC_C_IMP_LEVEL_IMPERSONATE, identity().getPointer(), EOAC_NONE).intValue();
        }
        if (!required && WmiErrors.failed(hr & 0xFFFFFFFFL)) {
            // Not every object WMI hands out is a proxy (semisynchronous call results may be local).
            LOG.debug("CoSetProxyBlanket on a non-proxy returned {}", WmiErrors.symbol(hr));
            return;
        }
        ComFailure.check(hr, "CoSetProxyBlanket");
    }

    /** The COAUTHIDENTITY, kept alive (and the password in it) until close, since proxies refer to it. */
    private CoAuthIdentity identity() {
        if (identity == null) {
            userMem = NativeCom.wideString(user.toCharArray());
            domainMem = domain == null ? null : NativeCom.wideString(domain.toCharArray());
            passwordMem = NativeCom.wideString(password);
            CoAuthIdentity id = new CoAuthIdentity();
            id.User = userMem;
            id.UserLength = user.length();
            id.Domain = domainMem;
            id.DomainLength = domain == null ? 0 : domain.length();
            id.Password = passwordMem;
            id.PasswordLength = password.length;
            id.Flags = SEC_WINNT_AUTH_IDENTITY_UNICODE;
            id.write();
            identity = id;
        }
        return identity;
    }

    @Override
    public void close() {
        if (locator != null) {
            locator.release();
            locator = null;
        }
        if (password != null) Arrays.fill(password, '\0');
        if (passwordMem != null) passwordMem.clear();
        if (identity != null) identity.getPointer().clear(identity.size());
    }

    @Override
    public String toString() {
        return "NativeConnector[" + target + (user == null ? "" : ", user " + user) + "]";
    }
}
