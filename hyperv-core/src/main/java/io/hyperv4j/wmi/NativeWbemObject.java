package io.hyperv4j.wmi;

import com.sun.jna.Memory;
import com.sun.jna.WString;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An IWbemClassObject pointer (vtable slots in {@link ComMethod}). Used on one thread only. */
final class NativeWbemObject implements WbemObject {
    private final NativeCom.ComPtr ptr;
    private final NativeCom com;
    private final Map<String, Integer> types = new HashMap<>();

    NativeWbemObject(NativeCom.ComPtr ptr) {
        this.ptr = ptr;
        this.com = ptr.com();
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
        ComFailure.check(ptr.call(ComMethod.GET_NAMES, null, NativeCom.WBEM_FLAG_NONSYSTEM_ONLY, null, names), "IWbemClassObject::GetNames");
        return com.readStringsAndDestroy(names.getValue());
    }

    @Override
    public int cimType(String name) {
        Integer known = types.get(name);
        if (known != null) return known;
        Memory v = NativeCom.newVariant();
        IntByReference type = new IntByReference();
        int hr = ptr.call(ComMethod.GET, new WString(name), 0, v, type, null);
        com.clear(v);
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
            ComFailure.check(ptr.call(ComMethod.GET, new WString(name), 0, v, type, null), "IWbemClassObject::Get(" + name + ")");
            types.put(name, type.getValue());
            return com.read(v);
        } finally {
            com.clear(v);
        }
    }

    @Override
    public void put(String name, WmiVariant value) {
        Memory v = com.write(value);
        try {
            ComFailure.check(ptr.call(ComMethod.PUT, new WString(name), 0, v, 0), "IWbemClassObject::Put(" + name + ")");
        } finally {
            com.clear(v);
        }
    }

    /** SpawnInstance on a class definition. */
    NativeWbemObject spawnInstance() {
        PointerByReference out = new PointerByReference();
        ComFailure.check(ptr.call(ComMethod.SPAWN_INSTANCE, 0, out), "IWbemClassObject::SpawnInstance");
        return com.object(out.getValue());
    }

    /** GetMethod's in-signature (null when the method takes no input). */
    NativeWbemObject inSignature(String method) {
        PointerByReference in = new PointerByReference();
        ComFailure.check(ptr.call(ComMethod.GET_METHOD, new WString(method), 0, in, null), "IWbemClassObject::GetMethod(" + method + ")");
        return com.object(in.getValue());
    }

    @Override
    public void close() {
        ptr.release();
    }
}
