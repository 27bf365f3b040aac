/**
 * API: virtual hard disk work through {@link io.hyperv4j.disk.DiskImages}, the same on a Hyper-V host
 * ({@code host.disks()}, Msvm_ImageManagementService) and on local files (the pure-Java engine of
 * {@code io.hyperv4j.vhd}).
 */
package io.hyperv4j.disk;
