package io.hyperv4j.wmi;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.COM.Unknown;
import com.sun.jna.platform.win32.Guid;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;
import java.util.ArrayList;
import java.util.List;

/**
 * The thin native layer: raw vtable calls on WMI's COM interfaces and VARIANT / SAFEARRAY / BSTR
 * handling in native memory. Loaded only by a Windows session (first use of this class loads
 * oleaut32.dll). Vtable indices follow the interface order in wbemcli.h (IUnknown takes 0-2):
 * <pre>
 * IWbemLocator          3 ConnectServer
 * IWbemServices         6 GetObject, 20 ExecQuery, 22 ExecNotificationQuery, 24 ExecMethod
 *                       (3 OpenNamespace, 4 CancelAsyncCall, 5 QueryObjectSink, 7 GetObjectAsync,
 *                        8-19 class/instance put/delete/enum, 21/23/25 the Async variants)
 * IWbemClassObject      4 Get, 5 Put, 7 GetNames, 15 SpawnInstance, 19 GetMethod
 *                       (3 GetQualifierSet, 6 Delete, 8-10 Begin/Next/EndEnumeration,
 *                        11 GetPropertyQualifierSet, 12 Clone, 13 GetObjectText, 14 SpawnDerivedClass,
 *                        16 CompareTo, 17 GetPropertyOrigin, 18 InheritsFrom, 20-26 method helpers)
 * IEnumWbemClassObject  4 Next (3 Reset, 5 NextAsync, 6 Clone, 7 Skip)
 * IWbemCallResult       3 GetResultObject (4 GetResultString, 5 GetResultServices, 6 GetCallStatus)
 * </pre>
 */
final class NativeCom {
    private NativeCom() {}

    static final Guid.IID IID_IWbemClassObject = new Guid.IID("{DC12A681-737F-11CF-884D-00AA004B2E24}");

    static final int WBEM_FLAG_RETURN_IMMEDIATELY = 0x10;
    static final int WBEM_FLAG_FORWARD_ONLY = 0x20;
    static final int WBEM_FLAG_NONSYSTEM_ONLY = 0x40;
    static final int WBEM_FLAG_CONNECT_USE_MAX_WAIT = 0x80;
    static final int WBEM_E_NOT_FOUND = 0x80041002;
    static final int WBEM_E_TIMED_OUT = 0x80041069;
    /** sizeof(VARIANT): 16 bytes on 32-bit, 24 on 64-bit Windows; the value union starts at offset 8. */
    static final int VARIANT_SIZE = Native.POINTER_SIZE == 8 ? 24 : 16;

    /** oleaut32.dll functions, declared on raw pointers so no JNA Structure re-syncs our memory. */
    interface OleAut32 extends StdCallLibrary {
        OleAut32 INSTANCE = Native.load("OleAut32", OleAut32.class);

        Pointer SysAllocStringLen(char[] chars, int length);

        void SysFreeString(Pointer bstr);

        int VariantClear(Pointer variant);

        Pointer SafeArrayCreateVector(short vt, int lowerBound, int count);

        int SafeArrayAccessData(Pointer array, PointerByReference data);

        int SafeArrayUnaccessData(Pointer array);

        int SafeArrayDestroy(Pointer array);

        int SafeArrayGetLBound(Pointer array, int dim, int[] bound);

        int SafeArrayGetUBound(Pointer array, int dim, int[] bound);

        int GetErrorInfo(int reserved, PointerByReference errorInfo);
    }

    /** A COM interface pointer we call through its vtable. */
    static final class ComPtr extends Unknown {
        private boolean released;

        ComPtr(Pointer p) {
            super(p);
        }

        int call(int index, Object... args) {
            if (released) throw new IllegalStateException("COM object already released");
            Object[] a = new Object[args.length + 1];
            a[0] = getPointer();
            System.arraycopy(args, 0, a, 1, args.length);
            return _invokeNativeInt(index, a);
        }

        void release() {
            if (!released) {
                released = true;
                Release();
            }
        }
    }

    // ---------------------------------------------------------------- errors

    /**
     * Like {@link ComFailure#check}, but on failure also reads WMI's error object for this thread
     * (GetErrorInfo, which for WMI is an __ExtendedStatus IWbemClassObject) and keeps its Description
     * and ParameterInfo, which often say exactly what the provider disliked.
     */
    static int checkWbem(int hr, String call) {
        if (!WmiErrors.failed(hr & 0xFFFFFFFFL)) return hr;
        throw new ComFailure(hr, call, extendedStatus());
    }

