package io.hyperv4j.wmi;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Guid;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The thin native layer over {@link ComNative}: interface pointers, VARIANT / SAFEARRAY / BSTR
 * handling in native memory, and WMI's error object. Vtable slots are in {@link ComMethod}. Every
 * reference it hands out has one owner that releases it once, on success and failure alike.
 */
final class NativeCom {
    static final Guid.IID IID_IUnknown = new Guid.IID("{00000000-0000-0000-C000-000000000046}");
    static final Guid.IID IID_IWbemClassObject = new Guid.IID("{DC12A681-737F-11CF-884D-00AA004B2E24}");
    static final Guid.IID IID_IWbemLocator = new Guid.IID("{DC12A687-737F-11CF-884D-00AA004B2E24}");
    static final Guid.CLSID CLSID_WbemLocator = new Guid.CLSID("{4590F811-1D3A-11D0-891F-00AA004B2E24}");

    static final int WBEM_FLAG_RETURN_IMMEDIATELY = 0x10;
    static final int WBEM_FLAG_FORWARD_ONLY = 0x20;
    static final int WBEM_FLAG_NONSYSTEM_ONLY = 0x40;
    static final int WBEM_FLAG_CONNECT_USE_MAX_WAIT = 0x80;
    static final int WBEM_E_NOT_FOUND = 0x80041002;
    static final int WBEM_E_TYPE_MISMATCH = 0x80041005;
    static final int WBEM_E_TIMED_OUT = 0x80041069;
    static final int E_POINTER = 0x80004003;
    static final int E_OUTOFMEMORY = 0x8007000E;
    /** sizeof(VARIANT): 16 bytes on 32-bit, 24 on 64-bit Windows; the value union starts at offset 8. */
    static final int VARIANT_SIZE = Native.POINTER_SIZE == 8 ? 24 : 16;

    final ComNative api;

    NativeCom(ComNative api) {
        this.api = api;
    }

    /** An interface pointer we own one reference to. */
    final class ComPtr {
        private final Pointer pointer;
        private boolean released;

        ComPtr(Pointer pointer) {
            if (pointer == null) throw new ComFailure(E_POINTER, "a COM call returned no object");
            this.pointer = pointer;
        }

        Pointer pointer() {
            return pointer;
        }

        NativeCom com() {
            return NativeCom.this;
        }

        int call(ComMethod method, Object... args) {
            if (released) throw new IllegalStateException("COM object already released");
            if (args.length != method.arguments())
                throw new IllegalArgumentException(method + " takes " + method.arguments() + " arguments, got " + args.length);
            return api.invoke(pointer, method, args);
        }

        void addRef() {
            call(ComMethod.ADD_REF);
        }

        /** QueryInterface; the new reference is the caller's. */
        ComPtr query(Guid.IID iid, String call) {
            if (released) throw new IllegalStateException("COM object already released");
            return queryBorrowed(pointer, iid, call);
        }

        /** Releases our reference; a second call does nothing. */
        void release() {
            if (!released) {
                released = true;
                api.invoke(pointer, ComMethod.RELEASE, new Object[0]);
            }
        }
    }

    /** QueryInterface on a pointer we do not own (a VARIANT's); the new reference is the caller's. */
    ComPtr queryBorrowed(Pointer p, Guid.IID iid, String call) {
        PointerByReference out = new PointerByReference();
        ComFailure.check(api.invoke(p, ComMethod.QUERY_INTERFACE, new Object[] {iid, out}), call);
        return new ComPtr(out.getValue());
    }

    ComPtr wrap(Pointer p) {
        return new ComPtr(p);
    }

    NativeWbemObject object(Pointer p) {
        return p == null ? null : new NativeWbemObject(new ComPtr(p));
    }

    // ---------------------------------------------------------------- errors

    /**
     * Like {@link ComFailure#check}, but on failure also reads WMI's error object for this thread
     * (GetErrorInfo, which for WMI is an __ExtendedStatus IWbemClassObject) and keeps its Description
     * and ParameterInfo, which often say exactly what the provider disliked.
     */
    int checkWbem(int hr, String call) {
        if (!WmiErrors.failed(hr & 0xFFFFFFFFL)) return hr;
        throw new ComFailure(hr, call, extendedStatus());
    }

    private String extendedStatus() {
        try {
            PointerByReference info = new PointerByReference();
            if (api.oleAut32().GetErrorInfo(0, info) != 0 || info.getValue() == null) return null;
            ComPtr errorInfo = new ComPtr(info.getValue());
            try {
                NativeWbemObject status = new NativeWbemObject(errorInfo.query(IID_IWbemClassObject, "QueryInterface(IWbemClassObject)"));
                try {
                    String description = text(status, "Description");
                    String parameter = text(status, "ParameterInfo");
                    if (description == null && parameter == null) return null;
                    return (description == null ? "" : description) + (parameter == null ? "" : " (parameter info: " + parameter + ")");
                } finally {
                    status.close();
                }
            } finally {
                errorInfo.release();
            }
        } catch (RuntimeException e) {
            return null; // the error object is a courtesy; never mask the original failure
        }
    }

