package io.hyperv4j.vm;

import java.time.Duration;
import java.util.List;

/**
 * How a VM starts and stops with its host and boots, read from its Msvm_VirtualSystemSettingData.
 *
 * @param startAction       AutomaticStartupAction
 * @param startDelay        AutomaticStartupActionDelay: how long after the host starts
 * @param stopAction        AutomaticShutdownAction
 * @param bootOrder         BootOrder, first device first (generation 1; empty on generation 2, which boots by BootSourceOrder)
 * @param secureBoot        SecureBootEnabled (generation 2 only)
 * @param virtualNuma       VirtualNumaEnabled: whether the host's NUMA topology is projected into the VM
 */
public record VmStartupSettings(AutomaticStartAction startAction, Duration startDelay, AutomaticStopAction stopAction,
                                List<BootDevice> bootOrder, boolean secureBoot, boolean virtualNuma) {
    /**
     * Copies the boot order.
     *
     * @param startAction AutomaticStartupAction
     * @param startDelay  AutomaticStartupActionDelay
     * @param stopAction  AutomaticShutdownAction
     * @param bootOrder   BootOrder, first device first
     * @param secureBoot  SecureBootEnabled
     * @param virtualNuma VirtualNumaEnabled
     */
    public VmStartupSettings {
        bootOrder = List.copyOf(bootOrder);
    }
}
