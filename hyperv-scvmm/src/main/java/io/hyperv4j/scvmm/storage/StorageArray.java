package io.hyperv4j.scvmm.storage;

/** A storage array as Get-StorageSubSystem shows it. */
public record StorageArray(String objectId, String friendlyName, String model, String manufacturer, String serialNumber,
                           int healthStatus, String firmwareVersion) {
}
