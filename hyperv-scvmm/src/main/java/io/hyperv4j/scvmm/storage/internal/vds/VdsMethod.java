package io.hyperv4j.scvmm.storage.internal.vds;

/**
 * Every Virtual Disk Service method the binding calls through a vtable: interface, method, slot
 * (IUnknown's three first) and argument count without {@code this}, in the order Microsoft's
 * vds.h declares them. Neither Wine nor mingw-w64 ships the VDS interfaces, so the slots are
 * checked against the declared method order recorded in VdsBindingConformanceTest (and exercised on
 * Windows by WindowsVdsBindingTest); the structures and constants against mingw-w64's vds.h.
 */
enum VdsMethod {
    QUERY_INTERFACE("IUnknown", "QueryInterface", 0, 2),
    RELEASE("IUnknown", "Release", 2, 0),
    LOAD_SERVICE("IVdsServiceLoader", "LoadService", 3, 2),
    WAIT_FOR_SERVICE_READY("IVdsService", "WaitForServiceReady", 4, 0),
    QUERY_PROVIDERS("IVdsService", "QueryProviders", 6, 2),
    REENUMERATE("IVdsService", "Reenumerate", 12, 0),
    REFRESH("IVdsService", "Refresh", 13, 0),
    NEXT("IEnumVdsObject", "Next", 3, 3),
    QUERY_SUB_SYSTEMS("IVdsHwProvider", "QuerySubSystems", 3, 1),
    SUB_SYSTEM_GET_PROPERTIES("IVdsSubSystem", "GetProperties", 3, 1),
    QUERY_LUNS("IVdsSubSystem", "QueryLuns", 6, 1),
    LUN_GET_PROPERTIES("IVdsLun", "GetProperties", 3, 1),
    SET_MASK("IVdsLun", "SetMask", 13, 1);

    final String iface;
    final String method;
    final int index;
    final int arguments;

    VdsMethod(String iface, String method, int index, int arguments) {
        this.iface = iface;
        this.method = method;
        this.index = index;
        this.arguments = arguments;
    }
}
