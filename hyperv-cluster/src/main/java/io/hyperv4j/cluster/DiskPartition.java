package io.hyperv4j.cluster;

import io.hyperv4j.cim.CimInstance;

/**
 * A partition of a cluster disk, as MSCluster_DiskPartition describes it.
 *
 * @param path        where it is mounted: a drive letter ("X:"), a folder (a mount point), a CSV
 *                    path, or its volume GUID path when it is mounted nowhere
 * @param volumeLabel the volume's label
 * @param fileSystem  e.g. "NTFS"
 * @param totalMb     its size in megabytes
 * @param freeMb      its free space in megabytes
 */
public record DiskPartition(String path, String volumeLabel, String fileSystem, long totalMb, long freeMb) {
    /**
     * Whether the partition is mounted at a drive letter.
     *
     * @return whether its path is a letter and a colon
     */
    public boolean hasDriveLetter() {
        return path.length() == 2 && Character.isLetter(path.charAt(0)) && path.charAt(1) == ':';
    }

    static DiskPartition from(CimInstance i) {
        return new DiskPartition(MsCluster.str(i, "Path"), MsCluster.str(i, "VolumeLabel"), MsCluster.str(i, "FileSystem"),
                MsCluster.num(i, "TotalSize", 0), MsCluster.num(i, "FreeSpace", 0));
    }
}
