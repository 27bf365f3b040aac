package io.hyperv4j.cluster.sim;

import static io.hyperv4j.cluster.sim.ClusterRenderer.*;

import com.fasterxml.jackson.databind.node.ObjectNode;
import static io.hyperv4j.cluster.sim.ClusterError.*;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.HostScope;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimProvider;
import io.hyperv4j.sim.Txn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Serves root\MSCluster from the lab's clusters. A node's session sees its whole cluster (as on
 * Windows, where any node answers for the cluster); a host in no cluster sees no instances.
 * Methods return nothing, as documented; refusals are WBEM errors ({@link RefusedCall}).
 * Moves (MoveToNewNode, MoveToNewNodeEx) return once started, MoveToNewNode after waiting up to its
 * TimeOut for the move to end; the group's OwnerNode and State show the outcome, and the Virtual
 * Machine resource shows progress.
 */
public final class MsClusterProvider implements SimProvider {
    /** MoveToNewNodeEx Parameters.MigrationType values, as os-win passes them (4 = live). */
    public static final long MIGRATION_TYPE_QUICK = 1, MIGRATION_TYPE_LIVE = 4;

    private static final Set<String> ASSOCIATIONS = Set.of("MSCluster_ClusterToNode", "MSCluster_ClusterToNetwork",
            "MSCluster_ClusterToResourceGroup", "MSCluster_ClusterToResource", "MSCluster_NodeToActiveGroup",
            "MSCluster_NodeToActiveResource", "MSCluster_ResourceGroupToResource", "MSCluster_ResourceToDependentResource",
            "MSCluster_ClusterToClusterSharedVolume", "MSCluster_ClusterSharedVolumeToResource",
            "MSCluster_ClusterSharedVolumeToNode", "MSCluster_ResourceGroupToPreferredNode", "MSCluster_ResourceToPossibleOwner");

    private ClusterEngine engine;
    private ClusterRenderer renderer;

    @Override
    public String namespace() {
        return NS;
    }

    @Override
    public Set<String> classNames() {
        Set<String> s = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        s.addAll(List.of(CLUSTER, NODE, GROUP, RESOURCE, CSV, NETWORK, PARTITION));
        s.addAll(ASSOCIATIONS);
        return s;
    }

    @Override
    public void attach(Lab lab) {
        engine = new ClusterEngine(lab);
        renderer = new ClusterRenderer(engine);
    }

    ClusterEngine engine() {
        return engine;
    }

    @Override
    public List<CimInstance> instances(HostScope scope, String className) {
        SimCluster c = engine.clusterOf(scope.host().name());
        if (c == null) return List.of();
        String server = scope.host().name();
        List<CimInstance> out = new ArrayList<>();
        switch (className) {
            case CLUSTER -> out.add(renderer.cluster(c, server));
            case NODE -> c.nodes.values().forEach(n -> out.add(renderer.node(n, server)));
            case GROUP -> {
                out.add(renderer.coreGroup(c, server));
                c.groups.values().forEach(g -> out.add(renderer.group(g, server)));
            }
            case RESOURCE -> out.addAll(renderer.resources(c, server, scope.now()));
            case CSV -> c.disks.values().stream().filter(SimDisk::isCsv).forEach(d -> out.add(renderer.csv(d, server)));
            case NETWORK -> c.networks.values().forEach(n -> out.add(renderer.network(n, server)));
            case PARTITION -> c.disks.values().forEach(d -> out.add(renderer.partition(d, server)));
            default -> {
                for (CimInstance a : renderer.associations(c, server, scope.now()))
                    if (a.className().equalsIgnoreCase(className)) out.add(a);
            }
        }
        return out;
    }

    @Override
    public CimInstance instance(HostScope scope, ObjectPath path) {
        for (CimInstance i : instances(scope, canonical(path.className())))
            if (samePath(i.path(), path)) return i;
        return null;
    }

    @Override
    public List<CimInstance> referencesTo(HostScope scope, ObjectPath path) {
        SimCluster c = engine.clusterOf(scope.host().name());
        if (c == null) return List.of();
        List<CimInstance> out = new ArrayList<>();
        for (CimInstance a : renderer.associations(c, scope.host().name(), scope.now()))
            for (CimValue v : a.properties().values())
                if (v.type() == io.hyperv4j.cim.CimType.REFERENCE && !v.isNull() && samePath(v.asPath(), path)) {
                    out.add(a);
                    break;
                }
        return out;
    }

