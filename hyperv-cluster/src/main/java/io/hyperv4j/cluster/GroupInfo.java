package io.hyperv4j.cluster;

import io.hyperv4j.cim.CimInstance;

/**
 * A cluster role (resource group) as last read (Get-ClusterGroup: Name, OwnerNode, State, GroupType),
 * with the failover policy and, for a VM role, its move in progress and whether the cluster's copy
 * of the VM configuration is out of date.
 *
 * @param migrationState   None, or the phase of the move in progress (PREPARING, COPYING, BLACKOUT, SAVING, MOVING, RESTORING)
 * @param migrationProgress percent of the move in progress
 * @param lastMigrationError what happened when the last move of this role ended without moving it; empty otherwise
 * @param lastOperationStatus the Virtual Machine resource's LastOperationStatusCode: the Win32 error of the last
 *                            operation that failed (1223 ERROR_CANCELLED for a stopped move), 0 when it succeeded
 */
public record GroupInfo(String name, GroupState state, String ownerNode, long groupType, long failoverThreshold,
                        long failoverPeriodHours, long autoFailbackType, boolean isCore, String vmId,
                        String migrationState, int migrationProgress, String lastMigrationError,
                        long lastOperationStatus, boolean configurationStale) {
    /** MSCluster_ResourceGroup.GroupType of a VM role. */
    public static final long GROUP_TYPE_VIRTUAL_MACHINE = 111;

    /**
     * Whether the role is a VM's.
     *
     * @return whether GroupType is {@link #GROUP_TYPE_VIRTUAL_MACHINE}
     */
    public boolean isVirtualMachine() {
        return groupType == GROUP_TYPE_VIRTUAL_MACHINE;
    }

    /**
     * Whether a move of the role is in progress.
     *
     * @return whether the migration state is other than None
     */
    public boolean isMigrating() {
        return !migrationState.isEmpty() && !migrationState.equalsIgnoreCase("None");
    }

    /**
     * The quick-migration step the role's move is in, by seed 003's names.
     *
     * @return the step; empty when no quick migration is saving, moving or restoring the VM
     */
    public java.util.Optional<QuickMigrationPhase> quickMigrationPhase() {
        return QuickMigrationPhase.of(migrationState);
    }

    static GroupInfo from(CimInstance g, CimInstance vmResource, CimInstance configResource) {
        CimInstance vp = vmResource == null ? null : MsCluster.priv(vmResource);
        CimInstance cp = configResource == null ? null : MsCluster.priv(configResource);
        return new GroupInfo(MsCluster.str(g, "Name"),
                Enums.fromCode(GroupState.class, MsCluster.num(g, "State", -1), GroupState.UNKNOWN),
                MsCluster.str(g, "OwnerNode"), MsCluster.num(g, "GroupType", 0), MsCluster.num(g, "FailoverThreshold", 0),
                MsCluster.num(g, "FailoverPeriod", 0), MsCluster.num(g, "AutoFailbackType", 0), MsCluster.bool(g, "IsCore"),
                vp == null ? "" : MsCluster.str(vp, "VmID"),
                vp == null ? "None" : MsCluster.str(vp, "MigrationState"),
                vp == null ? 0 : (int) MsCluster.num(vp, "MigrationProgress", 0),
                vp == null ? "" : MsCluster.str(vp, "LastMigrationError"),
                vmResource == null ? 0 : MsCluster.num(vmResource, "LastOperationStatusCode", 0),
                cp != null && MsCluster.bool(cp, "ConfigurationStale"));
    }

}
