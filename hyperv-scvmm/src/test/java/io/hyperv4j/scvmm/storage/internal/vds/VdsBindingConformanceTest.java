package io.hyperv4j.scvmm.storage.internal.vds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hyperv4j.winapi.BindingClasses;
import io.hyperv4j.winapi.BindingConformance;
import io.hyperv4j.winapi.BindingConformance.Source;
import io.hyperv4j.winapi.WindowsHeaders;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The VDS binding checked against mingw-w64's vds.h and Wine's COM headers: the VDS_LUN_PROP and
 * VDS_SUB_SYSTEM_PROP layouts and every numeric constant of the package. The interface vtables are
 * in neither (mingw-w64's vds.h declares types only, Wine ships no vds.h, Debian packages no other),
 * so {@link VdsMethod}'s slots are checked against {@link #DECLARED}: the method order of the
 * interfaces as Microsoft's SDK headers (vds.h, vdshwprv.h) and its Win32 metadata declare them.
 */
class VdsBindingConformanceTest {
    static final String VDS = WindowsHeaders.MINGW_PREFIX + "vds.h";

    static final Map<String, Source> CONSTANTS = Map.of(
            "VdsBinding.VDS_QUERY_HARDWARE_PROVIDERS", new Source(VDS, "VDS_QUERY_HARDWARE_PROVIDERS"),
            "VdsBinding.S_OK", new Source("winerror.h", "S_OK"),
            "VdsBinding.CLSCTX_LOCAL_SERVER", new Source("wtypes.idl", "CLSCTX_LOCAL_SERVER"),
            "VdsBinding.COINIT_MULTITHREADED", new Source("objbase.h", "COINIT_MULTITHREADED"),
            "VdsErrors.E_INVALIDARG", new Source("winerror.h", "E_INVALIDARG"),
            "VdsErrors.E_ACCESSDENIED", new Source("winerror.h", "E_ACCESSDENIED"),
            "VdsErrors.E_NOTIMPL", new Source("winerror.h", "E_NOTIMPL"));

    /**
     * Each interface's methods after IUnknown's three, in declaration (vtable) order, as the Windows
     * SDK's MIDL-generated vds.h and vdshwprv.h and the Win32 metadata (IVdsSubSystem_Vtbl etc.)
     * declare them. Facts, not code: the binding's slot of a method is 3 + its position here.
     */
    static final Map<String, List<String>> DECLARED = Map.of(
            "IVdsServiceLoader", List.of("LoadService"),
            "IVdsService", List.of("IsServiceReady", "WaitForServiceReady", "GetProperties", "QueryProviders",
                    "QueryMaskedDisks", "QueryUnallocatedDisks", "GetObject", "QueryDriveLetters", "QueryFileSystemTypes",
                    "Reenumerate", "Refresh", "CleanupObsoleteMountPoints", "Advise", "Unadvise", "Reboot", "SetFlags", "ClearFlags"),
            "IEnumVdsObject", List.of("Next", "Skip", "Reset", "Clone"),
            "IVdsHwProvider", List.of("QuerySubSystems", "ReenumerateSubSystems", "RefreshSubSystems"),
            "IVdsSubSystem", List.of("GetProperties", "GetProvider", "QueryControllers", "QueryLuns", "QueryDrives",
                    "GetDrive", "Reenumerate", "SetControllerStatus", "CreateLun", "ReplaceDrive", "SetStatus", "QueryMaxLunCreateSize"),
            "IVdsLun", List.of("GetProperties", "GetSubSystem", "GetIdentificationData", "QueryActiveControllers", "Extend",
                    "Shrink", "QueryPlexes", "AddPlex", "RemovePlex", "Recover", "SetMask", "Delete", "AssociateControllers",
                    "QueryHints", "ApplyHints", "SetStatus", "QueryMaxLunExtendSize"));

    static WindowsHeaders headers;

    @BeforeAll
    static void headers() {
        headers = WindowsHeaders.locate();
    }

    @Test
    void theStructuresHaveVdsHsFieldsInOrder() {
        assertEquals(headers.structFields(VDS, "VDS_LUN_PROP"), fields(VdsLunProp.class));
        assertEquals(headers.structFields(VDS, "VDS_SUB_SYSTEM_PROP"), fields(VdsSubSystemProp.class));
    }

    private static List<String> fields(Class<?> structure) {
        return List.of(structure.getAnnotation(com.sun.jna.Structure.FieldOrder.class).value());
    }

    @Test
    void everyConstantOfThePackageHasItsHeadersValue() {
        Map<String, Object> constants = BindingClasses.constants(BindingClasses.inPackageOf(VdsBinding.class));
        assertEquals(List.of(), BindingConformance.constants(headers, constants, CONSTANTS, Map.of()));
    }

    @Test
    void everyVdsMethodSitsInTheSlotItsInterfaceDeclaresIt() {
        List<String> wrong = new java.util.ArrayList<>();
        for (VdsMethod m : VdsMethod.values()) {
            if (m.iface.equals("IUnknown")) continue;
            List<String> order = DECLARED.get(m.iface);
            int declared = order == null ? -1 : order.indexOf(m.method);
            if (declared < 0) wrong.add(m + ": " + m.iface + "." + m.method + " is not declared");
            else if (m.index != 3 + declared) wrong.add(m + ": slot " + m.index + ", declared " + (3 + declared));
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyVtableEntryTakesAsManyArgumentsAsCallsGiveIt() {
        // the slots cannot be checked here; what can: IUnknown's, which every COM header declares
        assertEquals(headers.method("unknwn.idl", "IUnknown", "QueryInterface").index(), VdsMethod.QUERY_INTERFACE.index);
        assertEquals(headers.method("unknwn.idl", "IUnknown", "Release").index(), VdsMethod.RELEASE.index);
        assertEquals(headers.method("unknwn.idl", "IUnknown", "QueryInterface").parameters(), VdsMethod.QUERY_INTERFACE.arguments);
    }
}
