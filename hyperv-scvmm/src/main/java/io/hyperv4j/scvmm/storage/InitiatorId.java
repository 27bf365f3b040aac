package io.hyperv4j.scvmm.storage;

/** An initiator the array knows (Get-InitiatorId): {@code type} 2 is a port WWN, 5 an iSCSI name. */
public record InitiatorId(String objectId, String initiatorAddress, int type) {
}
