package io.hyperv4j.scvmm.internal;

import io.hyperv4j.scvmm.HostRating;
import io.hyperv4j.scvmm.RatingReason;
import io.hyperv4j.scvmm.VmmHost;
import io.hyperv4j.scvmm.VmmVm;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Host ratings for placing one VM, as VMM's placement rates hosts: each resource scores what stays
 * free once the VM is there, weighted memory 40 %, processor 30 %, disk 15 %, network 15 %; a
 * host that cannot take the VM at all scores zero with every reason. Pure.
 */
public final class Placement {
    /** Processor share VMM keeps free on every host (its default host reserve, 10 %). */
    public static final double CPU_RESERVE = 0.10;
    /** Network use beyond which a host takes no more VMs. */
    public static final double NETWORK_LIMIT = 0.90;
    /** What one busy virtual processor adds to a host's use, as a share of one logical processor. */
    public static final double VCPU_LOAD = 0.5;

    private Placement() {
    }

    public static HostRating rate(VmmVm vm, VmmHost h) {
        List<RatingReason> zero = new ArrayList<>();
        if (!h.responding()) zero.add(RatingReason.HOST_NOT_RESPONDING);
        boolean current = h.name().equalsIgnoreCase(vm.host());
        if (current) zero.add(RatingReason.CURRENT_HOST);
        // on its own host the VM's memory, processors and files are already counted as used
        double memLeft = h.availableMemoryMb() - (current ? 0 : vm.memoryMb());
        if (memLeft < 0) zero.add(RatingReason.NOT_ENOUGH_MEMORY);
        double cpuAfter = h.cpuUtilization() + (current ? 0 : vm.processors() * VCPU_LOAD / h.logicalProcessors());
        if (cpuAfter > 1 - CPU_RESERVE) zero.add(RatingReason.NO_PROCESSOR_HEADROOM);
        long diskLeft = h.freeDiskBytes() - (current ? 0 : vm.fileBytes() + vm.configBytes());
        if (diskLeft < 0) zero.add(RatingReason.NOT_ENOUGH_DISK);
        if (h.networkUtilization() >= NETWORK_LIMIT) zero.add(RatingReason.NETWORK_SATURATED);
        double memory = clamp(memLeft / h.totalMemoryMb()), processor = clamp(1 - CPU_RESERVE - cpuAfter) / (1 - CPU_RESERVE);
        double disk = h.freeDiskBytes() <= 0 ? 0 : clamp((double) diskLeft / h.freeDiskBytes());
        double network = clamp((NETWORK_LIMIT - h.networkUtilization()) / NETWORK_LIMIT);
        double stars = zero.isEmpty() ? Math.round(5 * (0.40 * memory + 0.30 * processor + 0.15 * disk + 0.15 * network) * 10) / 10.0 : 0;
        return new HostRating(h.name(), stars, memory, processor, disk, network, zero);
    }

    /** Every host rated for the VM, best first (ties by name). */
    public static List<HostRating> rateAll(VmmVm vm, List<VmmHost> hosts) {
        List<HostRating> out = new ArrayList<>();
        for (VmmHost h : hosts) out.add(rate(vm, h));
        out.sort(Comparator.comparingDouble(HostRating::stars).reversed().thenComparing(HostRating::host, String.CASE_INSENSITIVE_ORDER));
        return out;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
