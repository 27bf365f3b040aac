package io.hyperv4j.wmi;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
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
 * on every proxy it hands out, and with credentials on that proxy's IUnknown too (Microsoft's
 * "Setting Security on a Remote IUnknown Interface": otherwise AddRef, QueryInterface and the final
 * Release run under the process identity). The password lives only in native memory, wiped on close.
 */
final class NativeConnector implements WbemConnector {
    private static final Logger LOG = LoggerFactory.getLogger(NativeConnector.class);
    private static final AtomicBoolean SECURITY_INITIALIZED = new AtomicBoolean();
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
    private static final int COINIT_MULTITHREADED = 0;
    /** {@code (OLECHAR*)-1} at full pointer width: "let COM pick the server principal". */
    static final Pointer COLE_DEFAULT_PRINCIPAL = Pointer.createConstant(-1L);

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

    private final NativeCom com;
    private final WmiTarget target;
    private final String user;
    private final String domain;
    private final char[] password;
    private NativeCom.ComPtr locator;
    private Memory userMem;
    private Memory domainMem;
    private Memory passwordMem;
    private CoAuthIdentity identity;

    private NativeConnector(ComNative api, WmiTarget target, Credentials credentials) {
        this.com = new NativeCom(api);
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
        return create(ComNative.windows(), target, credentials);
    }

    /** Over another native layer (the tests' recording fake). */
    static NativeConnector create(ComNative api, WmiTarget target, Credentials credentials) {
        return new NativeConnector(api, target, credentials);
    }

    private static String domainOf(String authority) {
        if (authority == null || !authority.toLowerCase(Locale.ROOT).startsWith("ntlmdomain:")) return null;
        return authority.substring("ntlmdomain:".length());
    }

    @Override
    public void enterApartment() {
        int hr = com.api.ole32().CoInitializeEx(null, COINIT_MULTITHREADED);
        ComFailure.check(hr, "CoInitializeEx(COINIT_MULTITHREADED)");
        if (SECURITY_INITIALIZED.compareAndSet(false, true)) {
            int sec = com.api.ole32().CoInitializeSecurity(null, -1, null, null, RPC_C_AUTHN_LEVEL_DEFAULT,
                    RPC_C_IMP_LEVEL_IMPERSONATE, null, EOAC_NONE, null);
            if ((sec & 0xFFFFFFFFL) == WmiErrors.RPC_E_TOO_LATE) LOG.debug("COM security already initialized by the application");
            else if (WmiErrors.failed(sec & 0xFFFFFFFFL)) {
                SECURITY_INITIALIZED.set(false);
                LOG.warn("CoInitializeSecurity failed with {}; continuing with per-proxy security", WmiErrors.symbol(sec));
            }
        }
    }

    @Override
    public void leaveApartment() {
        com.api.ole32().CoUninitialize();
    }

    @Override
    public WbemNamespace connect(String namespace) {
        if (locator == null) {
            PointerByReference p = new PointerByReference();
            ComFailure.check(com.api.ole32().CoCreateInstance(NativeCom.CLSID_WbemLocator, null, CLSCTX_INPROC_SERVER,
                    NativeCom.IID_IWbemLocator, p), "CoCreateInstance(WbemLocator)");
            locator = com.wrap(p.getValue());
        }
        Pointer resource = null;
        Pointer userBstr = null;
        Memory passwordBstr = null;
        Pointer locale = null;
        Pointer authority = null;
        try {
            resource = com.bstr(target.resource(namespace));
            if (target.locale() != null) locale = com.bstr(target.locale());
            if (target.authority() != null) authority = com.bstr(target.authority());
            if (user != null) {
                // With an authority the domain travels there; otherwise it prefixes the user name.
                String u = target.authority() == null && domain != null ? domain + "\\" + user : user;
                userBstr = com.bstr(u);
                passwordBstr = NativeCom.secretBstr(password);
            }
            PointerByReference services = new PointerByReference();
            com.checkWbem(locator.call(ComMethod.CONNECT_SERVER, resource, userBstr, passwordBstr == null ? null : passwordBstr.share(4),
                    locale, NativeCom.WBEM_FLAG_CONNECT_USE_MAX_WAIT, authority, null, services), "IWbemLocator::ConnectServer");
            NativeCom.ComPtr ptr = com.wrap(services.getValue());
            try {
                secure(ptr, true);
            } catch (RuntimeException e) {
                ptr.release();
                throw e;
            }
            return new NativeNamespace(ptr, this);
        } finally {
            com.free(resource, userBstr, locale, authority);
            if (passwordBstr != null) passwordBstr.clear();
        }
    }

    /**
     * CoSetProxyBlanket on a proxy: packet privacy and impersonation, with the explicit identity when
     * the session has credentials, and then the same on the proxy's IUnknown (queried, set, released).
     * {@code required=false} tolerates objects that are not proxies (semisynchronous call results
     * and enumerators may be local), for which nothing is set.
     */
    void secure(NativeCom.ComPtr proxy, boolean required) {
        int hr = blanket(proxy.pointer());
        if (WmiErrors.failed(hr & 0xFFFFFFFFL) && !required) {
            LOG.debug("CoSetProxyBlanket on a non-proxy returned {}", WmiErrors.symbol(hr));
            return;
        }
        ComFailure.check(hr, "CoSetProxyBlanket");
        if (user == null) return; // IUnknown keeps the process default, which is the same identity
        NativeCom.ComPtr unknown = proxy.query(NativeCom.IID_IUnknown, "QueryInterface(IUnknown)");
        try {
            ComFailure.check(blanket(unknown.pointer()), "CoSetProxyBlanket(IUnknown)");
        } finally {
            unknown.release();
        }
    }

    private int blanket(Pointer proxy) {
        if (user == null) {
            int authn = target.local() ? RPC_C_AUTHN_WINNT : RPC_C_AUTHN_DEFAULT;
            int authz = target.local() ? RPC_C_AUTHZ_NONE : RPC_C_AUTHZ_DEFAULT;
            Pointer principal = target.local() ? null : COLE_DEFAULT_PRINCIPAL;
            return com.api.ole32().CoSetProxyBlanket(proxy, authn, authz, principal, RPC_C_AUTHN_LEVEL_PKT_PRIVACY,
                    RPC_C_IMP_LEVEL_IMPERSONATE, null, EOAC_NONE);
        }
        return com.api.ole32().CoSetProxyBlanket(proxy, RPC_C_AUTHN_DEFAULT, RPC_C_AUTHZ_DEFAULT, COLE_DEFAULT_PRINCIPAL,
                RPC_C_AUTHN_LEVEL_PKT_PRIVACY, RPC_C_IMP_LEVEL_IMPERSONATE, identity().getPointer(), EOAC_NONE);
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