    private String canonical(String cls) {
        for (String c : classNames()) if (c.equalsIgnoreCase(cls)) return c;
        return cls;
    }

    static boolean samePath(ObjectPath a, ObjectPath b) {
        return a.className().equalsIgnoreCase(b.className()) && a.withServer(null).relative().equals(b.withServer(null).relative());
    }

    @Override
    public List<CimInstance> render(Lab lab, Object entity, Instant now) {
        SimCluster c = entity instanceof SimCluster x ? x
                : entity instanceof SimNode n ? n.cluster
                : entity instanceof SimGroup g ? g.owner.cluster
                : entity instanceof SimDisk d ? clusterOfDisk(d)
                : entity instanceof SimNetwork n ? clusterOfNetwork(n) : null;
        if (c == null) return List.of();
        List<CimInstance> out = new ArrayList<>();
        for (SimNode server : c.nodes.values()) {
            String s = server.name;
            if (entity instanceof SimCluster x) out.add(renderer.cluster(x, s));
            else if (entity instanceof SimNode n) out.add(renderer.node(n, s));
            else if (entity instanceof SimGroup g) {
                if (c.groups.get(g.name) != g) continue; // removed: nothing shown
                out.add(renderer.group(g, s));
                out.addAll(renderer.vmResources(c, g, s, now));
            } else if (entity instanceof SimDisk d) {
                out.add(renderer.disk(c, d, s));
                if (d.isCsv()) out.add(renderer.csv(d, s));
            } else if (entity instanceof SimNetwork n) out.add(renderer.network(n, s));
        }
        return out;
    }

    private SimCluster clusterOfDisk(SimDisk d) {
        for (SimCluster c : engine.clusters.values()) if (c.disks.get(d.name) == d) return c;
        return null;
    }

    private SimCluster clusterOfNetwork(SimNetwork n) {
        for (SimCluster c : engine.clusters.values()) if (c.networks.get(n.name) == n) return c;
        return null;
    }

    // ---- methods ----

    @Override
    public MethodResult invoke(Txn txn, HostScope scope, ObjectPath target, String method, Map<String, CimValue> in) {
        SimCluster c = engine.clusterOf(scope.host().name());
        if (c == null) throw new CimException(CimError.NOT_FOUND, scope.host().name() + " is not a node of a cluster");
        String cls = canonical(target.className());
        String name = String.valueOf(target.key("Name"));
        String m = method.toLowerCase(java.util.Locale.ROOT);
        switch (cls) {
            case CLUSTER -> {
                switch (m) {
                    case "addvirtualmachine" -> engine.roles().addVirtualMachine(txn, c, str(in, "VirtualMachine"));
                    case "addresourcetoclustersharedvolumes" -> engine.storage().addToCsv(txn, c, str(in, "Resource"));
                    default -> throw unsupported(cls, method);
                }
            }
            case NODE -> {
                SimNode n = c.node(name);
                switch (m) {
                    case "pause" -> engine.drains().pause(txn, c, n, (int) num(in, "DrainType", 0), str(in, "TargetNode"));
                    case "resume" -> engine.drains().resume(txn, c, n, (int) num(in, "FailbackType", 0));
                    case "willofflinelosequorum", "willevictlosequorum" -> {
                        long up = c.nodes.values().stream().filter(SimNode::isUpOrPaused).count() - (n.isUpOrPaused() ? 1 : 0);
                        return new MethodResult(up * 2 <= c.nodes.size() ? 1 : 0, Map.of());
                    }
                    default -> throw unsupported(cls, method);
                }
            }
            case GROUP -> {
                if (name.equalsIgnoreCase(CORE_GROUP))
                    throw ClusterEngine.refusal(ERROR_CLUSTER_INVALID_REQUEST, "the core cluster group is managed by the cluster itself");
                SimGroup g = c.group(name);
                switch (m) {
                    case "movetonewnode" -> {
                        engine.moves().move(txn, c, g, str(in, "NodeName"), SimMigration.Kind.QUICK, Optional.empty(), false);
                        // TimeOut: "the length of time, in seconds that the method should wait for the resource to move"
                        long wait = num(in, "TimeOut", 0);
                        if (wait > 0) txn.waitAfterCommit(Duration.ofSeconds(wait), () -> g.migration == null);
                    }
                    case "movetonewnodeex" -> moveEx(txn, c, g, in);
                    case "canceloperation" -> engine.moves().cancel(txn, g);
                    case "bringonline" -> engine.roles().online(txn, g, true);
                    case "takeoffline" -> engine.roles().online(txn, g, false);
                    case "destroygroup" -> engine.roles().destroyGroup(txn, c, g);
                    case "setpreferredowners" -> engine.roles().setPreferredOwners(txn, c, g, strings(in, "NodeNames"));
                    case "getpreferredowners" -> {
                        return new MethodResult(0, Map.of("NodeNames", CimValue.strings(g.preferredOwners())));
                    }
                    default -> throw unsupported(cls, method);
                }
            }
            case RESOURCE -> {
                SimGroup g = groupOfResource(c, name);
                if (g == null) throw ClusterEngine.refusal(ERROR_CLUSTER_INVALID_REQUEST, "'" + name + "' is not a virtual machine resource");
                switch (m) {
                    case "updatevirtualmachine" -> engine.roles().updateVirtualMachine(txn, g);
                    case "migratevirtualmachine" -> engine.roles().migrateStorage(txn, c, g, str(in, "ConfigurationDestinationPath"));
                    case "addpossibleowner" -> engine.roles().possibleOwner(txn, c, g, str(in, "NodeName"), true);
                    case "removepossibleowner" -> engine.roles().possibleOwner(txn, c, g, str(in, "NodeName"), false);
                    case "getpossibleowners" -> {
                        return new MethodResult(0, Map.of("NodeNames", CimValue.strings(g.possibleOwners())));
                    }
                    case "bringonline" -> engine.roles().online(txn, g, true);
                    case "takeoffline" -> engine.roles().online(txn, g, false);
                    default -> throw unsupported(cls, method);
                }
            }
            case CSV -> {
                SimDisk d = c.disk(name);
                switch (m) {
                    case "movetonewhost" -> engine.storage().moveCsv(txn, c, d, str(in, "HostName"));
                    case "turnonredirectedaccess" -> engine.storage().redirect(txn, d, true);
                    case "turnoffredirectedaccess" -> engine.storage().redirect(txn, d, false);
                    case "turnonmaintenance" -> engine.storage().maintenance(txn, d, true);
                    case "turnoffmaintenance" -> engine.storage().maintenance(txn, d, false);
                    default -> throw unsupported(cls, method);
                }
            }
            default -> throw unsupported(cls, method);
        }
        return new MethodResult(0, Map.of());
    }

