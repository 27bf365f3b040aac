package io.hyperv4j.scvmm.monitor;

/** Why a guarded action was not run: the situation it reacted to no longer held. */
public enum SkipReason {
    /** The VM's role is owned by another node than when the alarm's evidence began. */
    OWNER_CHANGED,
    /** A move or failover of the VM's role is under way. */
    FAILOVER_RUNNING,
    /** The cluster logged an owner change of the role since the alarm's evidence began. */
    FAILOVER_LOGGED,
    /** The alarm was back to normal before the action's turn came. */
    ALARM_CLEARED
}
