package io.hyperv4j.vm;

import java.time.Duration;
import java.time.Instant;

/**
 * A snapshot of a VM read at one moment; it does not change when the VM does.
 *
 * @param enabledState the raw Msvm_ComputerSystem.EnabledState behind {@code state}
 * @param uptime       OnTimeInMilliseconds: time since the VM last started, zero when off
 * @param status       the first of Msvm_ComputerSystem.StatusDescriptions ("Operating normally"), or ""
 * @param version      the configuration version (Msvm_VirtualSystemSettingData.Version), or ""
 * @param created      Msvm_VirtualSystemSettingData.CreationTime, or null when the host does not say
 */
public record VmInfo(String id, String name, VmState state, int enabledState, int processors, long memoryMb,
                     boolean dynamicMemory, int generation, String notes, Duration uptime, String status,
                     String version, Instant created) {
}
