package io.hyperv4j.cluster.sim;

import io.hyperv4j.cluster.migration.Limits;
import io.hyperv4j.cluster.migration.Workload;

/**
 * What the cluster needs to know about a VM that the v2 model does not carry: where its files are,
 * the virtual switch its adapter uses, pass-through disks, processor compatibility and the
 * workload that dirties its memory. Set by lab templates and tests ({@link ClusterLab#vm}).
 */
public final class VmTraits {
    public static final String LOCAL_STORE = "C:\\ProgramData\\Microsoft\\Windows\\Hyper-V";

    String configPath = LOCAL_STORE;
    String switchName = "";
    int passThroughDisks;
    boolean processorCompatibility;
    Workload workload = Workload.IDLE;
    boolean serverCore; // the guest's install type: Server Core boots faster than a full installation (seed 003)
    /** Not set: the guest's storage I/O follows its {@link io.hyperv4j.sim.GuestLoad}. */
    static final double FROM_GUEST_LOAD = -1;
    /**
     * The guest's own I/O to its disks, bytes a second, when set ({@link #FROM_GUEST_LOAD} when not);
     * it crosses the network while its CSV is redirected.
     */
    double storageBytesPerSecond = FROM_GUEST_LOAD;

    /** Takes every trait of {@code other} (a change is made on a copy, checked, then taken whole). */
    VmTraits copyOf(VmTraits other) {
        configPath = other.configPath;
        switchName = other.switchName;
        passThroughDisks = other.passThroughDisks;
        processorCompatibility = other.processorCompatibility;
        workload = other.workload;
        serverCore = other.serverCore;
        storageBytesPerSecond = other.storageBytesPerSecond;
        return this;
    }

    public String configPath() { return configPath; }
    public String switchName() { return switchName; }
    public int passThroughDisks() { return passThroughDisks; }
    public boolean processorCompatibility() { return processorCompatibility; }
    public Workload workload() { return workload; }
    public boolean serverCore() { return serverCore; }
    /**
     * The guest's storage I/O in bytes a second: what {@link #storageIo} set, else what its guest load
     * does ({@link io.hyperv4j.sim.GuestLoad#diskBytesPerSecond}: reads and writes a second times their
     * size; an idle guest's 3 I/Os of 8 KiB, 24,576 B/s). The seeds give guest disk load as IOPS only,
     * so the I/O size is the guest load's.
     */
    public double storageBytesPerSecond(io.hyperv4j.sim.SimVm vm) {
        return storageBytesPerSecond >= 0 ? storageBytesPerSecond : vm.guestLoad().diskBytesPerSecond();
    }
    /** The guest's storage I/O as set by {@link #storageIo}, or {@link #FROM_GUEST_LOAD}. */
    public double storageBytesPerSecond() { return storageBytesPerSecond; }

    public VmTraits configPath(String p) { this.configPath = p; return this; }
    public VmTraits switchName(String s) { this.switchName = s == null ? "" : s; return this; }
    public VmTraits passThroughDisks(int n) {
        this.passThroughDisks = (int) Limits.within("pass-through disks", n, 0, Limits.MAX_DISKS_PER_VM);
        return this;
    }
    public VmTraits processorCompatibility(boolean on) { this.processorCompatibility = on; return this; }
    public VmTraits serverCore(boolean on) { this.serverCore = on; return this; }
    /** The guest's disk I/O in bytes a second, instead of its guest load's: finite, not negative (0 for none). */
    public VmTraits storageIo(double bytesPerSecond) {
        this.storageBytesPerSecond = Limits.notNegative("guest storage I/O (bytes/s)", bytesPerSecond);
        return this;
    }
    public VmTraits workload(Workload w) { this.workload = java.util.Objects.requireNonNull(w); return this; }
}
