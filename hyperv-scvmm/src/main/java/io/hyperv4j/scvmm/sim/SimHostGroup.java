package io.hyperv4j.scvmm.sim;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeMap;

/**
 * A host group (the array's LU mapping, Windows' masking set): its LUs are shown, each with a host
 * LUN number, to its initiators through its target ports.
 */
public final class SimHostGroup {
    final String name;
    String friendlyName;
    int hostType;
    final Set<String> ports = new LinkedHashSet<>();
    final Set<String> initiators = new LinkedHashSet<>();
    /** Host LUN number to LU number. */
    final TreeMap<Integer, Integer> lus = new TreeMap<>();

    SimHostGroup(String name, String friendlyName, int hostType) {
        this.name = name;
        this.friendlyName = friendlyName;
        this.hostType = hostType;
    }

    public String name() { return name; }
    public String friendlyName() { return friendlyName; }
    public int hostType() { return hostType; }
    public Set<String> ports() { return java.util.Collections.unmodifiableSet(ports); }
    public Set<String> initiators() { return java.util.Collections.unmodifiableSet(initiators); }
    public java.util.SortedMap<Integer, Integer> lus() { return java.util.Collections.unmodifiableSortedMap(lus); }

    Integer hostLunOf(int lu) {
        for (var e : lus.entrySet()) if (e.getValue() == lu) return e.getKey();
        return null;
    }
}
