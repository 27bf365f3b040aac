package io.hyperv4j.cluster;

import java.util.List;
import java.util.Optional;

/**
 * Seed 003's drive-letter rule: the letters a cluster can give its disks run out (the article
 * counts 21 per cluster, after the nodes' own), after which a new clustered LUN has to be a highly
 * available mount point. Reads the cluster's disk partitions; thread-safe.
 */
public final class DriveLetters {
    /** The drive letters seed 003 counts per cluster. */
    public static final int SEED003_LIMIT = 21;
    /** The warning's code. */
    public static final String CODE = "DRIVE_LETTERS";

    private DriveLetters() {
    }

    /**
     * The drive letters the cluster's disks use now.
     *
     * @param cluster the cluster
     * @return the letters, e.g. "E:", in order
     */
    public static List<String> inUse(FailoverCluster cluster) {
        return cluster.diskPartitions().stream().filter(DiskPartition::hasDriveLetter).map(DiskPartition::path).sorted().toList();
    }

    /**
     * The warning when the cluster's disks use all {@code limit} letters: the next disk must be a
     * mount point.
     *
     * @param cluster the cluster
     * @param limit   the letters the cluster can give its disks, at least 1
     * @return the warning, or empty while letters remain
     * @throws IllegalArgumentException when the limit is below 1
     */
    public static Optional<ValidationWarning> check(FailoverCluster cluster, int limit) {
        if (limit < 1) throw new IllegalArgumentException("a drive-letter limit is at least 1, got " + limit);
        int used = inUse(cluster).size();
        if (used < limit) return Optional.empty();
        return Optional.of(new ValidationWarning(CODE, "the cluster's disks use " + used + " of its " + limit
                + " drive letters: add the next clustered disk as a highly available mount point (a folder on a lettered disk)"));
    }
}
