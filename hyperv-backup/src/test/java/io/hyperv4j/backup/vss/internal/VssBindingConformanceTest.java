package io.hyperv4j.backup.vss.internal;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.Structure;
import io.hyperv4j.backup.vss.VssBackupType;
import io.hyperv4j.backup.vss.VssError;
import io.hyperv4j.backup.vss.VssWriterState;
import io.hyperv4j.winapi.BindingClasses;
import io.hyperv4j.winapi.BindingConformance;
import io.hyperv4j.winapi.BindingConformance.Source;
import io.hyperv4j.winapi.WindowsHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The VSS requester's binding checked against independent definitions of what it calls: Wine's
 * vsbackup.idl and vss.idl, mingw-w64's vss.h, vsbackup.h and vsserror.h (Wine has no vsserror.h
 * and only forward-declares IVssAsync and IVssExamineWriterMetadata). Every vtable slot and argument
 * count ({@link VssMethod}), every native function ({@link VssNative}), every constant, the public
 * enums' values and both structures' field order. Missing headers fail the test when CI=true.
 */
class VssBindingConformanceTest {
    static final Map<String, String> INTERFACES = Map.of(
            "IUnknown", "unknwn.idl",
            "IVssBackupComponents", "vsbackup.idl",
            "IVssAsync", "mingw-w64/vss.h",
            "IVssExamineWriterMetadata", "mingw-w64/vsbackup.h",
            "IVssWMComponent", "mingw-w64/vsbackup.h");

    static final Map<String, String> FUNCTIONS = Map.of(
            "CreateVssBackupComponentsInternal", "vsbackup.h",
            "VssFreeSnapshotPropertiesInternal", "mingw-w64/vsbackup.h",
            "CoInitializeEx", "objbase.h",
            "CoInitializeSecurity", "objbase.h",
            "CoUninitialize", "objbase.h",
            "SysAllocString", "oleauto.h",
            "SysFreeString", "oleauto.h");

    static final Map<String, Source> CONSTANTS = Map.ofEntries(
            entry("WindowsVssRequester.COINIT_MULTITHREADED", new Source("objbase.h", "COINIT_MULTITHREADED")),
            entry("WindowsVssRequester.RPC_C_AUTHN_LEVEL_PKT_PRIVACY", new Source("rpcdce.h", "RPC_C_AUTHN_LEVEL_PKT_PRIVACY")),
            entry("WindowsVssRequester.RPC_C_IMP_LEVEL_IDENTIFY", new Source("rpcdce.h", "RPC_C_IMP_LEVEL_IDENTIFY")),
            entry("WindowsVssRequester.EOAC_DYNAMIC_CLOAKING", new Source("objidlbase.idl", "EOAC_DYNAMIC_CLOAKING")),
            entry("WindowsVssRequester.RPC_E_TOO_LATE", new Source("winerror.h", "RPC_E_TOO_LATE")),
            entry("WindowsVssRequester.VSS_CTX_BACKUP", new Source("mingw-w64/vss.h", "VSS_CTX_BACKUP")),
            entry("WindowsVssRequester.VSS_OBJECT_SNAPSHOT_SET", new Source("vss.idl", "VSS_OBJECT_SNAPSHOT_SET")),
            entry("WindowsVssRequester.VSS_S_ASYNC_PENDING", new Source("mingw-w64/vsserror.h", "VSS_S_ASYNC_PENDING")),
            entry("WindowsVssRequester.VSS_S_ASYNC_FINISHED", new Source("mingw-w64/vsserror.h", "VSS_S_ASYNC_FINISHED")),
            entry("WindowsVssRequester.VSS_S_ASYNC_CANCELLED", new Source("mingw-w64/vsserror.h", "VSS_S_ASYNC_CANCELLED")));

    static final Map<String, String> NOT_FROM_A_HEADER = Map.of(
            "WindowsVssRequester.WAIT_TIMEOUT_HRESULT", "HRESULT_FROM_WIN32(WAIT_TIMEOUT): checked in its own test",
            "WindowsVssRequester.FILETIME_EPOCH_SECONDS", "calendar arithmetic (1601 to 1970)",
            "WindowsVssRequester.GUID_NULL", "all zeros: the system picks the provider");

    static WindowsHeaders headers;

    @BeforeAll
    static void locate() {
        headers = WindowsHeaders.locate();
    }

    @Test
    void everyVtableSlotAndArgumentCountIsTheHeaders() {
        List<String> wrong = new ArrayList<>();
        for (VssMethod m : VssMethod.values()) {
            String file = INTERFACES.get(m.iface());
            if (file == null) {
                wrong.add(m + ": no header named for " + m.iface());
                continue;
            }
            WindowsHeaders.Method h = headers.method(file, m.iface(), m.method());
            if (h.index() != m.index() || h.parameters() != m.arguments())
                wrong.add(m + ": slot " + m.index() + " with " + m.arguments() + " arguments, " + file + " says slot " + h.index()
                        + " with " + h.parameters());
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyNativeFunctionHasTheHeadersParameterCount() {
        assertEquals(List.of(), BindingConformance.functions(headers,
                List.of(VssNative.VssApi.class, VssNative.Ole32.class, VssNative.OleAut32.class), FUNCTIONS));
    }

    @Test
    void everyConstantIsTheHeaders() {
        Map<String, Object> constants = BindingClasses.constants(BindingClasses.inPackageOf(WindowsVssRequester.class));
        assertEquals(List.of(), BindingConformance.constants(headers, constants, CONSTANTS, NOT_FROM_A_HEADER));
        assertEquals(0x80070000L | headers.constant("winerror.h", "WAIT_TIMEOUT"), WindowsVssRequester.WAIT_TIMEOUT_HRESULT & 0xFFFFFFFFL);
    }

    @Test
    void thePublicEnumsCarryTheHeadersValues() {
        List<String> wrong = new ArrayList<>();
        for (VssError e : VssError.values()) {
            if (e == VssError.TIMEOUT || e == VssError.OTHER) continue;
            long h = headers.constant("mingw-w64/vsserror.h", "VSS_E_" + e.name());
            if ((h & 0xFFFFFFFFL) != (e.hresult() & 0xFFFFFFFFL)) wrong.add(e + " 0x" + Integer.toHexString(e.hresult()) + " != 0x" + Long.toHexString(h));
        }
        for (VssWriterState s : VssWriterState.values())
            if (headers.constant("vss.idl", "VSS_WS_" + s.name()) != s.value()) wrong.add(s + " " + s.value());
        for (VssBackupType t : VssBackupType.values())
            if (headers.constant("vss.idl", "VSS_BT_" + t.name()) != t.value()) wrong.add(t + " " + t.value());
        assertEquals(List.of(), wrong);
    }

    @Test
    void theStructuresHaveTheHeadersFieldOrder() {
        assertEquals(headers.structFields("mingw-w64/vss.h", "VSS_SNAPSHOT_PROP"), order(new VssStructs.SnapshotProp()));
        assertEquals(headers.structFields("mingw-w64/vsbackup.h", "VSS_COMPONENTINFO"), order(new VssStructs.ComponentInfo()));
    }

    private static List<String> order(Structure s) {
        return s.getClass().getAnnotation(Structure.FieldOrder.class) == null ? List.of()
                : List.of(s.getClass().getAnnotation(Structure.FieldOrder.class).value());
    }
}
