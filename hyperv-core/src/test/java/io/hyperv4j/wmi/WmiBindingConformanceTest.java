package io.hyperv4j.wmi;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.*;

import com.sun.jna.Structure;
import io.hyperv4j.winapi.BindingClasses;
import io.hyperv4j.winapi.BindingConformance;
import io.hyperv4j.winapi.BindingConformance.Source;
import io.hyperv4j.winapi.WindowsHeaders;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The WMI binding checked against an independent definition of the interfaces it calls, Wine's
 * headers (see {@link WindowsHeaders}): every vtable slot and argument count ({@link ComMethod}),
 * every ole32/oleaut32 function ({@link ComNative}), every constant of the package and the
 * COAUTHIDENTITY layout. The tables below name the header of each; a binding added without an
 * entry, or an entry whose binding is gone, fails the test. What this cannot see (calling
 * conventions, run-time behaviour of DCOM) is left to the Windows contract tests.
 */
class WmiBindingConformanceTest {
    /** Where each interface is defined. */
    static final Map<String, String> INTERFACES = Map.of(
            "IUnknown", "unknwn.idl",
            "IWbemLocator", "wbemcli.idl",
            "IWbemServices", "wbemcli.idl",
            "IWbemClassObject", "wbemcli.idl",
            "IEnumWbemClassObject", "wbemcli.idl",
            "IWbemCallResult", "wbemcli.idl");

    /** Every native function the binding declares, with its header. */
    static final Map<String, String> FUNCTIONS = Map.ofEntries(
            entry("CoInitializeEx", "objbase.h"),
            entry("CoInitializeSecurity", "objbase.h"),
            entry("CoUninitialize", "objbase.h"),
            entry("CoCreateInstance", "objbase.h"),
            entry("CoSetProxyBlanket", "objbase.h"),
            entry("SysAllocStringLen", "oleauto.h"),
            entry("SysFreeString", "oleauto.h"),
            entry("VariantClear", "oleauto.h"),
            entry("SafeArrayCreateVector", "oleauto.h"),
            entry("SafeArrayAccessData", "oleauto.h"),
            entry("SafeArrayUnaccessData", "oleauto.h"),
            entry("SafeArrayDestroy", "oleauto.h"),
            entry("SafeArrayGetLBound", "oleauto.h"),
            entry("SafeArrayGetUBound", "oleauto.h"),
            entry("GetErrorInfo", "oleauto.h"));

