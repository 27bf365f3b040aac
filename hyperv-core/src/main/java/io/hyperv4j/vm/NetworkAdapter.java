package io.hyperv4j.vm;

/**
 * A VM's network adapter, as Get-VMNetworkAdapter shows it.
 *
 * @param name          its name (ElementName)
 * @param id            its settings' InstanceID
 * @param legacy        whether it is an emulated (legacy) adapter rather than a synthetic one
 * @param macAddress    its MAC address, 12 hex digits
 * @param staticMac     whether the MAC address was set rather than taken from the host's pool
 * @param switchName    the switch it is connected to, or null when it is not connected
 * @param accessVlanId  its access VLAN, or 0 when untagged (or in trunk or private mode)
 */
public record NetworkAdapter(String name, String id, boolean legacy, String macAddress, boolean staticMac,
                             String switchName, int accessVlanId) {}
