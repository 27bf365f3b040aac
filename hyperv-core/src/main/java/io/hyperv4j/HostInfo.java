package io.hyperv4j;

/**
 * A snapshot of the host itself, read from its own Msvm_ComputerSystem (the one whose Name is the
 * computer name, not a VM GUID).
 *
 * @param name            the computer name (Msvm_ComputerSystem.Name)
 * @param enabledState    the host's EnabledState (2 when up)
 * @param numaNodes       NumberOfNumaNodes
 * @param virtualMachines how many VMs the host has now
 */
public record HostInfo(String name, int enabledState, int numaNodes, int virtualMachines) {
}
