package io.hyperv4j.scvmm.sim.guest;

/** What can go wrong inside a guest (seed 001 Table 5-1's guest software rows). */
public enum GuestFault {
    /** The monitored service stops (the application row). */
    APPLICATION,
    /** The guest runs out of resources: nothing in it answers, its integration heartbeat stops. */
    RESOURCE_SHORTAGE,
    /** The guest OS stops (bug check): it no longer answers pings or sends heartbeats. */
    GUEST_OS_CRASH,
    /** The guest OS hangs while the integration heartbeat still answers: the host cannot tell. */
    GUEST_OS_HANG
}
