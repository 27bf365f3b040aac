package io.hyperv4j.vm;

import io.hyperv4j.cim.ObjectPath;

/**
 * A generation 2 VM's boot source, as Get-VMFirmware lists it in BootOrder (Msvm_BootSourceSettingData).
 *
 * @param type          what it boots from
 * @param description   the firmware's description (BootSourceDescription)
 * @param firmwarePath  the firmware's device path (FirmwareDevicePath)
 * @param otherLocation further location, such as a drive's disk file (OtherLocation), or empty
 * @param path          the instance, as BootSourceOrder references it
 */
public record BootSource(BootSourceType type, String description, String firmwarePath, String otherLocation, ObjectPath path) {
}
