package io.hyperv4j.wmi;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An IWbemClassObject pointer (vtable indices in {@link NativeCom}). Used on one thread only. */
final class NativeWbemObject implements WbemObject {
    private static final int GET = 4;
    private static final int PUT = 5;
    private static final int GET_NAMES = 7;
    private static final int SPAWN_INSTANCE = 15;
    private static final int GET_METHOD = 19;

    private final NativeCom.ComPtr ptr;
    private final Map<String, Integer> types = new HashMap<>();

    NativeWbemObject(NativeCom.ComPtr ptr) {
        this.ptr = ptr;
    }

    static NativeWbemObject wrap(Pointer p) {
        return p == null ? null : new NativeWbemObject(new NativeCom.ComPtr(p));
    }

    NativeCom.ComPtr ptr() {
        return ptr;
    }

    @Override
    public String className() {
        WmiVariant v = get("__CLASS");
        return v.isNull() ? "" : (String) v.value();
    }

    @Override
    public String path() {
        WmiVariant v = get("__PATH");
        return v.isNull() ? null : (String) v.value();
    }

    @Override
    public List<String> propertyNames() {
        PointerByReference names = new PointerByReference();
        ComFailure.check(ptr.call(GET_NAMES, null, NativeCom.WBEM_FLAG_NONSYSTEM_ONLY, null, names), "IWbemClassObject::GetNames");
        return NativeCom.readStringsAndDestroy(names.getValue());
    }

    @Override
    public int cimType(String name) {
        Integer known = types.get(name);
        if (known != null) return known;
        Memory v = NativeCom.newVariant();
        IntByReference type = new IntByReference();
        int hr = ptr.call(GET, new WString(name), 0, v, type, null);
        NativeCom.clear(v);
        if (hr == NativeCom.WBEM_E_NOT_FOUND) return -1;
        ComFailure.check(hr, "IWbemClassObject::Get(" + name + ")");
        types.put(name, type.getValue());
        return type.getValue();
    }

    @Override
    public WmiVariant get(String name) {
        Memory v = NativeCom.newVariant();
        IntByReference type = new IntByReference();
        try {
            ComFailure.check(ptr.call(GET, new WString(name), 0, v, type, null), "IWbemClassObject::Get(" + name + ")");
            types.put(name, type.getValue());
            return NativeCom.read(v);
        } finally {
            NativeCom.clear(v);
        }
    }

    @Override
    public void put(String name, WmiVariant value) {
        Memory v = NativeCom.write(value);
        try {
            ComFailure.check(ptr.call(PUT, new WString(name), 0, v, 0), "IWbemClassObject::Put(" + name + ")");
        } finally {
            NativeCom.clear(v);
        }
    }

    /** SpawnInstance on a class definition. */
    NativeWbemObject spawnInstance() {
        PointerByReference out = new PointerByReference();
        ComFailure.check(ptr.call(SPAWN_INSTANCE, 0, out), "IWbemClassObject::SpawnInstance");
        return wrap(out.getValue());
    }

    /** GetMethod's in-signature (null when the method takes no input). */
    NativeWbemObject inSignature(String method) {
        PointerByReference in = new PointerByReference();
        ComFailure.check(ptr.call(GET_METHOD, new WString(method), 0, in, null), "IWbemClassObject::GetMethod(" + method + ")");
        return wrap(in.getValue());
    }

    @Override
    public void close() {
        ptr.release();
    }
}
