package io.hyperv4j.scvmm.storage;

/** An array controller port (Get-TargetPort). */
public record TargetPort(String objectId, String friendlyName, String portAddress, String storageControllerId, long speedBitsPerSecond) {
}
