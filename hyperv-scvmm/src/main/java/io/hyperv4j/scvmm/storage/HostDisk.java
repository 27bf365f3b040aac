package io.hyperv4j.scvmm.storage;

/** A disk of the connected host (Get-Disk); a SAN disk's {@code uniqueId} is its LU's. */
public record HostDisk(int number, String friendlyName, String uniqueId, long sizeBytes, boolean online, boolean boot, int busType) {
}
