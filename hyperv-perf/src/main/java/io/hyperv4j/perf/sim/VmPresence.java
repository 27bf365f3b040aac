package io.hyperv4j.perf.sim;

/** What a simulated VM is doing on a host, as far as counters care. */
public enum VmPresence {
    /** Running: its processors, memory, disks and network adapters are busy per its workload. */
    RUNNING,
    /** Paused (e.g. a live migration's blackout): memory held, processors idle, no I/O. */
    PAUSED,
    /** Saved, off, or elsewhere: nothing on this host. */
    ABSENT
}