    private static String text(NativeWbemObject o, String property) {
        if (o.cimType(property) < 0) return null;
        WmiVariant v = o.get(property);
        String s = v.vt() == Vt.BSTR ? ((String) v.value()).strip() : null;
        WmiValues.release(v);
        return s == null || s.isEmpty() ? null : s;
    }

    // ---------------------------------------------------------------- BSTR

    Pointer bstr(String s) {
        char[] c = s.toCharArray();
        Pointer p = api.oleAut32().SysAllocStringLen(c, c.length);
        if (p == null) throw new ComFailure(E_OUTOFMEMORY, "SysAllocStringLen");
        return p;
    }

    /** Frees BSTRs; nulls are skipped. */
    void free(Pointer... bstrs) {
        for (Pointer b : bstrs) if (b != null) api.oleAut32().SysFreeString(b);
    }

    static String readBstr(Pointer bstr) {
        if (bstr == null) return "";
        int bytes = bstr.getInt(-4);
        return new String(bstr.getByteArray(0, bytes), StandardCharsets.UTF_16LE);
    }

    /**
     * A BSTR laid out in our own memory (length prefix, UTF-16, terminator), for the password: it
     * never becomes a Java String and is wiped right after ConnectServer copies it.
     */
    static Memory secretBstr(char[] chars) {
        Memory m = new Memory(4L + 2L * chars.length + 2);
        m.clear();
        m.setInt(0, chars.length * 2);
        utf16(m, 4, chars);
        return m;
    }

    static Memory wideString(char[] chars) {
        Memory m = new Memory(2L * chars.length + 2);
        m.clear();
        utf16(m, 0, chars);
        return m;
    }

    /** OLECHARs are UTF-16 code units on every Windows (JNA's char[] writes use the platform's wchar_t width). */
    private static void utf16(Memory m, long offset, char[] chars) {
        for (int i = 0; i < chars.length; i++) m.setShort(offset + 2L * i, (short) chars[i]);
    }

    // ---------------------------------------------------------------- VARIANT -> WmiVariant

    static Memory newVariant() {
        Memory v = new Memory(VARIANT_SIZE);
        v.clear();
        return v;
    }

    /** Reads a VARIANT; VT_UNKNOWN objects come out as new {@link NativeWbemObject}s (their own references). */
    WmiVariant read(Pointer v) {
        int vt = v.getShort(0) & 0xFFFF;
        if (vt == Vt.EMPTY || vt == Vt.NULL) return WmiVariant.NULL;
        if ((vt & Vt.ARRAY) != 0) {
            int evt = vt & ~Vt.ARRAY;
            return WmiVariant.array(asUnknown(evt), readArray(v.getPointer(8), evt));
        }
        return WmiVariant.of(asUnknown(vt), readElement(v, 8, vt));
    }

    /** An object may come as VT_DISPATCH; both are IUnknowns we QueryInterface for IWbemClassObject. */
    private static int asUnknown(int vt) {
        return vt == Vt.DISPATCH ? Vt.UNKNOWN : vt;
    }

    private List<Object> readArray(Pointer sa, int evt) {
        List<Object> out = new ArrayList<>();
        if (sa == null) return out;
        int[] lb = new int[1];
        int[] ub = new int[1];
        ComFailure.check(api.oleAut32().SafeArrayGetLBound(sa, 1, lb), "SafeArrayGetLBound");
        ComFailure.check(api.oleAut32().SafeArrayGetUBound(sa, 1, ub), "SafeArrayGetUBound");
        int n = ub[0] - lb[0] + 1;
        PointerByReference data = new PointerByReference();
        ComFailure.check(api.oleAut32().SafeArrayAccessData(sa, data), "SafeArrayAccessData");
        try {
            Pointer d = data.getValue();
            int size = elementSize(evt);
            for (int i = 0; i < n; i++) out.add(readElement(d, (long) i * size, evt));
        } catch (RuntimeException e) {
            // A QueryInterface failing part-way: the objects already read are ours to release.
            for (Object o : out) if (o instanceof WbemObject w) w.close();
            throw e;
        } finally {
            api.oleAut32().SafeArrayUnaccessData(sa);
        }
        return out;
    }

