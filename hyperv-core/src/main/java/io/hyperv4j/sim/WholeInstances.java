package io.hyperv4j.sim;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.schema.CimPropertyDef;
import io.hyperv4j.cim.schema.CimSchema;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Completes the instances providers render the way WMI returns them: an instance carries every
 * property of its class, null where the host has nothing. Providers render what the model knows;
 * this one step, on the way out of the session, adds the typed nulls, so no provider lists the
 * absent properties of its classes by hand and a property added to the schema shows at once.
 * Properties a provider rendered keep their values and order; the nulls follow in schema order.
 */
final class WholeInstances {
    private static final Map<String, Map<String, Optional<List<Map.Entry<String, CimValue>>>>> NULLS = new ConcurrentHashMap<>();

    private WholeInstances() {}

    /** The instance with every property of its class (its namespace's schema); as given for classes the schema lacks or leaves open. */
    static CimInstance complete(CimInstance i) {
        if (i == null || i.path() == null || i.path().namespace() == null) return i;
        List<Map.Entry<String, CimValue>> nulls = nullsOf(i.path().namespace(), i.className());
        return nulls == null ? i : i.withAbsent(nulls);
    }

    /**
     * A projection completed as WMI answers {@code SELECT a, b}: each selected property of the class
     * is there, null where the host has nothing; the properties not selected stay out.
     */
    static CimInstance completeSelected(CimInstance projected, java.util.Collection<String> selected) {
        if (projected == null || projected.path() == null || projected.path().namespace() == null) return projected;
        List<Map.Entry<String, CimValue>> nulls = nullsOf(projected.path().namespace(), projected.className());
        if (nulls == null) return projected;
        CimInstance.Builder b = null;
        for (String name : selected) {
            if (projected.has(name)) continue;
            for (Map.Entry<String, CimValue> n : nulls)
                if (n.getKey().equalsIgnoreCase(name)) {
                    if (b == null) b = projected.toBuilder();
                    b.put(n.getKey(), n.getValue());
                }
        }
        return b == null ? projected : b.build();
    }

    static List<CimInstance> complete(List<CimInstance> all) {
        return all.stream().map(WholeInstances::complete).toList();
    }

    private static List<Map.Entry<String, CimValue>> nullsOf(String namespace, String className) {
        return NULLS.computeIfAbsent(namespace.toLowerCase(java.util.Locale.ROOT), k -> new ConcurrentHashMap<>())
                .computeIfAbsent(className.toLowerCase(java.util.Locale.ROOT), k -> {
                    CimSchema schema = CimSchema.forNamespace(namespace);
                    if (schema.find(className).isEmpty() || schema.isOpen(className)) return Optional.empty();
                    return Optional.of(schema.allProperties(className).stream()
                            .map(p -> Map.entry(p.name(), typedNull(p))).toList());
                }).orElse(null);
    }

    private static CimValue typedNull(CimPropertyDef p) {
        return p.array() ? CimValue.array(p.type(), null) : CimValue.nullOf(p.type());
    }
}
