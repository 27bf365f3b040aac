package io.hyperv4j.sim;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A simulated Hyper-V host (part of the lab's model; mutate only inside {@link Lab#write}).
 * Its VMs and jobs are indexed by id.
 */
public final class SimHost {
    private final String name;
    private int logicalProcessors;
    private long memoryMb;
    private boolean poweredOn = true;
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

    public String name() {
        return name;
    }

    public int logicalProcessors() {
        return logicalProcessors;
    }

    public long memoryMb() {
        return memoryMb;
    }

    public boolean poweredOn() {
        return poweredOn;
    }

    void poweredOn(boolean on) {
        this.poweredOn = on;
    }

    /** The host's VMs in creation order (a live view; read it under the lab lock). */
    public Collection<SimVm> vms() {
        return Collections.unmodifiableCollection(vms.values());
    }

    public Collection<SimJob> jobs() {
        return Collections.unmodifiableCollection(jobs.values());
    }

    /** The host's physical network adapters, in the order they were added (read under the lab lock). */
    public java.util.List<SimNetworkAdapter> networkAdapters() {
        return java.util.List.copyOf(adapters);
    }

    /** The adapter connected to {@code network} (any case), if any. */
    public java.util.Optional<SimNetworkAdapter> adapterOn(String network) {
        return adapters.stream().filter(a -> !a.network().isEmpty() && a.network().equalsIgnoreCase(network)).findFirst();
    }

    /** Memory in use by active VMs, in MB. */
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
