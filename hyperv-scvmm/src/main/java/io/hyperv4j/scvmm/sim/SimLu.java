package io.hyperv4j.scvmm.sim;

import java.util.BitSet;

/**
 * A logical unit. A fixed LU takes its whole size from a RAID group when created; a thin (virtual)
 * LU takes pool pages only as they are first written, so thin LUs may promise more than the pool has.
 */
public final class SimLu {
    final int number;
    final String name;
    final long bytes;
    /** The RAID group of a fixed LU, or -1. */
    final int raidGroup;
    /** The pool of a thin LU, or -1. */
    final int pool;
    /** Pages written at least once (thin: allocated from the pool; every LU: what a pair copy moves). */
    final BitSet written = new BitSet();
    /** Pages written since the pair it belongs to was split. */
    final BitSet changedSinceSplit = new BitSet();
    /** VMs whose disk files the LU holds (a CSV's or a VM's own volume), by id. */
    final java.util.Set<String> vmFiles = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    /** Where each VM drive's data lies on the LU ("VMID/drive" to its extent), placed at its first write. */
    final java.util.Map<String, Extent> extents = new java.util.LinkedHashMap<>();
    /** Throughput and I/O operations per second (infinite: no limit) of its link on the lab's fabric: saves, restores and I/O share them. */
    double bytesPerSecond = io.hyperv4j.substrate.StorageModel.CALIBRATED.restoreBytesPerSecond(), iops = Double.POSITIVE_INFINITY;

    SimLu(int number, String name, long bytes, int raidGroup, int pool) {
        this.number = number;
        this.name = name;
        this.bytes = bytes;
        this.raidGroup = raidGroup;
        this.pool = pool;
    }

    public int number() { return number; }
    public String name() { return name; }
    public long bytes() { return bytes; }
    public boolean thin() { return pool >= 0; }
    public int raidGroup() { return raidGroup; }
    public int pool() { return pool; }
    public double bytesPerSecond() { return bytesPerSecond; }
    public double iops() { return iops; }
    /** Pages written at least once (what a pair copy moves): a copy. */
    public BitSet writtenPages() { return (BitSet) written.clone(); }
    /** VMs whose disk files the LU holds. */
    public java.util.Set<String> vmFiles() { return java.util.Collections.unmodifiableSet(vmFiles); }
    /** Where each VM drive's data lies ("VMID/drive" to its extent). */
    public java.util.Map<String, Extent> extents() { return java.util.Collections.unmodifiableMap(extents); }

    /** A drive's data on the LU: {@code bytes} from byte {@code offset}, whole pages. */
    public record Extent(long offset, long bytes) {
    }
}
