package io.hyperv4j.vhd;

/** How a disk is opened. Parents of differencing disks are always opened read-only. */
public enum OpenMode {
    /** Reads only; the file is never changed (a VHDX log is replayed in memory). */
    READ_ONLY,
    /** Reads and writes. */
    READ_WRITE
}
