package io.hyperv4j.vm;

/** A VM went from one state to another (an __InstanceModificationEvent on Msvm_ComputerSystem). */
public record VmStateChange(String vmId, String vmName, VmState previous, VmState current) {
}
