package io.hyperv4j.sim.v2;

import io.hyperv4j.cim.CimValue;
import io.hyperv4j.sim.Lab;
import java.util.Map;
import java.util.TreeMap;
import java.util.WeakHashMap;

/**
 * Per lab and per key (a VM's id, a host's name; keys compare ignoring case), the properties a
 * method changed on an instance the simulator renders from its model: {@link SystemSettings},
 * {@link ServiceSettings}. Thread-safe; copies go in and out.
 */
final class PropertyStore {
    private final Map<Lab, Map<String, Map<String, CimValue>>> byLab = new WeakHashMap<>();

    /** The properties changed for {@code key}, empty when none. */
    synchronized Map<String, CimValue> get(Lab lab, String key) {
        Map<String, Map<String, CimValue>> m = byLab.get(lab);
        Map<String, CimValue> v = m == null ? null : m.get(key);
        return v == null ? Map.of() : Map.copyOf(v);
    }

    /** Adds (or overwrites) changed properties. */
    synchronized void putAll(Lab lab, String key, Map<String, CimValue> props) {
        byLab.computeIfAbsent(lab, l -> keyed()).computeIfAbsent(key, k -> new java.util.LinkedHashMap<>()).putAll(props);
    }

    /** Sets the changed properties to exactly {@code props}. */
    synchronized void replace(Lab lab, String key, Map<String, CimValue> props) {
        byLab.computeIfAbsent(lab, l -> keyed()).put(key, new java.util.LinkedHashMap<>(props));
    }

    synchronized void remove(Lab lab, String key) {
        Map<String, Map<String, CimValue>> m = byLab.get(lab);
        if (m != null) m.remove(key);
    }

    /** Every key's changed properties, in key order. */
    synchronized Map<String, Map<String, CimValue>> all(Lab lab) {
        Map<String, Map<String, CimValue>> out = keyed();
        byLab.getOrDefault(lab, Map.of()).forEach((k, v) -> out.put(k, Map.copyOf(v)));
        return out;
    }

    /** Replaces the lab's properties with what a lab file held. */
    synchronized void load(Lab lab, Map<String, Map<String, CimValue>> all) {
        Map<String, Map<String, CimValue>> m = keyed();
        all.forEach((k, v) -> m.put(k, new java.util.LinkedHashMap<>(v)));
        byLab.put(lab, m);
    }

    private static Map<String, Map<String, CimValue>> keyed() {
        return new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    }
}
