package io.hyperv4j.vhd;

/** What one allocation unit (a block) of a disk layer holds. */
public enum Allocation {
    /** Nothing stored in this layer: reads come from the parent, or are zeros without one. */
    NOT_PRESENT,
    /** Explicitly zero in this layer (reads are zeros even when a parent has data). */
    ZERO,
    /** Data stored in this layer (for differencing disks: at least some sectors). */
    DATA
}
