package io.hyperv4j.wmi;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.Guid;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A recording stand-in for ole32, oleaut32 and WMI's COM objects under {@link NativeConnector}, in
 * real native memory (JNA works on Linux): reference counts per object, proxies with a separate
 * IUnknown identity as DCOM's proxy manager has, every CoSetProxyBlanket with the COAUTHIDENTITY it
 * pointed to (read back at the C layout), BSTRs and SAFEARRAYs with owners, and a list of misuse
 * (over-release, use after release, double free, a method called on the wrong interface). It is
 * written from the documented COM rules, independently of the binding's own VARIANT code.
 */
final class FakeComNative implements ComNative {
    static final int S_OK = 0;
    static final int S_FALSE = 1;
    static final int E_NOINTERFACE = 0x80004002;
    static final int E_ACCESSDENIED = 0x80070005;
    static final int WBEM_S_TIMEDOUT = 0x40004;

    /** One COM object. Proxies (services, enumerators, call results) have an IUnknown identity of their own. */
    final class Obj {
        final String iface;
        final String label;
        final Memory address = new Memory(16);
        final boolean proxy;
        Obj identity;
        int refs = 1;
        boolean fixture;
        final List<Blanket> blankets = new ArrayList<>();
        // IWbemClassObject
        String className;
        final Map<String, Val> props = new LinkedHashMap<>();
        // IEnumWbemClassObject
        LinkedBlockingQueue<Object> items;
        // IWbemCallResult
        Obj result;
        int status;
        int resultHr = S_OK;

        Obj(String iface, String label, boolean proxy) {
            this.iface = iface;
            this.label = label;
            this.proxy = proxy;
            objects.put(Pointer.nativeValue(address), this);
            created.add(this);
        }

        boolean alive() {
            return refs > 0;
        }

        @Override
        public String toString() {
            return iface + "(" + label + ", refs " + refs + ")";
        }
    }

    /** A property value: its CIMTYPE, VARIANT type and value (Long, Double, Float, Boolean, String, Obj or a List of them). */
    record Val(int cimtype, int vt, Object value) {}

    record Blanket(String target, int authn, int authz, long principal, int level, int imp, String user, String domain,
                   String password, int flags) {}

    record Bstr(String text, Memory memory) {}

    static final class SafeArray {
        final int vt;
        final int count;
        final Memory data;
        boolean destroyed;

        SafeArray(int vt, int count) {
            this.vt = vt;
            this.count = count;
            this.data = new Memory(Math.max(1, (long) count * elementSize(vt)));
            data.clear();
        }
    }

    final Map<Long, Obj> objects = new HashMap<>();
    final List<Obj> created = new ArrayList<>();
    final List<Blanket> blankets = Collections.synchronizedList(new ArrayList<>());
    final List<String> misuse = Collections.synchronizedList(new ArrayList<>());
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final Map<Long, Bstr> liveBstrs = new HashMap<>();
    final Map<Long, SafeArray> arrays = new HashMap<>();
    /** Fault injection: given a call name (see {@link #fault}), an HRESULT to fail it with, or null. */
    volatile Function<String, Integer> faults = call -> null;
    /** Runs at the start of each WMI method, by name (to hold a call back, as a slow server would). */
    volatile java.util.function.Consumer<String> beforeCall = call -> {};
    /** The error object the next failing WMI call leaves for GetErrorInfo (WMI's __ExtendedStatus). */
    volatile Obj errorObject;
    private Obj pendingError;
    /** Told when an object's last reference goes. */
    volatile java.util.function.Consumer<Obj> onDestroy = o -> {};

    // ---------------------------------------------------------------- scripted server

    final Map<String, Obj> classes = new HashMap<>();
    final Map<String, Obj> instances = new HashMap<>();
    final Map<String, Obj> inSignatures = new HashMap<>();
    final Map<String, Function<Obj, Obj>> methods = new HashMap<>();
    final Map<String, List<Obj>> queries = new HashMap<>();
    final Map<String, LinkedBlockingQueue<Object>> eventStreams = new HashMap<>();
    final List<String> connected = Collections.synchronizedList(new ArrayList<>());
    final List<Obj> puts = new ArrayList<>();