    /** Every constant of the package (Class.FIELD), with its header; whole classes by prefix in {@link #PREFIXED}. */
    static final Map<String, Source> CONSTANTS = Map.ofEntries(
            entry("NativeCom.IID_IUnknown", new Source("unknwn.idl", "IUnknown")),
            entry("NativeCom.IID_IWbemClassObject", new Source("wbemcli.idl", "IWbemClassObject")),
            entry("NativeCom.IID_IWbemLocator", new Source("wbemcli.idl", "IWbemLocator")),
            entry("NativeCom.CLSID_WbemLocator", new Source("wbemcli.idl", "CLSID_WbemLocator")),
            entry("NativeCom.WBEM_FLAG_RETURN_IMMEDIATELY", new Source("wbemcli.idl", "WBEM_FLAG_RETURN_IMMEDIATELY")),
            entry("NativeCom.WBEM_FLAG_FORWARD_ONLY", new Source("wbemcli.idl", "WBEM_FLAG_FORWARD_ONLY")),
            entry("NativeCom.WBEM_FLAG_NONSYSTEM_ONLY", new Source("wbemcli.idl", "WBEM_FLAG_NONSYSTEM_ONLY")),
            entry("NativeCom.WBEM_FLAG_CONNECT_USE_MAX_WAIT", new Source("mingw-w64/wbemcli.h", "WBEM_FLAG_CONNECT_USE_MAX_WAIT")), // not in Wine
            entry("NativeCom.WBEM_E_NOT_FOUND", new Source("wbemcli.idl", "WBEM_E_NOT_FOUND")),
            entry("NativeCom.WBEM_E_TYPE_MISMATCH", new Source("wbemcli.idl", "WBEM_E_TYPE_MISMATCH")),
            entry("NativeCom.WBEM_E_TIMED_OUT", new Source("wbemcli.idl", "WBEM_E_TIMED_OUT")),
            entry("NativeCom.E_POINTER", new Source("winerror.h", "E_POINTER")),
            entry("NativeCom.E_OUTOFMEMORY", new Source("winerror.h", "E_OUTOFMEMORY")),
            entry("NativeConnector.RPC_C_AUTHN_LEVEL_DEFAULT", new Source("rpcdce.h", "RPC_C_AUTHN_LEVEL_DEFAULT")),
            entry("NativeConnector.RPC_C_AUTHN_LEVEL_PKT_PRIVACY", new Source("rpcdce.h", "RPC_C_AUTHN_LEVEL_PKT_PRIVACY")),
            entry("NativeConnector.RPC_C_IMP_LEVEL_IMPERSONATE", new Source("rpcdce.h", "RPC_C_IMP_LEVEL_IMPERSONATE")),
            entry("NativeConnector.RPC_C_AUTHN_DEFAULT", new Source("rpcdce.h", "RPC_C_AUTHN_DEFAULT")),
            entry("NativeConnector.RPC_C_AUTHZ_DEFAULT", new Source("rpcdce.h", "RPC_C_AUTHZ_DEFAULT")),
            entry("NativeConnector.RPC_C_AUTHN_WINNT", new Source("rpcdce.h", "RPC_C_AUTHN_WINNT")),
            entry("NativeConnector.RPC_C_AUTHZ_NONE", new Source("rpcdce.h", "RPC_C_AUTHZ_NONE")),
            entry("NativeConnector.EOAC_NONE", new Source("objidlbase.idl", "EOAC_NONE")),
            entry("NativeConnector.CLSCTX_INPROC_SERVER", new Source("wtypes.idl", "CLSCTX_INPROC_SERVER")),
            entry("NativeConnector.SEC_WINNT_AUTH_IDENTITY_UNICODE", new Source("rpcdce.h", "SEC_WINNT_AUTH_IDENTITY_UNICODE")),
            entry("NativeConnector.COINIT_MULTITHREADED", new Source("objbase.h", "COINIT_MULTITHREADED")),
            entry("NativeConnector.COLE_DEFAULT_PRINCIPAL", new Source("objidlbase.h", "COLE_DEFAULT_PRINCIPAL")),
            entry("WbemNamespace.WBEM_FLAG_UPDATE_ONLY", new Source("mingw-w64/wbemcli.h", "WBEM_FLAG_UPDATE_ONLY")), // not in Wine
            entry("WmiErrors.WBEM_S_NO_ERROR", new Source("wbemcli.idl", "WBEM_S_NO_ERROR")),
            entry("WmiErrors.WBEM_S_FALSE", new Source("wbemcli.idl", "WBEM_S_FALSE")),
            entry("WmiErrors.WBEM_S_TIMEDOUT", new Source("wbemcli.idl", "WBEM_S_TIMEDOUT")),
            entry("WmiErrors.WBEM_S_NO_MORE_DATA", new Source("wbemcli.idl", "WBEM_S_NO_MORE_DATA")),
            entry("WmiErrors.RPC_E_TOO_LATE", new Source("winerror.h", "RPC_E_TOO_LATE")),
            entry("WmiErrors.RPC_E_CHANGED_MODE", new Source("winerror.h", "RPC_E_CHANGED_MODE")));

    /** Classes whose every constant is a header constant with a name prefix (Vt.I2 is VT_I2 in wtypes.idl). */
    static final Map<String, Source> PREFIXED = Map.of(
            "Vt", new Source("wtypes.idl", "VT_"),
            "CimTypeCode", new Source("wbemcli.idl", ""));

    /** Constants that are not Windows values, and why. */
    static final Map<String, String> NOT_FROM_A_HEADER = Map.of(
            "WmiSession.QUERY_BATCH", "how many objects one IEnumWbemClassObject::Next asks for",
            "WmiSubscription.BATCH", "how many events one Next asks for",
            "NativeCom.VARIANT_SIZE", "sizeof(VARIANT) per pointer width (oaidl.idl's union; checked by the Windows contract tests)");

    /**
     * HRESULT symbols of {@link WmiErrors}' table that neither Wine's nor mingw-w64's headers define;
     * their values come from Microsoft's "WMI Error Constants" page (WmiErrorsTest checks the range).
     */
    static final Set<String> DOCUMENTED_ONLY = Set.of("WBEM_E_TRANSACTION_CONFLICT", "WBEM_E_FORCED_ROLLBACK",
            "WBEM_E_RETRY_LATER", "WBEM_E_RESOURCE_CONTENTION");

    static WindowsHeaders headers;

    @BeforeAll
    static void headers() {
        headers = WindowsHeaders.locate();
    }