    /** MoveToNewNodeEx: Parameters.MigrationType 4 live, else quick; MaximumBlackoutMs cancels a live move whose pause would be longer. */
    private void moveEx(Txn txn, SimCluster c, SimGroup g, Map<String, CimValue> in) {
        CimInstance params = value(in, "Parameters").map(CimValue::asInstance).orElse(null);
        long type = params == null ? MIGRATION_TYPE_LIVE : params.numberOr("MigrationType", MIGRATION_TYPE_LIVE);
        Optional<Duration> limit = params == null ? Optional.empty()
                : params.find("MaximumBlackoutMs").filter(v -> !v.isNull()).map(v -> Duration.ofMillis(params.numberOr("MaximumBlackoutMs", 0)));
        if (limit.isPresent() && (limit.get().isZero() || limit.get().isNegative()))
            throw ClusterEngine.refusal(ClusterError.ERROR_CLUSTER_PARAMETER_OUT_OF_BOUNDS, "MaximumBlackoutMs must be above 0: " + limit.get().toMillis());
        SimMigration.Kind kind = type == MIGRATION_TYPE_LIVE ? SimMigration.Kind.LIVE : SimMigration.Kind.QUICK;
        engine.moves().move(txn, c, g, str(in, "NodeName"), kind, limit, false);
    }

    private static SimGroup groupOfResource(SimCluster c, String resource) {
        for (SimGroup g : c.groups.values())
            for (String id : g.vmIds())
                if (g.vmResourceName(id).equalsIgnoreCase(resource) || g.configResourceName(id).equalsIgnoreCase(resource)) return g;
        return null;
    }

    // ---- PutInstance ----