    /** An object the server keeps (its own reference, dropped by {@link #dropFixtures}). */
    synchronized Obj fixture(String className) {
        Obj o = new Obj("IWbemClassObject", className, false);
        o.className = className;
        o.fixture = true;
        return o;
    }

    /** A property of a fixture: {@code value} as WMI hands it out (an Obj holds a reference). */
    synchronized Obj with(Obj o, String name, int cimtype, int vt, Object value) {
        Val old = o.props.put(name, hold(new Val(cimtype, vt, value)));
        if (old != null) forEachObj(old.value(), this::releaseObj);
        return o;
    }

    /** Releases the server's own references, so only the binding's remain to be checked. */
    synchronized void dropFixtures() {
        for (Obj o : List.copyOf(created)) if (o.fixture && o.alive()) release(o.address);
    }

    synchronized Obj copyOf(Obj template) {
        Obj c = new Obj("IWbemClassObject", template.label, false);
        c.className = template.className;
        template.props.forEach((k, v) -> c.props.put(k, hold(v)));
        return c;
    }

    /** A value stored in another object holds its own reference to embedded objects. */
    private Val hold(Val v) {
        forEachObj(v.value(), o -> o.refs++);
        return v;
    }

    private static void forEachObj(Object value, java.util.function.Consumer<Obj> f) {
        if (value instanceof Obj o) f.accept(o);
        else if (value instanceof List<?> l) for (Object e : l) if (e instanceof Obj o) f.accept(o);
    }

    // ---------------------------------------------------------------- checks

    /** Every reference the binding was given has been released, and nothing was misused. */
    List<String> leaks() {
        List<String> out = new ArrayList<>(misuse);
        for (Obj o : created) if (o.refs != 0) out.add("not released: " + o);
        for (Obj o : created) if (o.identity != null && o.identity.refs != 0) out.add("IUnknown not released: " + o.identity);
        for (Bstr b : liveBstrs.values()) out.add("BSTR not freed: \"" + b.text() + "\"");
        arrays.forEach((k, a) -> {
            if (!a.destroyed) out.add("SAFEARRAY not destroyed: " + Vt.name(a.vt) + "[" + a.count + "]");
        });
        return out;
    }

    List<String> blanketTargets() {
        return blankets.stream().map(Blanket::target).toList();
    }

    // ---------------------------------------------------------------- ole32

    private final Ole32 ole32 = new Ole32() {
        @Override
        public int CoInitializeEx(Pointer reserved, int coInit) {
            calls.add("CoInitializeEx " + coInit);
            return S_OK;
        }

        @Override
        public int CoInitializeSecurity(Pointer sd, int authServices, Pointer list, Pointer r1, int authnLevel, int impLevel,
                                        Pointer authList, int capabilities, Pointer r3) {
            calls.add("CoInitializeSecurity");
            return S_OK;
        }

        @Override
        public void CoUninitialize() {
            calls.add("CoUninitialize");
        }

        @Override
        public int CoCreateInstance(Guid.GUID clsid, Pointer outer, int context, Guid.GUID iid, PointerByReference object) {
            synchronized (FakeComNative.this) {
                if (!clsid.equals(NativeCom.CLSID_WbemLocator) || !iid.equals(NativeCom.IID_IWbemLocator)) return E_NOINTERFACE;
                object.setValue(new Obj("IWbemLocator", "locator", false).address);
                return S_OK;
            }
        }

        @Override
        public int CoSetProxyBlanket(Pointer proxy, int authn, int authz, Pointer principal, int level, int imp, Pointer authInfo, int caps) {
            synchronized (FakeComNative.this) {
                Obj o = live(proxy, "CoSetProxyBlanket");
                if (o == null) return E_NOINTERFACE;
                Integer f = fault("CoSetProxyBlanket " + o.iface);
                if (f != null) return f;
                if (!o.proxy) return E_NOINTERFACE; // only proxies take a blanket; local objects answer this
                String user = null, domain = null, password = null;
                int flags = 0;
                if (authInfo != null) {
                    // COAUTHIDENTITY: USHORT* User; ULONG UserLength; USHORT* Domain; ULONG DomainLength; USHORT* Password; ULONG PasswordLength; ULONG Flags
                    int p = Native.POINTER_SIZE;
                    int stride = p == 8 ? 16 : 8;
                    user = wide(authInfo.getPointer(0), authInfo.getInt(p));
                    domain = wide(authInfo.getPointer(stride), authInfo.getInt(stride + p));
                    password = wide(authInfo.getPointer(2L * stride), authInfo.getInt(2L * stride + p));
                    flags = authInfo.getInt(2L * stride + p + 4);
                }
                Blanket b = new Blanket(o.iface + (o.iface.equals("IUnknown") ? " of " + o.label : ""), authn, authz,
                        Pointer.nativeValue(principal), level, imp, user, domain, password, flags);
                blankets.add(b);
                o.blankets.add(b);
                return S_OK;
            }
        }
    };