    @Test
    void everyVtableSlotAndArgumentCountMatchesTheIdl() {
        List<String> wrong = new ArrayList<>();
        for (ComMethod m : ComMethod.values()) {
            String file = INTERFACES.get(m.iface());
            assertNotNull(file, "no IDL source for " + m.iface() + ": add it to INTERFACES");
            WindowsHeaders.Method idl = headers.method(file, m.iface(), m.method());
            if (idl.index() != m.index() || idl.parameters() != m.arguments())
                wrong.add(m + ": binding slot " + m.index() + " with " + m.arguments() + " arguments, " + file + " says slot "
                        + idl.index() + " with " + idl.parameters());
        }
        assertEquals(List.of(), wrong);
        Set<String> used = new HashSet<>();
        for (ComMethod m : ComMethod.values()) used.add(m.iface());
        assertEquals(new TreeSet<>(INTERFACES.keySet()), new TreeSet<>(used), "INTERFACES lists exactly the interfaces the binding calls");
    }

    @Test
    void theIdlReaderAgreesWithTheGeneratedHeaders() {
        // A check of the checker: every interface read from the IDL (bases resolved) has the vtable of
        // the C struct widl generated from it, and mingw-w64's independently generated one.
        for (String iface : INTERFACES.keySet()) {
            String idl = INTERFACES.get(iface);
            String header = idl.replace(".idl", ".h");
            assertEquals(headers.vtable(header, iface), headers.vtable(idl, iface), iface + ": " + idl + " against " + header);
            assertEquals(headers.vtable("mingw-w64/" + header, iface), headers.vtable(idl, iface), iface + ": Wine against mingw-w64");
        }
        List<WindowsHeaders.Method> v = headers.vtable("wbemcli.idl", "IWbemServices");
        assertEquals(List.of("QueryInterface", "AddRef", "Release", "OpenNamespace"), v.subList(0, 4).stream().map(WindowsHeaders.Method::name).toList());
        assertEquals(26, v.size(), "IUnknown's 3 + IWbemServices' 23");
    }

    @Test
    void everyNativeFunctionHasItsHeadersParameterCount() {
        assertEquals(List.of(), BindingConformance.functions(headers, List.of(ComNative.Ole32.class, ComNative.OleAut32.class), FUNCTIONS));
    }

    @Test
    void everyConstantOfThePackageHasItsHeadersValue() {
        Map<String, Object> constants = BindingClasses.constants(BindingClasses.inPackageOf(WmiSession.class));
        Map<String, Source> sources = new HashMap<>(CONSTANTS);
        for (String key : constants.keySet()) {
            String cls = key.substring(0, key.indexOf('.'));
            Source prefix = PREFIXED.get(cls);
            if (prefix != null) sources.put(key, new Source(prefix.file(), prefix.name() + key.substring(cls.length() + 1)));
        }
        assertEquals(List.of(), BindingConformance.constants(headers, constants, sources, NOT_FROM_A_HEADER));
    }

    @Test
    void everyHresultInTheErrorTableHasItsHeadersValue() {
        List<String> wrong = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (WmiErrors.Entry e : WmiErrors.entries()) {
            Long header = hresult(e.symbol());
            if (header == null) {
                if (!DOCUMENTED_ONLY.contains(e.symbol())) missing.add(e.symbol());
                continue;
            }
            if (header != e.hresult()) wrong.add(e.symbol() + ": 0x" + Long.toHexString(e.hresult()) + ", the headers say 0x" + Long.toHexString(header));
        }
        assertEquals(List.of(), wrong);
        assertEquals(List.of(), missing, "symbols Wine does not define: list them in DOCUMENTED_ONLY");
    }

    /** A symbol's HRESULT from wbemcli.idl or winerror.h; Win32 error numbers as HRESULT_FROM_WIN32. */
    private static Long hresult(String symbol) {
        for (String file : List.of("wbemcli.idl", "winerror.h", "mingw-w64/wbemcli.h")) {
            try {
                long v = headers.constant(file, symbol) & 0xFFFFFFFFL;
                return v < 0x10000 && v != 0 ? 0x80070000L | v : v;
            } catch (AssertionError notHere) {
                // try the next header
            }
        }
        return null;
    }

    @Test
    void coAuthIdentityHasTheLayoutOfWtypes() {
        List<String> fields = Arrays.asList(NativeConnector.CoAuthIdentity.class.getAnnotation(Structure.FieldOrder.class).value());
        assertEquals(headers.structFields("wtypes.idl", "COAUTHIDENTITY"), fields);
    }
}
