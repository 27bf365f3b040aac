package io.hyperv4j.vm;

/**
 * A virtual switch of a host, as Get-VMSwitch shows it.
 *
 * @param id                   the switch's GUID (Msvm_VirtualEthernetSwitch.Name)
 * @param name                 its name (ElementName)
 * @param type                 what it connects
 * @param netAdapterDescription the host adapter an external switch is bound to, or null
 */
public record VmSwitch(String id, String name, SwitchType type, String netAdapterDescription) {}
