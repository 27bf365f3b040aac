package io.hyperv4j.sim;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether a host has room for one more running VM. Every way a VM comes to run on a host checks
 * it here first: a start (v2 RequestStateChange, refused with 32778 Out of memory), a live or quick
 * migration, a failover, a drain, an import or a transfer (each refused with its own documented
 * error, before anything moves).
 *
 * <p>Room is the host's memory less what the parent partition keeps ({@value #PARENT_RESERVE_MB} MB),
 * less what its active VMs use, less what moves under way to it have claimed (the lab's
 * {@link LandingClaims}: a VM still on its source host is not yet in the destination's use). A VM also needs no more
 * virtual processors than the host has logical processors (Hyper-V refuses to start it otherwise).
 */
public final class HostCapacity {
    /** Memory the host keeps for its own (parent) partition, in MB. */
    public static final long PARENT_RESERVE_MB = 2048;

    private HostCapacity() {
    }

    /**
     * Memory free for one more VM on a host. Read under the lab lock.
     *
     * @param host       the host
     * @param reservedMb memory that moves under way to the host have claimed, in MB
     * @return the free memory in MB (negative when over-committed)
     */
    public static long freeMemoryMb(SimHost host, long reservedMb) {
        return host.memoryMb() - PARENT_RESERVE_MB - host.memoryInUseMb() - reservedMb;
    }

    /**
     * Why {@code host} cannot run a VM of {@code memoryMb} and {@code processors}, counting what
     * every move under way to it has claimed in the lab's {@link LandingClaims}; empty when it can.
     * Call under the lab lock.
     *
     * @param lab        the lab
     * @param host       the host
     * @param vmName     the VM's name, for the message
     * @param memoryMb   the memory the VM needs
     * @param processors the VM's virtual processors
     * @return the reason with the numbers, or empty when the VM fits
     */
    public static Optional<String> shortfall(Lab lab, SimHost host, String vmName, long memoryMb, int processors) {
        return shortfall(host, vmName, memoryMb, processors, lab.claims().claimedMb(host.name()));
    }

    /**
     * Why {@code host} cannot run a VM of {@code memoryMb} and {@code processors}, with the numbers;
     * empty when it can.
     *
     * @param host       the host
     * @param vmName     the VM's name, for the message
     * @param memoryMb   the memory the VM needs
     * @param processors the VM's virtual processors
     * @param reservedMb memory that moves under way to the host have claimed, in MB
     * @return the reason, or empty when the VM fits
     */
    public static Optional<String> shortfall(SimHost host, String vmName, long memoryMb, int processors, long reservedMb) {
        if (processors > host.logicalProcessors())
            return Optional.of(String.format(Locale.ROOT, "%s has %d logical processors; '%s' needs %d virtual processors",
                    host.name(), host.logicalProcessors(), vmName, processors));
        long free = freeMemoryMb(host, reservedMb);
        if (memoryMb <= free) return Optional.empty();
        return Optional.of(String.format(Locale.ROOT,
                "%s has %,d MB free for '%s', which needs %,d MB (%,d MB of memory, %,d MB kept for the host, %,d MB used by running VMs, %,d MB reserved by moves to it)",
                host.name(), Math.max(0, free), vmName, memoryMb, host.memoryMb(), PARENT_RESERVE_MB, host.memoryInUseMb(), reservedMb));
    }
}
