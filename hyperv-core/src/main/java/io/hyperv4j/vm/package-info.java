/**
 * Virtual machines of one host: {@link io.hyperv4j.vm.VirtualMachines} (list, find, create, watch)
 * and {@link io.hyperv4j.vm.VirtualMachine} handles (state, info, power operations, settings).
 * Built only on {@link io.hyperv4j.cim.CimSession}, so the same code drives real Hyper-V and the
 * simulator.
 */
package io.hyperv4j.vm;
