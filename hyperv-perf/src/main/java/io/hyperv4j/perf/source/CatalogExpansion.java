package io.hyperv4j.perf.source;

import io.hyperv4j.perf.CounterCatalog;
import io.hyperv4j.perf.CounterDefinition;
import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.CounterSetDefinition;
import io.hyperv4j.perf.UnknownCounterSetException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Wildcard expansion shared by the sources: objects and counters from a catalog, instances from
 * whatever the host reports. Unknown names fail; a pattern that matches no instance yields nothing.
 * Stateless and thread-safe.
 */
public final class CatalogExpansion {
    private CatalogExpansion() {
    }

    /**
     * The concrete counters {@code path} names: a wildcard object or counter matches the catalog's
     * sets and (non-base) counters, a wildcard or given instance matches the instances the host reports.
     *
     * @param host           the host name to put in every expanded path
     * @param path           the path, possibly with wildcards
     * @param catalog        the sets and counters the host offers
     * @param instancesOfSet the instances that exist now, by set name (called for multi-instance sets only)
     * @return the concrete counters, empty when no instance matches
     * @throws io.hyperv4j.perf.UnknownCounterSetException when a named set or counter does not exist, or
     *         a multi-instance set is named without an instance
     */
    public static List<CounterDescriptor> expand(String host, CounterPath path, CounterCatalog catalog,
                                                 Function<String, List<String>> instancesOfSet) {
        List<CounterSetDefinition> sets = path.object().contains("*") ? catalog.matching(path.object())
                : List.of(catalog.require(path.object()));
        List<CounterDescriptor> out = new ArrayList<>();
        for (CounterSetDefinition set : sets) {
            List<CounterDefinition> counters = path.counter().contains("*")
                    ? set.counters().stream().filter(c -> !c.type().isBase() && matchesName(path.counter(), c.name())).toList()
                    : List.of(set.counter(path.counter()).orElseThrow(() -> new UnknownCounterSetException(
                    "counter in set '" + set.name() + "'", path.counter(), List.of())));
            if (!set.multiInstance()) {
                if (path.instance() != null && !path.instance().equals("*")) continue;
                for (CounterDefinition c : counters) {
                    out.add(new CounterDescriptor(new CounterPath(host, set.name(), null, null, -1, c.name()), c.type()));
                }
                continue;
            }
            if (path.instance() == null) {
                if (!path.object().contains("*")) {
                    throw new UnknownCounterSetException("instance for multi-instance set '" + set.name() + "' (give one, or *) in", path.toString(), List.of());
                }
                continue;
            }
            for (String instance : instancesOfSet.apply(set.name())) {
                CounterPath concrete = new CounterPath(host, set.name(), null, instance, -1, "x");
                CounterPath probe = new CounterPath(null, set.name(), path.parent(), path.instance(), path.index(), "x");
                if (!probe.matches(concrete)) continue;
                for (CounterDefinition c : counters) out.add(new CounterDescriptor(concrete.withCounter(c.name()), c.type()));
            }
        }
        return out;
    }

    private static boolean matchesName(String pattern, String name) {
        return new CounterPath(null, "o", null, null, -1, pattern).matches(new CounterPath(null, "o", null, null, -1, name));
    }
}
