package io.hyperv4j.vhd;

/** Allocation type of a virtual disk (Get-VHD's VhdType). */
public enum VhdType {
    /** Every block is allocated when the disk is created. */
    FIXED,
    /** Blocks are allocated as they are written. */
    DYNAMIC,
    /** Stores only what differs from a parent disk. */
    DIFFERENCING
}
