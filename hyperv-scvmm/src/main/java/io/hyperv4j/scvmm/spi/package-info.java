/**
 * API for extension: what a management-server binding implements ({@link io.hyperv4j.scvmm.spi.VmmBackend})
 * behind {@link io.hyperv4j.scvmm.VirtualMachineManager}; applications do not call it.
 */
package io.hyperv4j.scvmm.spi;
