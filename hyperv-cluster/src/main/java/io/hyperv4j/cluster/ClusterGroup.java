package io.hyperv4j.cluster;

import static io.hyperv4j.cluster.MsCluster.*;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.OperationCancelledException;
import io.hyperv4j.job.Operation;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A cluster role (MSCluster_ResourceGroup), usually a highly available VM. A handle: every call
 * reads or changes the cluster now. Moves are operations that end when the role runs on the
 * target node (or the move was stopped), with a timeout.
 * <p>Thread-safety: thread-safe; it holds only the role's name.
 */
public final class ClusterGroup {
    private final FailoverCluster cluster;
    private final String name;

    ClusterGroup(FailoverCluster cluster, String name) {
        this.cluster = cluster;
        this.name = name;
    }

    /**
     * The role's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    private CimSession s() {
        return cluster.session();
    }

    /**
     * The role as read now.
     *
     * @return the role's state, owner, policy and move in progress
     * @throws io.hyperv4j.NotFoundException when the role no longer exists
     */
    public GroupInfo info() {
        return read(get(s(), GROUP, name, "cluster group"));
    }

    /**
     * The Ids of the role's virtual machines, its own first: one, except on Windows Server 2008 RTM
     * where VMs whose files share a cluster disk share its group and move, fail over and restart together.
     *
     * @return the VmID of each Virtual Machine resource of the group
     */
    public List<String> virtualMachineIds() {
        List<String> out = new java.util.ArrayList<>();
        for (CimInstance r : s().associators(path(GROUP, name), "MSCluster_ResourceGroupToResource", RESOURCE)) {
            CimInstance p = priv(r);
            if (!str(r, "Type").equalsIgnoreCase("Virtual Machine") || p == null) continue;
            if (str(r, "Name").equalsIgnoreCase("Virtual Machine " + name)) out.add(0, str(p, "VmID"));
            else out.add(str(p, "VmID"));
        }
        return out;
    }

    GroupInfo read(CimInstance g) {
        String n = str(g, "Name");
        CimInstance vm = null, cfg = null;
        if (num(g, "GroupType", 0) == GroupInfo.GROUP_TYPE_VIRTUAL_MACHINE) {
            for (CimInstance r : s().associators(path(GROUP, n), "MSCluster_ResourceGroupToResource", RESOURCE)) {
                String type = str(r, "Type");
                // the role's own pair, named after it: on 2008 RTM the VMs sharing its disk add theirs to the group
                boolean own = str(r, "Name").endsWith(" " + n);
                if (type.equalsIgnoreCase("Virtual Machine") && (vm == null || own)) vm = r;
                else if (type.equalsIgnoreCase("Virtual Machine Configuration") && (cfg == null || own)) cfg = r;
            }
        }
        return GroupInfo.from(g, vm, cfg);
    }

    /**
     * Live migration to {@code node}; {@code await()} waits at most the host's operation timeout.
     *
     * @param node the destination node
     * @return the move, yielding the role as it ends
     * @throws ClusterRefusedException when the cluster refuses the move
     */
    public Operation<GroupInfo> liveMigrate(String node) {
        return move(node, MigrationType.LIVE);
    }

    /**
     * Quick migration to {@code node}: the VM is saved, moved and restored.
     *
     * @param node the destination node
     * @return the move, yielding the role as it ends
     * @throws ClusterRefusedException when the cluster refuses the move
     */
    public Operation<GroupInfo> quickMigrate(String node) {
        return move(node, MigrationType.QUICK);
    }

    /**
     * Moves the role to {@code node} (MoveToNewNodeEx with Parameters.MigrationType). Refusals
     * (destination down, not a possible owner, limit reached, ...) are thrown at once as
     * {@link ClusterRefusedException}; nothing was changed.
     *
     * @param node the destination node
     * @param type live or quick
     * @return the move, yielding the role as it ends
     * @throws ClusterRefusedException when the cluster refuses the move
     */
    public Operation<GroupInfo> move(String node, MigrationType type) {
        return start(node, type, null);
    }

