package io.hyperv4j.perf.sim;

import java.util.List;

/**
 * The hardware of a simulated host as its counters see it.
 *
 * @param name              host name used in counter paths
 * @param logicalProcessors logical processors (the hypervisor's "Hv LP n" instances)
 * @param physicalMemoryMb  installed memory
 * @param commitLimitMb     Memory\Commit Limit (physical memory plus page files)
 * @param disks             PhysicalDisk instances, e.g. "0 C:", "1 E:"
 * @param nics              Network Interface instances
 * @param hostAdapters      the management OS's own Hyper-V Virtual Network Adapter instances
 */
public record HostSpec(String name, int logicalProcessors, long physicalMemoryMb, long commitLimitMb,
                       List<String> disks, List<Nic> nics, List<String> hostAdapters) {

    /**
     * Validates the counts and copies the lists.
     *
     * @param name              host name used in counter paths
     * @param logicalProcessors logical processors, positive
     * @param physicalMemoryMb  installed memory, positive
     * @param commitLimitMb     Memory\Commit Limit
     * @param disks             PhysicalDisk instances
     * @param nics              Network Interface instances
     * @param hostAdapters      the management OS's virtual adapters
     * @throws IllegalArgumentException when a count is not positive
     */
    public HostSpec {
        if (logicalProcessors <= 0) throw new IllegalArgumentException("logicalProcessors must be positive");
        if (physicalMemoryMb <= 0) throw new IllegalArgumentException("physicalMemoryMb must be positive");
        disks = List.copyOf(disks);
        nics = List.copyOf(nics);
        hostAdapters = List.copyOf(hostAdapters);
    }

    /** A physical network adapter and its link speed. */
    public record Nic(String name, long bandwidthBitsPerSecond) {
    }

    /**
     * The index of a PhysicalDisk instance.
     *
     * @param instance the instance's name, any case
     * @return its index in {@link #disks()}
     * @throws IllegalArgumentException when the host has no such disk
     */
    public int diskIndex(String instance) {
        for (int i = 0; i < disks.size(); i++) if (disks.get(i).equalsIgnoreCase(instance)) return i;
        throw new IllegalArgumentException("host " + name + " has no disk '" + instance + "'; it has " + disks);
    }

    /**
     * The index of a Network Interface instance.
     *
     * @param instance the instance's name, any case
     * @return its index in {@link #nics()}
     * @throws IllegalArgumentException when the host has no such adapter
     */
    public int nicIndex(String instance) {
        for (int i = 0; i < nics.size(); i++) if (nics.get(i).name().equalsIgnoreCase(instance)) return i;
        throw new IllegalArgumentException("host " + name + " has no network adapter '" + instance + "'; it has " + nics);
    }
}
