package io.hyperv4j.sim;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A simulated Hyper-V host (part of the lab's model; mutate only inside {@link Lab#write}).
 * Its VMs and jobs are indexed by id.
 * <p>Thread-safety: not thread-safe; guarded by the lab lock.
 */
public final class SimHost {
    /** The clock speed of the host's processors (Win32_Processor.MaxClockSpeed), in MHz. */
    public static final int PROCESSOR_MHZ = 2100;

    private final String name;
    private int logicalProcessors;
    private long memoryMb;
    private boolean poweredOn = true;
    private int numaNodes = 1;
    final Map<String, SimVm> vms = new LinkedHashMap<>();
    final Map<String, SimJob> jobs = new LinkedHashMap<>();
    final java.util.List<SimNetworkAdapter> adapters = new java.util.ArrayList<>();

    SimHost(String name, int logicalProcessors, long memoryMb) {
        this.name = Objects.requireNonNull(name, "name");
        if (logicalProcessors < 1) throw new IllegalArgumentException("a host needs at least one logical processor");
        if (memoryMb < 512) throw new IllegalArgumentException("a host needs at least 512 MB of memory");
        this.logicalProcessors = logicalProcessors;
        this.memoryMb = memoryMb;
    }

    /**
     * The host's name (its computer name).
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Its logical processors.
     *
     * @return the count
     */
    public int logicalProcessors() {
        return logicalProcessors;
    }

    /**
     * Its memory.
     *
     * @return the memory in MB
     */
    public long memoryMb() {
        return memoryMb;
    }

    /**
     * Its NUMA nodes (Msvm_NumaNode): the logical processors and memory are split evenly among them.
     *
     * @return the count, 1 unless set
     */
    public int numaNodes() {
        return numaNodes;
    }

    /**
     * Sets how many NUMA nodes the host has.
     *
     * @param n the count, from 1 to the logical processors (each node has at least one)
     * @throws IllegalArgumentException when {@code n} is outside that range
     */
    public void numaNodes(int n) {
        if (n < 1 || n > logicalProcessors)
            throw new IllegalArgumentException("a host of " + logicalProcessors + " logical processors has 1 to " + logicalProcessors + " NUMA nodes, not " + n);
        this.numaNodes = n;
    }

    /**
     * False while it is powered off ({@link Lab#powerOffHost}).
     *
     * @return whether it is on
     */
    public boolean poweredOn() {
        return poweredOn;
    }

    void poweredOn(boolean on) {
        this.poweredOn = on;
    }

    /**
     * The host's VMs in creation order (a live view; read it under the lab lock).
     *
     * @return the VMs
     */
    public Collection<SimVm> vms() {
        return Collections.unmodifiableCollection(vms.values());
    }

    /**
     * The host's jobs in submission order (a live view; read it under the lab lock).
     *
     * @return the jobs
     */
    public Collection<SimJob> jobs() {
        return Collections.unmodifiableCollection(jobs.values());
    }

    /**
     * The host's physical network adapters, in the order they were added (read under the lab lock).
     *
     * @return a copy of the list
     */
    public java.util.List<SimNetworkAdapter> networkAdapters() {
        return java.util.List.copyOf(adapters);
    }

    /**
     * The adapter connected to {@code network} (any case), if any.
     *
     * @param network the network's name
     * @return the adapter, or empty when none is connected to it
     */
    public java.util.Optional<SimNetworkAdapter> adapterOn(String network) {
        return adapters.stream().filter(a -> !a.network().isEmpty() && a.network().equalsIgnoreCase(network)).findFirst();
    }

    /**
     * Memory in use by active VMs, in MB.
     *
     * @return the memory in MB
     */
    public long memoryInUseMb() {
        long sum = 0;
        for (SimVm vm : vms.values()) if (vm.state().isActive() || vm.state() == PowerState.STARTING) sum += vm.memoryMb();
        return sum;
    }

    @Override
    public String toString() {
        return "SimHost[" + name + "]";
    }
}