    /**
     * As {@link #move(String, MigrationType)}, with a limit on the live migration's final pause: a
     * move whose pause would be longer is stopped before it and the VM keeps running where it was
     * ({@link io.hyperv4j.OperationCancelledException}).
     *
     * @param node          the destination node
     * @param type          live or quick
     * @param blackoutLimit the longest pause the move may cause
     * @return the move, yielding the role as it ends
     * @throws ClusterRefusedException when the cluster refuses the move
     */
    public Operation<GroupInfo> move(String node, MigrationType type, Duration blackoutLimit) {
        if (blackoutLimit == null || blackoutLimit.isNegative() || blackoutLimit.isZero())
            throw new IllegalArgumentException("blackoutLimit must be positive, got " + blackoutLimit);
        return start(node, type, blackoutLimit);
    }

    /** MoveToNewNodeEx, then an operation that ends when the role is on {@code node} (or the move stopped). */
    private Operation<GroupInfo> start(String node, MigrationType type, Duration blackoutLimit) {
        CimInstance.Builder p = CimInstance.builder("MSCluster_Property").put("MigrationType", CimValue.uint32(type.code()));
        if (blackoutLimit != null) p.put("MaximumBlackoutMs", CimValue.uint32(blackoutLimit.toMillis()));
        Map<String, CimValue> in = new LinkedHashMap<>();
        in.put("NodeName", CimValue.string(node));
        in.put("Parameters", CimValue.object(p.build()));
        in.put("Flags", CimValue.uint32(0));
        String what = (type == MigrationType.LIVE ? "live migration" : "quick migration") + " of '" + name + "' to " + node;
        ClusterOperation<GroupInfo> op = watchMove(node, what);
        try {
            invoke(s(), path(GROUP, name), "MoveToNewNodeEx", in, what);
        } catch (RuntimeException e) {
            op.close();
            throw e;
        }
        return op.started();
    }

    /**
     * The move to {@code node} that is already under way (started earlier, by this client or
     * another): it ends as {@link #move} does, at once when the role is no longer moving. This is how
     * a later process follows, waits for or cancels a move it did not start.
     *
     * @param node the node the move goes to
     * @return the move, yielding the role as it ends
     */
    public Operation<GroupInfo> moveInProgress(String node) {
        return watchMove(node, "move of '" + name + "' to " + node).started();
    }

    private ClusterOperation<GroupInfo> watchMove(String node, String what) {
        ClusterOperation<GroupInfo> op = new ClusterOperation<>(s(), what, cluster.operationTimeout(),
                "SELECT * FROM __InstanceModificationEvent WHERE TargetInstance ISA '" + GROUP + "' AND TargetInstance.Name = '"
                        + name.replace("'", "\\'") + "'",
                g -> !isMoving(g),
                () -> get(s(), GROUP, name, "cluster group"),
                g -> settleMove(g, node, what),
                this::migrationProgress,
                this::cancelMigration,
                g -> new ClusterMigrationTimeoutException(what + " did not finish within the timeout; the move was asked to cancel",
                        read(g)));
        op.progressFrom("SELECT * FROM __InstanceModificationEvent WHERE TargetInstance ISA '" + RESOURCE
                + "' AND TargetInstance.Name = '" + ("Virtual Machine " + name).replace("'", "\\'") + "'");
        return op;
    }

    /** MigrationProgress of the VM resource alone: read on every resource event of a move, so not the whole role. */
    private int migrationProgress() {
        CimInstance r;
        try {
            r = s().get(vmResource());
        } catch (CimException e) {
            if (e.error() == CimError.NOT_FOUND) return 0; // not a VM role: no progress to report
            throw e;
        }
        CimInstance p = priv(r);
        return p == null ? 0 : (int) num(p, "MigrationProgress", 0);
    }

    private static boolean isMoving(CimInstance g) {
        String internal = str(g, "InternalState");
        return internal.endsWith("Migrating") || num(g, "State", 0) == GroupState.PENDING.code();
    }

