package io.hyperv4j.wmi;

/**
 * Every COM interface method the binding calls through a vtable: the interface, the method, its
 * vtable index (IUnknown's three methods come first) and its argument count without {@code this}.
 * {@link NativeCom.ComPtr#call} refuses a call with another argument count, and the conformance test
 * checks each entry against Wine's IDL, so a wrong index or signature fails the build on any OS.
 */
enum ComMethod {
    QUERY_INTERFACE("IUnknown", "QueryInterface", 0, 2),
    ADD_REF("IUnknown", "AddRef", 1, 0),
    RELEASE("IUnknown", "Release", 2, 0),
    CONNECT_SERVER("IWbemLocator", "ConnectServer", 3, 8),
    GET_OBJECT("IWbemServices", "GetObject", 6, 5),
    PUT_INSTANCE("IWbemServices", "PutInstance", 14, 4),
    EXEC_QUERY("IWbemServices", "ExecQuery", 20, 5),
    EXEC_NOTIFICATION_QUERY("IWbemServices", "ExecNotificationQuery", 22, 5),
    EXEC_METHOD("IWbemServices", "ExecMethod", 24, 7),
    GET("IWbemClassObject", "Get", 4, 5),
    PUT("IWbemClassObject", "Put", 5, 4),
    GET_NAMES("IWbemClassObject", "GetNames", 7, 4),
    SPAWN_INSTANCE("IWbemClassObject", "SpawnInstance", 15, 2),
    GET_METHOD("IWbemClassObject", "GetMethod", 19, 4),
    NEXT("IEnumWbemClassObject", "Next", 4, 4),
    GET_RESULT_OBJECT("IWbemCallResult", "GetResultObject", 3, 2),
    GET_CALL_STATUS("IWbemCallResult", "GetCallStatus", 6, 2);

    private final String iface;
    private final String method;
    private final int index;
    private final int arguments;

    ComMethod(String iface, String method, int index, int arguments) {
        this.iface = iface;
        this.method = method;
        this.index = index;
        this.arguments = arguments;
    }

    String iface() {
        return iface;
    }

    String method() {
        return method;
    }

    /** The vtable slot. */
    int index() {
        return index;
    }

    /** Arguments after {@code this}. */
    int arguments() {
        return arguments;
    }

    @Override
    public String toString() {
        return iface + "::" + method;
    }
}
