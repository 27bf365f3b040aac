package io.hyperv4j.scvmm.sim.guest;

/** A Windows service's state as the Service Control Manager reports it (SERVICE_STATUS.dwCurrentState). */
public enum ServiceState {
    /** SERVICE_STOPPED (1). */
    STOPPED,
    /** SERVICE_START_PENDING (2). */
    STARTING,
    /** SERVICE_STOP_PENDING (3). */
    STOPPING,
    /** SERVICE_RUNNING (4). */
    RUNNING
}