    private static String wide(Pointer p, int chars) {
        return p == null ? null : new String(p.getByteArray(0, 2 * chars), java.nio.charset.StandardCharsets.UTF_16LE);
    }

    // ---------------------------------------------------------------- oleaut32

    private final OleAut32 oleAut32 = new OleAut32() {
        @Override
        public Pointer SysAllocStringLen(char[] chars, int length) {
            synchronized (FakeComNative.this) {
                String text = new String(chars, 0, length);
                if (fault("SysAllocStringLen " + text) != null) return null;
                return bstr(text);
            }
        }

        @Override
        public void SysFreeString(Pointer bstr) {
            synchronized (FakeComNative.this) {
                if (liveBstrs.remove(Pointer.nativeValue(bstr)) == null) misuse.add("SysFreeString of a BSTR not allocated or already freed");
            }
        }

        @Override
        public int VariantClear(Pointer v) {
            synchronized (FakeComNative.this) {
                clearVariant(v);
                return S_OK;
            }
        }

        @Override
        public Pointer SafeArrayCreateVector(short vt, int lowerBound, int count) {
            synchronized (FakeComNative.this) {
                if (fault("SafeArrayCreateVector") != null) return null;
                return newArray(vt, count);
            }
        }

        @Override
        public int SafeArrayAccessData(Pointer array, PointerByReference data) {
            synchronized (FakeComNative.this) {
                Integer f = fault("SafeArrayAccessData");
                if (f != null) return f;
                SafeArray a = array(array);
                data.setValue(a.data);
                return S_OK;
            }
        }

        @Override
        public int SafeArrayUnaccessData(Pointer array) {
            synchronized (FakeComNative.this) {
                array(array);
                return S_OK;
            }
        }

        @Override
        public int SafeArrayDestroy(Pointer array) {
            synchronized (FakeComNative.this) {
                destroyArray(array(array));
                return S_OK;
            }
        }

        @Override
        public int SafeArrayGetLBound(Pointer array, int dim, int[] bound) {
            synchronized (FakeComNative.this) {
                array(array);
                bound[0] = 0;
                return S_OK;
            }
        }

        @Override
        public int SafeArrayGetUBound(Pointer array, int dim, int[] bound) {
            synchronized (FakeComNative.this) {
                bound[0] = array(array).count - 1;
                return S_OK;
            }
        }

        @Override
        public int GetErrorInfo(int reserved, PointerByReference errorInfo) {
            synchronized (FakeComNative.this) {
                // Like oleaut32, hands over the thread's error object once (our reference is the caller's).
                Obj e = pendingError;
                pendingError = null;
                errorInfo.setValue(e == null ? null : e.address);
                return e == null ? S_FALSE : S_OK;
            }
        }
    };

