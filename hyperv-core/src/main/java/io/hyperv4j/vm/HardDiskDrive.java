package io.hyperv4j.vm;

/**
 * A hard disk drive of a VM, as Get-VMHardDiskDrive shows it: controller type, number (among
 * controllers of that type) and location (slot), and the file the VM uses now ({@code path}: after
 * a checkpoint, the newest differencing disk). {@code driveSettingsId} and {@code diskSettingsId}
 * are the InstanceIDs of the drive RASD and the disk SASD.
 */
public record HardDiskDrive(ControllerType controllerType, int controllerNumber, int controllerLocation, String path,
        String driveSettingsId, String diskSettingsId) {
}
