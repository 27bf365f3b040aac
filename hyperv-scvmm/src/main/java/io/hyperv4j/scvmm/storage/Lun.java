package io.hyperv4j.scvmm.storage;

/**
 * A logical unit as Get-VirtualDisk shows it: {@code name} is the array's identifier used in
 * masking calls, {@code uniqueId} the NAA identifier the host's disk carries too.
 */
public record Lun(String objectId, String arrayObjectId, String name, String friendlyName, String uniqueId, long sizeBytes,
                  long allocatedBytes, Provisioning provisioning, int healthStatus) {
}
