package io.hyperv4j.vm;

import java.nio.file.Path;

/**
 * A disk of a VM as a recovery checkpoint froze it: the file a backup reads while the checkpoint
 * exists (the parent of the drive's current differencing file).
 *
 * @param diskSettingsId the disk's Msvm_StorageAllocationSettingData InstanceID
 * @param file           the frozen file
 */
public record FrozenDisk(String diskSettingsId, Path file) {
}
