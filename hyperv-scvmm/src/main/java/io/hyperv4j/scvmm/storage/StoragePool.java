package io.hyperv4j.scvmm.storage;

/** A pool LUs are made from (Get-StoragePool): a RAID group (fixed) or a Dynamic Provisioning pool (thin). */
public record StoragePool(String objectId, String arrayObjectId, String friendlyName, long sizeBytes, long allocatedBytes,
                          Provisioning provisioningDefault) {
}
