package io.hyperv4j.scvmm.storage;

import java.util.List;

/** A masking set (the array's host group) as Get-MaskingSet shows it, with the names of what it holds. */
public record MaskingSet(String objectId, String arrayObjectId, String name, String friendlyName, int hostType,
                         List<String> virtualDiskNames, List<String> initiatorAddresses, List<String> targetPortAddresses) {
    public MaskingSet {
        virtualDiskNames = List.copyOf(virtualDiskNames);
        initiatorAddresses = List.copyOf(initiatorAddresses);
        targetPortAddresses = List.copyOf(targetPortAddresses);
    }
}