    private GroupInfo settleMove(CimInstance g, String node, String what) {
        GroupInfo now = read(g);
        if (now.ownerNode().equalsIgnoreCase(node) && now.state() == GroupState.ONLINE) return now;
        if (now.ownerNode().equalsIgnoreCase(node) && now.state() == GroupState.OFFLINE) return now;
        // the VM resource's LastOperationStatusCode says why, as a Win32 error; the text is only shown
        String why = now.lastMigrationError();
        long status = now.lastOperationStatus();
        if (status == ClusterRefusal.ERROR_CANCELLED) throw new OperationCancelledException(what + " was cancelled; '" + name
                + "' stays on " + now.ownerNode() + (why.isEmpty() ? "" : " (" + why + ")"));
        throw new ClusterRefusedException(status == 0 ? OptionalInt.empty() : OptionalInt.of((int) status), what + " did not complete: "
                + (why.isEmpty() ? "the role is on " + now.ownerNode() + " (" + now.state() + ")" : why), null);
    }

    /**
     * Stops the move in progress (CancelOperation). False when there is none or it is past the point of no return.
     *
     * @return true when the cluster accepted the cancellation
     */
    public boolean cancelMigration() {
        try {
            invoke(s(), path(GROUP, name), "CancelOperation", Map.of("Flags", CimValue.uint32(0)), "cancel move of '" + name + "'");
            return true;
        } catch (ClusterRefusedException e) {
            return false;
        }
    }

    /**
     * UpdateVirtualMachine on the VM's resource: the cluster reads the VM's configuration again.
     *
     * @return the role as read afterwards
     */
    public GroupInfo refreshConfiguration() {
        invoke(s(), vmResource(), "UpdateVirtualMachine", Map.of(), "refresh of '" + name + "'");
        return info();
    }

    /**
     * Moves the VM's files to {@code destinationFolder} on a Cluster Shared Volume
     * (MigrateVirtualMachine on its resource); the VM keeps running where it is.
     *
     * @param destinationFolder a folder on a Cluster Shared Volume
     * @return the role as read afterwards
     * @throws ClusterRefusedException when the cluster refuses the move
     */
    public GroupInfo moveStorage(String destinationFolder) {
        Map<String, CimValue> in = new LinkedHashMap<>();
        in.put("ConfigurationDestinationPath", CimValue.string(destinationFolder));
        in.put("SnapshotDestinationPath", CimValue.string(destinationFolder));
        in.put("SwapFileDestinationPath", CimValue.string(destinationFolder));
        invoke(s(), vmResource(), "MigrateVirtualMachine", in, "storage move of '" + name + "' to " + destinationFolder);
        return info();
    }

    /**
     * Takes the VM out of the cluster (DestroyGroup): the VM stays on its node, no longer highly available.
     *
     * @throws ClusterException when the cluster fails or refuses the call
     */
    public void remove() {
        invoke(s(), path(GROUP, name), "DestroyGroup", Map.of("Options", CimValue.uint32(1)), "removing role '" + name + "'");
    }

    /**
     * Brings the role online (BringOnline, within 60 s).
     *
     * @return the role as read afterwards
     * @throws ClusterException when the cluster fails or refuses the call
     */
    public GroupInfo start() {
        invoke(s(), path(GROUP, name), "BringOnline", Map.of("TimeOut", CimValue.uint32(60)), "bringing '" + name + "' online");
        return info();
    }

    /**
     * Takes the role offline (TakeOffline, within 60 s).
     *
     * @return the role as read afterwards
     * @throws ClusterException when the cluster fails or refuses the call
     */
    public GroupInfo stop() {
        invoke(s(), path(GROUP, name), "TakeOffline", Map.of("TimeOut", CimValue.uint32(60)), "taking '" + name + "' offline");
        return info();
    }