    private Object readElement(Pointer p, long off, int vt) {
        return switch (vt) {
            case Vt.I1 -> (long) p.getByte(off);
            case Vt.UI1 -> (long) (p.getByte(off) & 0xFF);
            case Vt.I2 -> (long) p.getShort(off);
            case Vt.UI2 -> (long) (p.getShort(off) & 0xFFFF);
            case Vt.I4 -> (long) p.getInt(off);
            case Vt.UI4 -> p.getInt(off) & 0xFFFFFFFFL;
            case Vt.I8, Vt.UI8 -> p.getLong(off);
            case Vt.R4 -> p.getFloat(off);
            case Vt.R8 -> p.getDouble(off);
            case Vt.BOOL -> p.getShort(off) != 0;
            case Vt.BSTR -> readBstr(p.getPointer(off));
            case Vt.UNKNOWN, Vt.DISPATCH -> {
                Pointer unk = p.getPointer(off);
                if (unk == null) throw new ComFailure(E_POINTER, "VARIANT VT_UNKNOWN holds no object");
                yield new NativeWbemObject(queryBorrowed(unk, IID_IWbemClassObject, "IUnknown::QueryInterface(IWbemClassObject)"));
            }
            default -> throw new ComFailure(WBEM_E_TYPE_MISMATCH, "unexpected VARIANT type " + Vt.name(vt));
        };
    }

    private static int elementSize(int vt) {
        return switch (vt) {
            case Vt.I1, Vt.UI1 -> 1;
            case Vt.I2, Vt.UI2, Vt.BOOL -> 2;
            case Vt.I4, Vt.UI4, Vt.R4 -> 4;
            case Vt.I8, Vt.UI8, Vt.R8 -> 8;
            case Vt.BSTR, Vt.UNKNOWN, Vt.DISPATCH -> Native.POINTER_SIZE;
            default -> throw new ComFailure(WBEM_E_TYPE_MISMATCH, "unexpected SAFEARRAY element type " + Vt.name(vt));
        };
    }

    // ---------------------------------------------------------------- WmiVariant -> VARIANT

    /**
     * A VARIANT in new memory; free its contents with {@link #clear} (VariantClear, which also frees
     * BSTRs and releases objects). On failure nothing stays allocated.
     */
    Memory write(WmiVariant w) {
        Memory v = newVariant();
        if (w.isNull()) {
            v.setShort(0, (short) Vt.NULL);
            return v;
        }
        if (w.isArray()) {
            v.setPointer(8, writeArray(w.elementVt(), w.asList()));
            v.setShort(0, (short) (Vt.ARRAY | w.elementVt()));
            return v;
        }
        writeElement(v, 8, w.vt(), w.value());
        v.setShort(0, (short) w.vt());
        return v;
    }

    /** A SAFEARRAY of the elements; destroyed again (with what was written into it) when any step fails. */
    private Pointer writeArray(int evt, List<Object> list) {
        int size = elementSize(evt);
        Pointer sa = api.oleAut32().SafeArrayCreateVector((short) evt, 0, list.size());
        if (sa == null) throw new ComFailure(E_OUTOFMEMORY, "SafeArrayCreateVector");
        try {
            PointerByReference data = new PointerByReference();
            ComFailure.check(api.oleAut32().SafeArrayAccessData(sa, data), "SafeArrayAccessData");
            try {
                for (int i = 0; i < list.size(); i++) writeElement(data.getValue(), (long) i * size, evt, list.get(i));
            } finally {
                api.oleAut32().SafeArrayUnaccessData(sa);
            }
            return sa;
        } catch (RuntimeException e) {
            // SafeArrayDestroy frees the BSTRs and releases the objects already stored (the rest are null).
            api.oleAut32().SafeArrayDestroy(sa);
            throw e;
        }
    }

    private void writeElement(Pointer p, long off, int vt, Object e) {
        switch (vt) {
            case Vt.I1, Vt.UI1 -> p.setByte(off, (byte) (long) (Long) e);
            case Vt.I2, Vt.UI2 -> p.setShort(off, (short) (long) (Long) e);
            case Vt.I4, Vt.UI4 -> p.setInt(off, (int) (long) (Long) e);
            case Vt.I8, Vt.UI8 -> p.setLong(off, (Long) e);
            case Vt.R4 -> p.setFloat(off, (Float) e);
            case Vt.R8 -> p.setDouble(off, (Double) e);
            case Vt.BOOL -> p.setShort(off, (short) ((Boolean) e ? -1 : 0));
            case Vt.BSTR -> p.setPointer(off, bstr((String) e));
            case Vt.UNKNOWN -> {
                ComPtr obj = ((NativeWbemObject) e).ptr();
                obj.addRef(); // VariantClear (or SafeArrayDestroy) releases this reference
                p.setPointer(off, obj.pointer());
            }
            default -> throw new ComFailure(WBEM_E_TYPE_MISMATCH, "cannot write VARIANT type " + Vt.name(vt));
        }
    }

    void clear(Memory variant) {
        api.oleAut32().VariantClear(variant);
    }

    /** Reads a SAFEARRAY of BSTR (as GetNames returns) and destroys it. */
    List<String> readStringsAndDestroy(Pointer sa) {
        List<String> out = new ArrayList<>();
        if (sa == null) return out;
        try {
            for (Object o : readArray(sa, Vt.BSTR)) out.add((String) o);
        } finally {
            api.oleAut32().SafeArrayDestroy(sa);
        }
        return out;
    }
}
