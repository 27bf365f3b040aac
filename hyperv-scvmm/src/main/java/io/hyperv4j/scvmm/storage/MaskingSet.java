package io.hyperv4j.scvmm.storage;

import java.util.List;

/**
 * A masking set (the array's host group) as Get-MaskingSet shows it, with the names of what it holds.
 *
 * @param objectId            its ObjectId
 * @param arrayObjectId       the storage subsystem's ObjectId
 * @param name                its Name
 * @param friendlyName        its FriendlyName
 * @param hostType            its HostType
 * @param virtualDiskNames    the LUs it shows
 * @param initiatorAddresses  the initiators it shows them to
 * @param targetPortAddresses the array ports it shows them through
 */
public record MaskingSet(String objectId, String arrayObjectId, String name, String friendlyName, int hostType,
                         List<String> virtualDiskNames, List<String> initiatorAddresses, List<String> targetPortAddresses) {
    /**
     * Copies the lists.
     *
     * @param objectId            its ObjectId
     * @param arrayObjectId       the storage subsystem's ObjectId
     * @param name                its Name
     * @param friendlyName        its FriendlyName
     * @param hostType            its HostType
     * @param virtualDiskNames    the LUs it shows
     * @param initiatorAddresses  the initiators it shows them to
     * @param targetPortAddresses the array ports it shows them through
     */
    public MaskingSet {
        virtualDiskNames = List.copyOf(virtualDiskNames);
        initiatorAddresses = List.copyOf(initiatorAddresses);
        targetPortAddresses = List.copyOf(targetPortAddresses);
    }
}
