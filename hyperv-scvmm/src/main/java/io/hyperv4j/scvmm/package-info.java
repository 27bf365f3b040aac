/**
 * API: a management server across many hosts, as SCVMM is one ({@code host.capability(VirtualMachineManager.class)}):
 * host groups, hosts and VMs, placement ratings, the migration methods that can move a VM with their
 * expected time and downtime, and the move itself. Refusals are
 * {@link io.hyperv4j.scvmm.MoveRefusedException} with a {@link io.hyperv4j.scvmm.MethodRefusal}.
 */
package io.hyperv4j.scvmm;
