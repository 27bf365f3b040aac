package io.hyperv4j.wmi;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Converts IWbemClassObjects to {@link CimInstance}s and back. */
final class WmiObjects {
    private WmiObjects() {}

    /**
     * The instance an object holds: class, full path (from {@code __PATH}, absent for embedded
     * instances) and every non-system property with its declared type. Does not close {@code o}
     * itself unless it came out of a VARIANT (then {@link WmiValues#toCim} closes it).
     */
    public static CimInstance toInstance(WbemObject o) {
        CimInstance.Builder b = CimInstance.builder(o.className());
        String path = o.path();
        if (path != null && !path.isEmpty()) b.path(ObjectPath.parse(path));
        for (String name : o.propertyNames()) {
            WmiVariant v = o.get(name); // reads the CIMTYPE along with the value; cimType() then answers from it
            int type;
            try {
                type = o.cimType(name);
            } catch (RuntimeException e) {
                WmiValues.release(v);
                throw e;
            }
            b.put(name, WmiValues.toCim(v, type, name));
        }
        return b.build();
    }

    /**
     * The instance with every reference property that names no namespace (WMI may return REF values
     * relative to the namespace they came from) completed with {@code namespace}, so the paths can be
     * used with the session as they are.
     */
    public static CimInstance qualify(CimInstance instance, String namespace) {
        CimInstance.Builder b = null;
        for (Map.Entry<String, CimValue> e : instance.properties().entrySet()) {
            CimValue q = qualify(e.getValue(), namespace);
            if (q != e.getValue()) {
                if (b == null) b = instance.toBuilder();
                b.put(e.getKey(), q);
            }
        }
        return b == null ? instance : b.build();
    }

    /** A reference value (scalar or array) with relative paths placed in {@code namespace}; other values unchanged. */
    public static CimValue qualify(CimValue value, String namespace) {
        if (value.type() != io.hyperv4j.cim.CimType.REFERENCE || value.isNull()) return value;
        if (!value.array()) {
            ObjectPath p = value.asPath();
            return p.namespace() != null ? value : CimValue.ref(new ObjectPath(p.server(), namespace, p.className(), p.keys()));
        }
        boolean relative = value.asList().stream().anyMatch(o -> ((ObjectPath) o).namespace() == null);
        if (!relative) return value;
        return CimValue.array(io.hyperv4j.cim.CimType.REFERENCE, value.asList().stream().map(o -> {
            ObjectPath p = (ObjectPath) o;
            return p.namespace() != null ? p : new ObjectPath(p.server(), namespace, p.className(), p.keys());
        }).toList());
    }

    /** Same as {@link #toInstance} and then closes the object. */
    public static CimInstance toInstanceAndClose(WbemObject o) {
        try {
            return toInstance(o);
        } finally {
            o.close();
        }
    }

    /**
     * A new IWbemClassObject of the instance's class with its properties set; every property must
     * exist in the class. The caller closes the result.
     */
    public static WbemObject toWbem(CimInstance instance, WmiValues.Spawner spawner) {
        WbemObject o = spawner.spawn(instance.className());
        try {
            fill(o, instance.properties(), spawner, "class " + instance.className(), CimError.INVALID_PROPERTY);
            return o;
        } catch (RuntimeException e) {
            o.close();
            throw e;
        }
    }

    /**
     * Puts each value into {@code target} with the type {@code target} declares for it. Every name
     * is checked and every value converted before the first Put, so a refusal leaves {@code target}
     * untouched.
     * @param owner "class X" or "method M of X", for error messages
     * @param unknown the error for a name {@code target} does not declare
     */
    public static void fill(WbemObject target, Map<String, CimValue> values, WmiValues.Spawner spawner, String owner, CimError unknown) {
        for (String name : values.keySet()) {
            if (target.cimType(name) < 0)
                throw new CimException(unknown, owner + " has no " + (unknown == CimError.INVALID_PROPERTY ? "property" : "parameter")
                        + " '" + name + "'; it has " + target.propertyNames());
        }
        Map<String, WmiVariant> converted = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, CimValue> e : values.entrySet())
                converted.put(e.getKey(), WmiValues.toVariant(e.getValue(), target.cimType(e.getKey()), e.getKey(), spawner));
            converted.forEach(target::put);
        } finally {
            converted.values().forEach(WmiValues::release);
        }
    }

    /**
     * The properties of {@code wanted} to put into {@code current} (the stored instance, as just read)
     * for an update: every property except the keys, which must keep their current values. Key names
     * come from {@code current}'s {@code __PATH} (or {@code path} when it has none).
     * @throws CimException WBEM_E_INVALID_PARAMETER naming a key whose value differs (WMI would treat
     *         it as another instance), before anything is put
     */
    public static Map<String, CimValue> updates(WbemObject current, CimInstance wanted, ObjectPath path, String namespace) {
        String stored = current.path();
        Set<String> keys = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        keys.addAll((stored == null || stored.isEmpty() ? path : ObjectPath.parse(stored)).keys().keySet());
        Map<String, CimValue> out = new LinkedHashMap<>();
        for (Map.Entry<String, CimValue> e : wanted.properties().entrySet()) {
            String name = e.getKey();
            if (!keys.contains(name) || current.cimType(name) < 0) {
                out.put(name, e.getValue()); // unknown names are refused by fill, with the list of real ones
                continue;
            }
            CimValue now = qualify(WmiValues.toCim(current.get(name), current.cimType(name), name), namespace);
            if (!sameValue(now, e.getValue()))
                throw new CimException(CimError.INVALID_PARAMETER, "key property " + name + " of " + path.relative()
                        + " cannot be changed (from " + now + " to " + e.getValue() + "); a different key names another instance");
        }
        return out;
    }

    /** Equal values, integers compared by value whatever their CIM type. */
    static boolean sameValue(CimValue a, CimValue b) {
        if (a.equals(b)) return true;
        if (a.isNull() || b.isNull() || a.array() || b.array()) return false;
        return a.type().isInteger() && b.type().isInteger() && a.asLong() == b.asLong();
    }
}
