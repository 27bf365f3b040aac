package io.hyperv4j.sim.v2;

import io.hyperv4j.sim.SimVm;

/**
 * The memory a running VM is assigned. With static memory, its memory. With dynamic memory, the
 * simulator's demand model (Hyper-V publishes none): the guest needs a quarter of its startup memory
 * idle plus three quarters times its processors' busy share ({@link io.hyperv4j.sim.GuestLoad#cpuPerVp}),
 * and is assigned that demand plus its TargetMemoryBuffer percent, within its minimum (Reservation)
 * and maximum (Limit), in 2 MB steps. Msvm_Memory, GetSummaryInformation (MemoryUsage,
 * MemoryAvailable, AvailableMemoryBuffer) and the memory metrics read it.
 */
final class DynamicMemory {
    private DynamicMemory() {}

    /** What the guest uses now, in MB. */
    static long demandMb(SimVm vm) {
        if (!vm.dynamicMemory()) return vm.memoryMb();
        return Math.round(vm.memoryMb() * (0.25 + 0.75 * vm.guestLoad().cpuPerVp()));
    }

    /** What the VM is assigned now, in MB. */
    static long assignedMb(SimVm vm) {
        if (!vm.dynamicMemory()) return vm.memoryMb();
        double wanted = demandMb(vm) * (1 + VmResources.buffer(vm) / 100.0);
        long steps = (long) Math.ceil(wanted / 2) * 2;
        return Math.max(VmResources.minimumMb(vm), Math.min(VmResources.maximumMb(vm), steps));
    }
}
