/**
 * API: SAN storage of a host ({@code host.capability(SanStorage.class)}): arrays, pools, LUs, masking
 * sets, mapping LUs to a host's initiators and rescanning its disks, through the Storage Management
 * API or the Virtual Disk Service. Refusals are {@link io.hyperv4j.scvmm.storage.StorageRefusedException}
 * with a {@link io.hyperv4j.scvmm.storage.StorageRefusal} from the code Windows returned.
 */
package io.hyperv4j.scvmm.storage;
