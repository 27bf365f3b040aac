package io.hyperv4j.vhd;

/** How a disk is opened. Parents of differencing disks are always opened read-only. */
public enum OpenMode {
    READ_ONLY, READ_WRITE
}