    @Override
    public Ole32 ole32() {
        return ole32;
    }

    @Override
    public OleAut32 oleAut32() {
        return oleAut32;
    }

    private Integer fault(String call) {
        calls.add(call);
        return faults.apply(call);
    }

    private Pointer bstr(String text) {
        char[] c = text.toCharArray();
        Memory m = new Memory(4L + 2L * c.length + 2);
        m.clear();
        m.setInt(0, 2 * c.length);
        for (int i = 0; i < c.length; i++) m.setShort(4 + 2L * i, (short) c[i]);
        Pointer p = m.share(4);
        liveBstrs.put(Pointer.nativeValue(p), new Bstr(text, m));
        return p;
    }

    private static String readBstr(Pointer p) {
        return p == null ? null : new String(p.getByteArray(0, p.getInt(-4)), java.nio.charset.StandardCharsets.UTF_16LE);
    }

    private Pointer newArray(int vt, int count) {
        SafeArray a = new SafeArray(vt, count);
        arrays.put(Pointer.nativeValue(a.data) + 1, a); // keyed by a handle distinct from the data pointer
        return new Pointer(Pointer.nativeValue(a.data) + 1);
    }

    private SafeArray array(Pointer p) {
        SafeArray a = arrays.get(Pointer.nativeValue(p));
        if (a == null || a.destroyed) {
            misuse.add("SAFEARRAY used after SafeArrayDestroy or never created");
            throw new IllegalStateException("bad SAFEARRAY");
        }
        return a;
    }

    private static int elementSize(int vt) {
        return switch (vt) {
            case Vt.UI1, Vt.I1 -> 1;
            case Vt.I2, Vt.UI2, Vt.BOOL -> 2;
            case Vt.I4, Vt.UI4, Vt.R4 -> 4;
            case Vt.I8, Vt.UI8, Vt.R8 -> 8;
            default -> Native.POINTER_SIZE;
        };
    }

    /** SafeArrayDestroy: frees BSTR elements and releases object elements (nulls are skipped), as oleaut32 does. */
    private void destroyArray(SafeArray a) {
        for (int i = 0; i < a.count; i++) {
            long off = (long) i * elementSize(a.vt);
            if (a.vt == Vt.BSTR) {
                Pointer b = a.data.getPointer(off);
                if (b != null && liveBstrs.remove(Pointer.nativeValue(b)) == null) misuse.add("SAFEARRAY held a freed BSTR");
            } else if (a.vt == Vt.UNKNOWN || a.vt == Vt.DISPATCH) {
                Pointer o = a.data.getPointer(off);
                if (o != null) release(o);
            }
        }
        a.destroyed = true;
    }

    // ---------------------------------------------------------------- VARIANTs (independent of NativeCom)

    private void writeVariant(Pointer v, Val val) {
        v.clear(NativeCom.VARIANT_SIZE);
        if (val.value() == null) {
            v.setShort(0, (short) Vt.NULL);
            return;
        }
        if (val.value() instanceof List<?> list) {
            Pointer sa = newArray(val.vt(), list.size());
            SafeArray a = arrays.get(Pointer.nativeValue(sa));
            for (int i = 0; i < list.size(); i++) writeValue(a.data, (long) i * elementSize(val.vt()), val.vt(), list.get(i));
            v.setShort(0, (short) (Vt.ARRAY | val.vt()));
            v.setPointer(8, sa);
            return;
        }
        v.setShort(0, (short) val.vt());
        writeValue(v, 8, val.vt(), val.value());
    }

