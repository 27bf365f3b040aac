package io.hyperv4j.backup.vss;

import java.util.List;
import java.util.UUID;

/**
 * A snapshot set DoSnapshotSet made: the volumes frozen at the same moment.
 *
 * @param id        the set's id
 * @param snapshots one snapshot per volume, in the order the volumes were added
 */
public record VssSnapshotSet(UUID id, List<VssSnapshot> snapshots) {
    /**
     * Copies the list.
     *
     * @param id        the id
     * @param snapshots the snapshots
     */
    public VssSnapshotSet {
        snapshots = List.copyOf(snapshots);
    }
}
