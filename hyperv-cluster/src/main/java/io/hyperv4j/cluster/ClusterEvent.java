package io.hyperv4j.cluster;

import io.hyperv4j.cim.CimInstance;

/**
 * A change of a cluster object: a role's owner or state, a resource's state, a CSV's fault state,
 * a node's state. {@code before} is null for objects that just appeared.
 *
 * @param kind     GROUP, RESOURCE, SHARED_VOLUME, NODE or NETWORK
 * @param name     the object's name
 * @param property the property that changed (OwnerNode, State, FaultState, ...)
 */
public record ClusterEvent(Kind kind, String name, String property, String before, String after) {
    public enum Kind { GROUP, RESOURCE, SHARED_VOLUME, NODE, NETWORK }

    static Kind kindOf(String className) {
        return switch (className.toLowerCase(java.util.Locale.ROOT)) {
            case "mscluster_resourcegroup" -> Kind.GROUP;
            case "mscluster_resource" -> Kind.RESOURCE;
            case "mscluster_clustersharedvolume" -> Kind.SHARED_VOLUME;
            case "mscluster_node" -> Kind.NODE;
            default -> Kind.NETWORK;
        };
    }

    static String value(CimInstance i, String p) {
        return i == null ? null : i.find(p).map(v -> String.valueOf(v.value())).orElse(null);
    }
}
