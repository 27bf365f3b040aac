package io.hyperv4j.vm;

import java.time.Duration;

/**
 * A snapshot of a VM read at one moment; it does not change when the VM does.
 *
 * @param enabledState the raw Msvm_ComputerSystem.EnabledState behind {@code state}
 * @param uptime       OnTimeInMilliseconds: time since the VM last started, zero when off
 */
public record VmInfo(String id, String name, VmState state, int enabledState, int processors, long memoryMb,
                     boolean dynamicMemory, int generation, String notes, Duration uptime) {
}
