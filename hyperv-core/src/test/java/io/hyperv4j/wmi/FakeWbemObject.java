package io.hyperv4j.wmi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An in-memory IWbemClassObject that behaves like WMI where it matters to the transport: declared
 * CIMTYPEs, WBEM_E_NOT_FOUND for unknown names, Put that accepts only the VARIANT type WMI documents
 * for the declared CIM type (so the tests check what we would send), Get that hands out new
 * references to embedded objects, and a ledger that catches leaks and use after release.
 */
final class FakeWbemObject implements WbemObject {
    /** Counts objects alive, to prove the transport releases everything it gets. */
    static final class Ledger {
        private int open;
        private final List<String> useAfterClose = new ArrayList<>();

        synchronized void opened() { open++; }

        synchronized void closed() { open--; }

        synchronized int open() { return open; }

        synchronized List<String> misuse() { return List.copyOf(useAfterClose); }

        synchronized void misuse(String what) { useAfterClose.add(what); }
    }

    private final Ledger ledger;
    private final String className;
    private final String path;
    private final Map<String, Integer> types = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final List<String> order = new ArrayList<>();
    private final Map<String, WmiVariant> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private boolean closed;
    private final List<String> puts = new ArrayList<>();

    FakeWbemObject(Ledger ledger, String className, String path) {
        this.ledger = ledger;
        this.className = className;
        this.path = path;
        ledger.opened();
    }

    /** Declares a property (as a class definition or parameter signature would). */
    FakeWbemObject declare(String name, int cimtype) {
        types.put(name, cimtype);
        order.add(name);
        values.put(name, WmiVariant.NULL);
        return this;
    }

    /** Declares and sets, bypassing Put's checks (what WMI hands back may use other VTs). */
    FakeWbemObject with(String name, int cimtype, WmiVariant value) {
        declare(name, cimtype);
        values.put(name, value);
        return this;
    }

    /** A new instance with the same declarations and values (SpawnInstance / Clone). */
    FakeWbemObject copy(String newPath) {
        return copy(ledger, newPath);
    }

    /** A copy counted in another ledger (fixtures live in one, what the transport receives in another). */
    FakeWbemObject copy(Ledger into, String newPath) {
        FakeWbemObject c = new FakeWbemObject(into, className, newPath);
        for (String n : order) c.with(n, types.get(n), copyOf(values.get(n)));
        return c;
    }

    private WmiVariant copyOf(WmiVariant v) {
        if (v.isNull()) return v;
        if (v.isArray() && v.elementVt() == Vt.UNKNOWN) {
            List<Object> l = new ArrayList<>();
            for (Object o : v.asList()) l.add(((FakeWbemObject) o).copy(ledger, null));
            return WmiVariant.array(Vt.UNKNOWN, l);
        }
        if (v.vt() == Vt.UNKNOWN) return WmiVariant.of(Vt.UNKNOWN, ((FakeWbemObject) v.value()).copy(ledger, null));
        return v;
    }

    private void check(String op) {
        if (closed) ledger.misuse(op + " on released " + className);
    }

    boolean isClosed() {
        return closed;
    }

    /** The stored VARIANT, without handing out references (for assertions). */
    WmiVariant peek(String name) {
        return values.get(name);
    }

    @Override
    public String className() {
        check("className");
        return className;
    }

    @Override
    public String path() {
        check("path");
        return path;
    }

    @Override
    public List<String> propertyNames() {
        check("propertyNames");
        return List.copyOf(order);
    }

    @Override
    public int cimType(String name) {
        check("cimType");
        Integer t = types.get(name);
        return t == null ? -1 : t;
    }

    @Override
    public WmiVariant get(String name) {
        check("get");
        if (!types.containsKey(name)) throw new ComFailure(0x80041002L, "IWbemClassObject::Get(" + name + ")");
        return copyOf(values.get(name));
    }

    @Override
    public void put(String name, WmiVariant value) {
        check("put");
        Integer t = types.get(name);
        if (t == null) throw new ComFailure(0x80041002L, "IWbemClassObject::Put(" + name + ")");
        if (!value.isNull()) {
            int expected = CimTypeCode.variantType(CimTypeCode.type(t)) | (CimTypeCode.isArray(t) ? Vt.ARRAY : 0);
            if (value.vt() != expected) throw new ComFailure(0x80041005L, "Put(" + name + ") with " + Vt.name(value.vt()) + ", expected " + Vt.name(expected));
        }
        values.put(name, copyOf(value));
        puts.add(name);
    }

    /** Names passed to Put that it accepted, in order. */
    List<String> puts() {
        return List.copyOf(puts);
    }

    @Override
    public void close() {
        if (closed) {
            ledger.misuse("double release of " + className);
            return;
        }
        closed = true;
        for (WmiVariant v : values.values()) WmiValues.release(v);
        ledger.closed();
    }

    Map<String, WmiVariant> snapshot() {
        return new LinkedHashMap<>(values);
    }
}