    private void writeValue(Pointer p, long off, int vt, Object value) {
        switch (vt) {
            case Vt.UI1 -> p.setByte(off, (byte) (long) (Long) value);
            case Vt.I2 -> p.setShort(off, (short) (long) (Long) value);
            case Vt.I4 -> p.setInt(off, (int) (long) (Long) value);
            case Vt.R4 -> p.setFloat(off, (Float) value);
            case Vt.R8 -> p.setDouble(off, (Double) value);
            case Vt.BOOL -> p.setShort(off, (short) ((Boolean) value ? -1 : 0));
            case Vt.BSTR -> p.setPointer(off, bstr((String) value));
            case Vt.UNKNOWN -> {
                Obj o = (Obj) value;
                o.refs++;
                p.setPointer(off, o.address);
            }
            default -> throw new IllegalArgumentException("fake cannot write " + Vt.name(vt));
        }
    }

    /** What Put received, copied (objects get a reference of their own, as WMI copies embedded instances). */
    private Val readVariant(Pointer v, int cimtype) {
        int vt = v.getShort(0) & 0xFFFF;
        if (vt == Vt.NULL || vt == Vt.EMPTY) return new Val(cimtype, vt, null);
        if ((vt & Vt.ARRAY) != 0) {
            int evt = vt & ~Vt.ARRAY;
            SafeArray a = array(v.getPointer(8));
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < a.count; i++) out.add(readValue(a.data, (long) i * elementSize(evt), evt));
            return hold(new Val(cimtype, evt, out));
        }
        return hold(new Val(cimtype, vt, readValue(v, 8, vt)));
    }

    private Object readValue(Pointer p, long off, int vt) {
        return switch (vt) {
            case Vt.UI1 -> (long) (p.getByte(off) & 0xFF);
            case Vt.I2 -> (long) p.getShort(off);
            case Vt.I4 -> (long) p.getInt(off);
            case Vt.R4 -> p.getFloat(off);
            case Vt.R8 -> p.getDouble(off);
            case Vt.BOOL -> p.getShort(off) != 0;
            case Vt.BSTR -> {
                Pointer b = p.getPointer(off);
                if (b != null && !liveBstrs.containsKey(Pointer.nativeValue(b))) misuse.add("a VARIANT holds a freed BSTR");
                yield readBstr(b);
            }
            case Vt.UNKNOWN -> live(p.getPointer(off), "Put");
            default -> throw new IllegalArgumentException("fake cannot read " + Vt.name(vt));
        };
    }

    /** VariantClear: frees the BSTR, releases the object, destroys the SAFEARRAY; the VARIANT becomes VT_EMPTY. */
    private void clearVariant(Pointer v) {
        int vt = v.getShort(0) & 0xFFFF;
        if ((vt & Vt.ARRAY) != 0) {
            Pointer sa = v.getPointer(8);
            if (sa != null) destroyArray(array(sa));
        } else if (vt == Vt.BSTR) {
            Pointer b = v.getPointer(8);
            if (b != null && liveBstrs.remove(Pointer.nativeValue(b)) == null) misuse.add("VariantClear of a freed BSTR");
        } else if (vt == Vt.UNKNOWN || vt == Vt.DISPATCH) {
            Pointer o = v.getPointer(8);
            if (o != null) release(o);
        }
        v.setShort(0, (short) Vt.EMPTY);
    }

    // ---------------------------------------------------------------- objects

    private Obj live(Pointer p, String call) {
        Obj o = p == null ? null : objects.get(Pointer.nativeValue(p));
        if (o == null) {
            misuse.add(call + " on a pointer that is no COM object");
            return null;
        }
        if (!o.alive()) misuse.add(call + " on a released " + o);
        return o;
    }

    private int release(Pointer p) {
        Obj o = live(p, "Release");
        if (o == null || !o.alive()) return 0;
        if (--o.refs == 0) destroy(o);
        return o.refs;
    }

    private void destroy(Obj o) {
        o.refs = 0;
        onDestroy.accept(o);
        for (Val v : o.props.values()) forEachObj(v.value(), this::releaseObj);
        if (o.result != null) releaseObj(o.result);
        if (o.items != null) for (Object i : o.items) if (i instanceof Obj e) releaseObj(e);
    }

    private void releaseObj(Obj o) {
        release(o.address);
    }

    private Obj callResult(Obj result, int hr) {
        Obj cr = new Obj("IWbemCallResult", "call result", true);
        cr.result = result;
        cr.resultHr = hr;
        return cr;
    }

    @Override
    public int invoke(Pointer object, ComMethod method, Object[] args) {
        String name = method.toString();
        beforeCall.accept(name);
        if (method == ComMethod.NEXT) {
            Obj e;
            synchronized (this) {
                e = live(object, name);
                if (e == null || !e.alive() || !e.iface.equals(method.iface())) return E_NOINTERFACE;
            }
            return next(e, (Integer) args[0], (Integer) args[1], (Pointer[]) args[2], (IntByReference) args[3]);
        }
        synchronized (this) {
            Obj o = live(object, name);
            if (o == null || !o.alive()) return E_NOINTERFACE;
            if (!method.iface().equals("IUnknown") && !method.iface().equals(o.iface)) {
                misuse.add(name + " called on " + o);
                return E_NOINTERFACE;
            }
            if (args.length != method.arguments()) misuse.add(name + " with " + args.length + " arguments");
            Integer f = fault(name);
            if (f != null) return f;
            return switch (method) {
                case QUERY_INTERFACE -> queryInterface(o, (Guid.GUID) args[0], (PointerByReference) args[1]);
                case ADD_REF -> ++o.refs;
                case RELEASE -> release(object);
                case CONNECT_SERVER -> {
                    String resource = readBstr((Pointer) args[0]);
                    connected.add(resource + " as " + readBstr((Pointer) args[1]) + " password " + readBstr((Pointer) args[2]));
                    ((PointerByReference) args[7]).setValue(new Obj("IWbemServices", resource, true).address);
                    yield S_OK;
                }
                case EXEC_QUERY, EXEC_NOTIFICATION_QUERY -> {
                    String wql = readBstr((Pointer) args[1]);
                    Obj e = new Obj("IEnumWbemClassObject", wql, true);
                    List<Obj> results = queries.get(wql);
                    e.items = method == ComMethod.EXEC_NOTIFICATION_QUERY ? eventStreams.get(wql)
                            : results == null ? null : new LinkedBlockingQueue<>(results.stream().map(this::copyOf).map(Object.class::cast).toList());
                    if (e.items == null) {
                        destroy(e);
                        if (errorObject != null) pendingError = copyOf(errorObject);
                        yield 0x80041017; // WBEM_E_INVALID_QUERY
                    }
                    if (method == ComMethod.EXEC_QUERY) e.items.add(END);
                    ((PointerByReference) args[4]).setValue(e.address);
                    yield S_OK;
                }
                case NEXT -> throw new AssertionError("handled above");
                case GET_OBJECT -> {
                    String path = readBstr((Pointer) args[0]);
                    Obj template = classes.containsKey(path.toLowerCase(Locale.ROOT)) ? classes.get(path.toLowerCase(Locale.ROOT)) : instances.get(path);
                    if (template == null) yield 0x80041002;
                    ((PointerByReference) args[4]).setValue(callResult(copyOf(template), S_OK).address);
                    yield S_OK;
                }
                case EXEC_METHOD -> {
                    String path = readBstr((Pointer) args[0]);
                    String cls = path.contains(".") ? path.substring(0, path.indexOf('.')) : path;
                    Function<Obj, Obj> body = methods.get((cls + "." + readBstr((Pointer) args[1])).toLowerCase(Locale.ROOT));
                    Obj in = args[4] == null ? null : live((Pointer) args[4], "ExecMethod in-parameters");
                    ((PointerByReference) args[6]).setValue(callResult(body.apply(in), S_OK).address);
                    yield S_OK;
                }
                case PUT_INSTANCE -> {
                    Obj inst = live((Pointer) args[0], "PutInstance");
                    Obj stored = copyOf(inst);
                    stored.fixture = true;
                    puts.add(stored);
                    ((PointerByReference) args[3]).setValue(callResult(null, S_OK).address);
                    yield S_OK;
                }
                case GET_RESULT_OBJECT -> {
                    if (o.resultHr != S_OK) yield o.resultHr;
                    Obj r = o.result;
                    o.result = null; // handed over: the caller owns that reference now
                    ((PointerByReference) args[1]).setValue(r == null ? null : r.address);
                    yield S_OK;
                }
                case GET_CALL_STATUS -> {
                    if (o.resultHr != S_OK) yield o.resultHr;
                    ((IntByReference) args[1]).setValue(o.status);
                    yield S_OK;
                }
                case GET -> {
                    String prop = args[0].toString();
                    Val v = o.props.get(prop);
                    if (v == null && prop.startsWith("__")) v = new Val(CimTypeCode.CIM_STRING, Vt.BSTR, null); // every object has the system properties
                    if (v == null) yield 0x80041002;
                    writeVariant((Pointer) args[2], v);
                    if (args[3] != null) ((IntByReference) args[3]).setValue(v.cimtype());
                    yield S_OK;
                }
                case PUT -> {
                    String prop = ((WString) args[0]).toString();
                    Val old = o.props.get(prop);
                    if (old == null) yield 0x80041002;
                    o.props.put(prop, readVariant((Pointer) args[2], old.cimtype()));
                    forEachObj(old.value(), this::releaseObj);
                    yield S_OK;
                }
                case GET_NAMES -> {
                    List<String> names = o.props.keySet().stream().filter(n -> !n.startsWith("__")).toList();
                    Pointer sa = newArray(Vt.BSTR, names.size());
                    SafeArray a = arrays.get(Pointer.nativeValue(sa));
                    for (int i = 0; i < names.size(); i++) a.data.setPointer((long) i * Native.POINTER_SIZE, bstr(names.get(i)));
                    ((PointerByReference) args[3]).setValue(sa);
                    yield S_OK;
                }
                case SPAWN_INSTANCE -> {
                    Obj i = copyOf(o);
                    ((PointerByReference) args[1]).setValue(i.address);
                    yield S_OK;
                }
                case GET_METHOD -> {
                    Obj sig = inSignatures.get((o.className + "." + args[0]).toLowerCase(Locale.ROOT));
                    ((PointerByReference) args[2]).setValue(sig == null ? null : copyOf(sig).address);
                    yield S_OK;
                }
            };
        }
    }

    static final Object END = new Object();

    private int queryInterface(Obj o, Guid.GUID iid, PointerByReference out) {
        Integer f = fault("QueryInterface " + (iid.equals(NativeCom.IID_IUnknown) ? "IUnknown" : "IWbemClassObject") + " " + o.label);
        if (f != null) return f;
        if (iid.equals(NativeCom.IID_IUnknown) && o.proxy) {
            // A proxy's IUnknown is the proxy manager's own interface, a separate pointer with its own blanket.
            if (o.identity == null) {
                o.identity = new Obj("IUnknown", o.iface, true);
                o.identity.refs = 0;
                created.remove(o.identity);
            }
            o.identity.refs++;
            out.setValue(o.identity.address);
            return S_OK;
        }
        if (iid.equals(NativeCom.IID_IUnknown) || (iid.equals(NativeCom.IID_IWbemClassObject) && o.iface.equals("IWbemClassObject"))) {
            o.refs++;
            out.setValue(o.address);
            return S_OK;
        }
        return E_NOINTERFACE;
    }

    private int next(Obj e, int timeout, int count, Pointer[] out, IntByReference returned) {
        int n = 0;
        try {
            while (n < count) {
                Object item = n == 0 ? e.items.poll(timeout, TimeUnit.MILLISECONDS) : e.items.poll();
                if (item == null) break;
                if (item == END) {
                    e.items.add(END);
                    returned.setValue(n);
                    return S_FALSE;
                }
                out[n++] = ((Obj) item).address; // the enumerator's reference passes to the caller
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
        returned.setValue(n);
        return n == count ? S_OK : WBEM_S_TIMEDOUT;
    }
}
