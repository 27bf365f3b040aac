package io.hyperv4j.backup.vss;

import java.time.Instant;
import java.util.UUID;

/**
 * One snapshot of a set (VSS_SNAPSHOT_PROP).
 *
 * @param id             the snapshot's id
 * @param setId          its set's id
 * @param originalVolume the volume it is a snapshot of
 * @param deviceObject   the device to read the snapshot from ({@code \\?\GLOBALROOT\Device\HarddiskVolumeShadowCopyN})
 * @param providerId     the provider that made it
 * @param attributes     VSS_VOLUME_SNAPSHOT_ATTRIBUTES bits
 * @param created        when it was made
 */
public record VssSnapshot(UUID id, UUID setId, String originalVolume, String deviceObject, UUID providerId, int attributes,
        Instant created) {
}
