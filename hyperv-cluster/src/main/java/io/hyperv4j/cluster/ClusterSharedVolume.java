package io.hyperv4j.cluster;

import static io.hyperv4j.cluster.MsCluster.*;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import java.util.List;
import java.util.Map;

/**
 * A Cluster Shared Volume (MSCluster_ClusterSharedVolume): owner node, redirected access, maintenance.
 * A handle holding only the volume's name; thread-safe.
 */
public final class ClusterSharedVolume {
    private final FailoverCluster cluster;
    private final String name;

    ClusterSharedVolume(FailoverCluster cluster, String name) {
        this.cluster = cluster;
        this.name = name;
    }

    /**
     * The volume's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The volume as read now.
     *
     * @return its path, owner node and fault state
     */
    public CsvInfo info() {
        CimInstance i = get(cluster.session(), CSV, name, "cluster shared volume");
        List<CimInstance> owners = cluster.session().associators(path(CSV, name), "MSCluster_ClusterSharedVolumeToNode", NODE);
        return CsvInfo.from(i, owners.isEmpty() ? "" : str(owners.get(0), "Name"));
    }

    /**
     * Moves the volume's ownership (coordinator) to {@code node} (Move-ClusterSharedVolume).
     *
     * @param node the new owner node
     * @return the volume as read afterwards
     * @throws ClusterRefusedException when the cluster refuses the move
     */
    public CsvInfo moveTo(String node) {
        call("MoveToNewHost", Map.of("HostName", CimValue.string(node)), "move of " + name + " to " + node);
        return info();
    }

    /**
     * Turns redirected access on or off (I/O goes through the owner node).
     *
     * @param on whether it is on
     * @return the volume as read afterwards
     */
    public CsvInfo redirectedAccess(boolean on) {
        call(on ? "TurnOnRedirectedAccess" : "TurnOffRedirectedAccess", Map.of(), "redirected access " + (on ? "on" : "off") + " for " + name);
        return info();
    }

    /**
     * Turns maintenance on or off.
     *
     * @param on whether it is on
     * @return the volume as read afterwards
     */
    public CsvInfo maintenance(boolean on) {
        call(on ? "TurnOnMaintenance" : "TurnOffMaintenance", Map.of(), "maintenance " + (on ? "on" : "off") + " for " + name);
        return info();
    }

    private void call(String method, Map<String, CimValue> in, String what) {
        invoke(cluster.session(), path(CSV, name), method, in, what);
    }

    @Override
    public String toString() {
        return "ClusterSharedVolume[" + name + "]";
    }
}