    @Override
    public void modify(Txn txn, HostScope scope, CimInstance i) {
        SimCluster c = engine.clusterOf(scope.host().name());
        String name = String.valueOf(i.path().key("Name"));
        switch (canonical(i.className())) {
            case NETWORK -> {
                SimNetwork n = c.network(name);
                long metric = i.longOr("Metric", n.metric);
                if (metric != n.metric) engine.networks().networkMetric(txn, n, metric);
                if (i.find("Role").isPresent()) {
                    long role = i.getLong("Role");
                    if (role != 0 && role != 1 && role != 3)
                        throw ClusterEngine.refusal(ERROR_CLUSTER_PARAMETER_OUT_OF_BOUNDS, "Role " + role + " is not 0, 1 or 3");
                    txn.touch(n);
                    n.role = (int) role;
                }
            }
            case GROUP -> {
                SimGroup g = c.group(name);
                if (g == null) throw ClusterEngine.refusal(ERROR_CLUSTER_INVALID_REQUEST, "the core group cannot be changed here");
                long threshold = value(i, "FailoverThreshold", g.failoverThreshold);
                long period = value(i, "FailoverPeriod", g.failoverPeriodHours);
                long failback = value(i, "AutoFailbackType", g.autoFailbackType);
                if (period < 1 || period > 1193) throw ClusterEngine.refusal(ERROR_CLUSTER_PARAMETER_OUT_OF_BOUNDS, "FailoverPeriod must be 1..1193 hours");
                if (failback < 0 || failback > 1) throw ClusterEngine.refusal(ERROR_CLUSTER_PARAMETER_OUT_OF_BOUNDS, "AutoFailbackType must be 0 or 1");
                txn.touch(g);
                g.failoverThreshold = threshold;
                g.failoverPeriodHours = period;
                g.autoFailbackType = (int) failback;
            }
            case RESOURCE -> {
                SimGroup g = groupOfResource(c, name);
                CimInstance priv = i.find("PrivateProperties").map(CimValue::asInstance).orElse(null);
                boolean policy = i.find("RestartAction").isPresent() || i.find("RestartThreshold").isPresent() || i.find("RestartPeriod").isPresent();
                if (g == null || (priv == null && !policy))
                    throw new CimException(CimError.NOT_SUPPORTED, "only the restart policy and private properties of virtual machine resources can be changed");
                if (policy) {
                    long action = value(i, "RestartAction", g.restartAction);
                    if (action < 0 || action > 2) throw ClusterEngine.refusal(ERROR_CLUSTER_PARAMETER_OUT_OF_BOUNDS, "RestartAction " + action + " is not 0, 1 or 2");
                    txn.touch(g);
                    g.restartAction = (int) action;
                    g.restartThreshold = value(i, "RestartThreshold", g.restartThreshold);
                    g.restartPeriodMs = value(i, "RestartPeriod", g.restartPeriodMs);
                }
                if (priv == null) return;
                if (priv.has("MigrationNetworkOrder")) {
                    List<String> order = new ArrayList<>();
                    for (Object o : priv.get("MigrationNetworkOrder").asList()) order.add(String.valueOf(o));
                    engine.networks().migrationNetworks(txn, c, order);
                }
            }
            case CLUSTER -> {
                if (i.find("EnableSharedVolumes").isPresent())
                    engine.storage().enableCsv(txn, c, i.getLong("EnableSharedVolumes") != 0);
            }
            default -> throw new CimException(CimError.NOT_SUPPORTED, i.className() + " instances cannot be modified");
        }
    }

    private static long value(CimInstance i, String prop, long current) {
        return i.longOr(prop, current);
    }

    /** A method parameter's value; empty when not passed or null. */
    private static Optional<CimValue> value(Map<String, CimValue> in, String name) {
        return Optional.ofNullable(in.get(name)).filter(v -> !v.isNull());
    }

    private static String str(Map<String, CimValue> in, String name) {
        return value(in, name).map(CimValue::asString).orElse(null);
    }

    private static long num(Map<String, CimValue> in, String name, long dflt) {
        return value(in, name).map(CimValue::asLong).orElse(dflt);
    }

    private static List<String> strings(Map<String, CimValue> in, String name) {
        return value(in, name).map(v -> v.asList().stream().map(String::valueOf).toList()).orElse(List.of());
    }

    private static CimException unsupported(String cls, String method) {
        return new CimException(CimError.NOT_SUPPORTED, cls + "." + method + " is not supported by the simulator");
    }

    // ---- persistence ----

    @Override
    public void save(Lab lab, ObjectNode into) {
        ClusterLabFile.save(engine, into);
    }

    @Override
    public void load(Lab lab, io.hyperv4j.sim.LabJson from) {
        ClusterLabSchema.check(from);
        ClusterLabFile.load(engine, from.node());
    }
}
