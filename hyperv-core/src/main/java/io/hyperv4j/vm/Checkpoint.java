package io.hyperv4j.vm;

import java.time.Instant;

/**
 * One checkpoint as read from the host (a snapshot's Msvm_VirtualSystemSettingData), with
 * Get-VMSnapshot's meanings: {@code id} the checkpoint's GUID (unique), {@code name} (NOT unique:
 * look up by id when it matters), {@code parentId}/{@code parentName} null at the root of the
 * tree, {@code type} {@link CheckpointType#STANDARD} or {@link CheckpointType#PRODUCTION}, {@code savedState} whether it holds the guest's
 * memory (applying it leaves the VM saved), {@code path} the snapshot settings' WMI path,
 * {@code configurationDataRoot} the folder of its configuration (Get-VMSnapshot's Path).
 */
public record Checkpoint(String id, String name, String vmId, String parentId, String parentName, Instant creationTime,
        CheckpointType type, boolean savedState, String path, String configurationDataRoot) {
}