    private static String extendedStatus() {
        try {
            PointerByReference info = new PointerByReference();
            if (OleAut32.INSTANCE.GetErrorInfo(0, info) != 0 || info.getValue() == null) return null;
            Unknown errorInfo = new Unknown(info.getValue());
            try {
                PointerByReference obj = new PointerByReference();
                if (errorInfo.QueryInterface(new Guid.REFIID(IID_IWbemClassObject), obj).intValue() != 0 || obj.getValue() == null) return null;
                NativeWbemObject status = new NativeWbemObject(new ComPtr(obj.getValue()));
                try {
                    String description = text(status, "Description");
                    String parameter = text(status, "ParameterInfo");
                    if (description == null && parameter == null) return null;
                    return (description == null ? "" : description) + (parameter == null ? "" : " (parameter info: " + parameter + ")");
                } finally {
                    status.close();
                }
            } finally {
                errorInfo.Release();
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

    static Pointer bstr(String s) {
        char[] c = s.toCharArray();
        Pointer p = OleAut32.INSTANCE.SysAllocStringLen(c, c.length);
        if (p == null) throw new ComFailure(0x8007000EL, "SysAllocStringLen");
        return p;
    }

    static void free(Pointer bstr) {
        if (bstr != null) OleAut32.INSTANCE.SysFreeString(bstr);
    }

    static String readBstr(Pointer bstr) {
        if (bstr == null) return "";
        int bytes = bstr.getInt(-4);
        return new String(bstr.getCharArray(0, bytes / 2));
    }

    /**
     * A BSTR laid out in our own memory (length prefix, UTF-16, terminator), for the password: it
     * never becomes a Java String and is wiped right after ConnectServer copies it.
     */
    static Memory secretBstr(char[] chars) {
        Memory m = new Memory(4L + 2L * chars.length + 2);
        m.clear();
        m.setInt(0, chars.length * 2);
        m.write(4, chars, 0, chars.length);
        return m;
    }

    static Memory wideString(char[] chars) {
        Memory m = new Memory(2L * chars.length + 2);
        m.clear();
        m.write(0, chars, 0, chars.length);
        return m;
    }

    // ---------------------------------------------------------------- VARIANT -> WmiVariant

    static Memory newVariant() {
        Memory v = new Memory(VARIANT_SIZE);
        v.clear();
        return v;
    }

    /** Reads a VARIANT; VT_UNKNOWN objects come out as new {@link NativeWbemObject}s (AddRef'd). */
    static WmiVariant read(Pointer v) {
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

    private static List<Object> readArray(Pointer sa, int evt) {
        List<Object> out = new ArrayList<>();
        if (sa == null) return out;
        int[] lb = new int[1];
        int[] ub = new int[1];
        ComFailure.check(OleAut32.INSTANCE.SafeArrayGetLBound(sa, 1, lb), "SafeArrayGetLBound");
        ComFailure.check(OleAut32.INSTANCE.SafeArrayGetUBound(sa, 1, ub), "SafeArrayGetUBound");
        int n = ub[0] - lb[0] + 1;
        PointerByReference data = new PointerByReference();
        ComFailure.check(OleAut32.INSTANCE.SafeArrayAccessData(sa, data), "SafeArrayAccessData");
        try {
            Pointer d = data.getValue();
            int size = elementSize(evt);
            for (int i = 0; i < n; i++) out.add(readElement(d, (long) i * size, evt));
        } finally {
            OleAut32.INSTANCE.SafeArrayUnaccessData(sa);
        }
        return out;
    }

    private static Object readElement(Pointer p, long off, int vt) {
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
                if (unk == null) throw new ComFailure(0x80004003L, "VARIANT VT_UNKNOWN holds no object");
                PointerByReference obj = new PointerByReference();
                ComFailure.check(new Unknown(unk).QueryInterface(new Guid.REFIID(IID_IWbemClassObject), obj).intValue(),
                        "IUnknown::QueryInterface(IWbemClassObject)");
                yield new NativeWbemObject(new ComPtr(obj.getValue()));
            }
            default -> throw new ComFailure(0x80041005L, "unexpected VARIANT type " + Vt.name(vt));
        };
    }

    private static int elementSize(int vt) {
        return switch (vt) {
            case Vt.I1, Vt.UI1 -> 1;
            case Vt.I2, Vt.UI2, Vt.BOOL -> 2;
            case Vt.I4, Vt.UI4, Vt.R4 -> 4;
            case Vt.I8, Vt.UI8, Vt.R8 -> 8;
            case Vt.BSTR, Vt.UNKNOWN, Vt.DISPATCH -> Native.POINTER_SIZE;
            default -> throw new ComFailure(0x80041005L, "unexpected SAFEARRAY element type " + Vt.name(vt));
        };
    }

    // ---------------------------------------------------------------- WmiVariant -> VARIANT

    /** A VARIANT in new memory; free its contents with VariantClear (which also releases AddRef'd objects). */
    static Memory write(WmiVariant w) {
        Memory v = newVariant();
        if (w.isNull()) {
            v.setShort(0, (short) Vt.NULL);
            return v;
        }
        if (w.isArray()) {
            int evt = w.elementVt();
            List<Object> list = w.asList();
            Pointer sa = OleAut32.INSTANCE.SafeArrayCreateVector((short) evt, 0, list.size());
            if (sa == null) throw new ComFailure(0x8007000EL, "SafeArrayCreateVector");
            PointerByReference data = new PointerByReference();
            ComFailure.check(OleAut32.INSTANCE.SafeArrayAccessData(sa, data), "SafeArrayAccessData");
            try {
                int size = elementSize(evt);
                for (int i = 0; i < list.size(); i++) writeElement(data.getValue(), (long) i * size, evt, list.get(i));
            } finally {
                OleAut32.INSTANCE.SafeArrayUnaccessData(sa);
            }
            v.setShort(0, (short) (Vt.ARRAY | evt));
            v.setPointer(8, sa);
            return v;
        }
        writeElement(v, 8, w.vt(), w.value());
        v.setShort(0, (short) w.vt());
        return v;
    }

    private static void writeElement(Pointer p, long off, int vt, Object e) {
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
                obj.AddRef(); // VariantClear releases this reference
                p.setPointer(off, obj.getPointer());
            }
            default -> throw new ComFailure(0x80041005L, "cannot write VARIANT type " + Vt.name(vt));
        }
    }

    static void clear(Memory variant) {
        OleAut32.INSTANCE.VariantClear(variant);
    }

    /** Reads a SAFEARRAY of BSTR (as GetNames returns) and destroys it. */
    static List<String> readStringsAndDestroy(Pointer sa) {
        List<String> out = new ArrayList<>();
        if (sa == null) return out;
        try {
            for (Object o : readArray(sa, Vt.BSTR)) out.add((String) o);
        } finally {
            OleAut32.INSTANCE.SafeArrayDestroy(sa);
        }
        return out;
    }
}