    /**
     * The nodes the role prefers, in order (GetPreferredOwners).
     *
     * @return the node names; empty when it has no preference
     */
    public List<String> preferredOwners() {
        return strings(invoke(s(), path(GROUP, name), "GetPreferredOwners", Map.of(), "preferred owners of '" + name + "'").find("NodeNames"));
    }

    /**
     * Sets the nodes the role prefers, in order (SetPreferredOwners).
     *
     * @param nodes the node names
     */
    public void setPreferredOwners(List<String> nodes) {
        invoke(s(), path(GROUP, name), "SetPreferredOwners", Map.of("NodeNames", CimValue.strings(nodes)), "preferred owners of '" + name + "'");
    }

    /**
     * The nodes the VM may run on (GetPossibleOwners on its Virtual Machine resource).
     *
     * @return the node names
     */
    public List<String> possibleOwners() {
        return strings(invoke(s(), vmResource(), "GetPossibleOwners", Map.of(), "possible owners of '" + name + "'").find("NodeNames"));
    }

    /**
     * Lets the VM run on {@code node} (AddPossibleOwner).
     *
     * @param node the node's name
     */
    public void addPossibleOwner(String node) {
        invoke(s(), vmResource(), "AddPossibleOwner", Map.of("NodeName", CimValue.string(node)), "possible owner " + node);
    }

    /**
     * Keeps the VM off {@code node} (RemovePossibleOwner).
     *
     * @param node the node's name
     */
    public void removePossibleOwner(String node) {
        invoke(s(), vmResource(), "RemovePossibleOwner", Map.of("NodeName", CimValue.string(node)), "possible owner " + node);
    }

    /**
     * Failover policy: at most {@code threshold} failovers in {@code periodHours}; failback allowed or not.
     *
     * @param threshold     the most failovers allowed in the period
     * @param periodHours   the period, in hours
     * @param allowFailback whether the role fails back (AutoFailbackType 1) or not (0)
     */
    public void setFailoverPolicy(long threshold, long periodHours, boolean allowFailback) {
        CimInstance g = get(s(), GROUP, name, "cluster group");
        modify(s(), g.toBuilder().put("FailoverThreshold", CimValue.uint32(threshold)).put("FailoverPeriod", CimValue.uint32(periodHours))
                .put("AutoFailbackType", CimValue.uint32(allowFailback ? 1 : 0)).build(), "failover policy of '" + name + "'");
    }

    /**
     * What the cluster does when the role's Virtual Machine resource fails (RestartAction,
     * RestartThreshold and RestartPeriod of its MSCluster_Resource).
     *
     * @return the policy
     */
    public RestartPolicy restartPolicy() {
        CimInstance r = get(s(), RESOURCE, "Virtual Machine " + name, "virtual machine resource of '" + name + "'");
        long code = num(r, "RestartAction", RestartPolicy.Action.RESTART_THEN_FAIL_OVER.code());
        RestartPolicy.Action action = java.util.Arrays.stream(RestartPolicy.Action.values()).filter(a -> a.code() == code).findFirst()
                .orElseThrow(() -> new ClusterException("RestartAction " + code + " of '" + name + "' is none of 0, 1, 2"));
        return new RestartPolicy(action, num(r, "RestartThreshold", 0), Duration.ofMillis(num(r, "RestartPeriod", 0)));
    }

    /**
     * Sets what the cluster does when the role's Virtual Machine resource fails.
     *
     * @param policy the policy
     */
    public void setRestartPolicy(RestartPolicy policy) {
        CimInstance r = get(s(), RESOURCE, "Virtual Machine " + name, "virtual machine resource of '" + name + "'");
        modify(s(), r.toBuilder().put("RestartAction", CimValue.uint32(policy.action().code()))
                .put("RestartThreshold", CimValue.uint32(policy.threshold())).put("RestartPeriod", CimValue.uint32(policy.period().toMillis())).build(),
                "restart policy of '" + name + "'");
    }

    private ObjectPath vmResource() {
        return path(RESOURCE, "Virtual Machine " + name);
    }

    @Override
    public String toString() {
        return "ClusterGroup[" + name + "]";
    }
}
