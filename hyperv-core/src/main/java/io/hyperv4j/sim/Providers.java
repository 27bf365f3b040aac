package io.hyperv4j.sim;

import io.hyperv4j.cim.schema.CimSchema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** The providers of one lab, by namespace and by class. */
public final class Providers {
    private final List<SimProvider> all = new ArrayList<>();
    private final Map<String, Map<String, SimProvider>> byClass = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    /** {@link #classesOf} by namespace and class: the providers and schemas never change, so once is enough. */
    private final Map<String, List<String>> classesOf = new ConcurrentHashMap<>();

    Providers(Iterable<SimProvider> found) {
        for (SimProvider p : found) {
            all.add(p);
            Map<String, SimProvider> classes = byClass.computeIfAbsent(p.namespace(), k -> new TreeMap<>(String.CASE_INSENSITIVE_ORDER));
            for (String c : p.classNames()) {
                SimProvider prev = classes.putIfAbsent(c, p);
                if (prev != null)
                    throw new IllegalStateException(c + " in " + p.namespace() + " is served by both "
                            + prev.getClass().getName() + " and " + p.getClass().getName());
            }
        }
    }

    public List<SimProvider> all() {
        return Collections.unmodifiableList(all);
    }

    public boolean servesNamespace(String namespace) {
        return byClass.containsKey(namespace);
    }

    /** The provider of a concrete class, or null. */
    public SimProvider forClass(String namespace, String className) {
        Map<String, SimProvider> m = byClass.get(namespace);
        return m == null ? null : m.get(className);
    }

    /** Every concrete class served in the namespace. */
    public Set<String> classes(String namespace) {
        Map<String, SimProvider> m = byClass.get(namespace);
        Set<String> s = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        if (m != null) s.addAll(m.keySet());
        return s;
    }

    /**
     * The concrete classes served in the namespace that are {@code className} or derive from it,
     * worked out once per class: a query then visits only those, not every class of the schema.
     *
     * @param namespace the namespace
     * @param className the class a query names
     * @param schema    the namespace's schema
     * @return the classes, in name order
     */
    public List<String> classesOf(String namespace, String className, CimSchema schema) {
        String key = namespace.toLowerCase(Locale.ROOT) + ':' + className.toLowerCase(Locale.ROOT);
        return classesOf.computeIfAbsent(key, k -> classes(namespace).stream().filter(c -> schema.isA(c, className)).toList());
    }

    public Set<String> namespaces() {
        return Collections.unmodifiableSet(byClass.keySet());
    }
}
