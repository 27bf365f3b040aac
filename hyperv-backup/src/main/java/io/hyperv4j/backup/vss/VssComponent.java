package io.hyperv4j.backup.vss;

/**
 * One component a writer reports (VSS_COMPONENTINFO): for the Hyper-V writer, one VM.
 *
 * @param type        VSS_COMPONENT_TYPE: 1 database, 2 file group
 * @param logicalPath the logical path (may be empty)
 * @param name        the component's name (for the Hyper-V writer, the VM's GUID)
 * @param caption     its caption (for the Hyper-V writer, the backup method and the VM's name)
 * @param selectable  whether it may be selected for backup on its own
 */
public record VssComponent(int type, String logicalPath, String name, String caption, boolean selectable) {
}
