package io.hyperv4j.wmi;

import java.util.List;

/**
 * One IWbemClassObject (instance, class, method signature or parameters object), as the conversion
 * and session code sees it. The native implementation wraps a COM pointer and may only be used on
 * the thread that owns it; tests use an in-memory fake. {@link #close()} releases it.
 */
interface WbemObject extends AutoCloseable {

    /** {@code __CLASS}. */
    String className();

    /** {@code __PATH}, or null for objects that were never stored (embedded instances, parameters). */
    String path();

    /** Names of the non-system properties, in declaration order. */
    List<String> propertyNames();

    /** A property's CIMTYPE code (with CIM_FLAG_ARRAY), or -1 when the object has no such property. */
    int cimType(String name);

    /**
     * A property's value. VT_UNKNOWN values hold a new {@link WbemObject} the caller must close.
     * @throws WmiException when the object has no such property (WBEM_E_NOT_FOUND)
     */
    WmiVariant get(String name);

    /** Sets a property of an instance. Embedded {@link WbemObject}s are copied, not taken over. */
    void put(String name, WmiVariant value);

    @Override
    void close();
}
