package io.hyperv4j.substrate;

/**
 * How fast a background (BITS) copy moves a VM's files from one host's disks to another's while
 * the VM runs: it reads a chunk from the source's disk, then sends it, one chunk at a time, so its
 * rate is {@code 1 / (1/network + 1/disk)} with the network at its protocol efficiency. The one fit
 * of seed 000's network transfer, used by the management server's network transfer
 * (hyperv-scvmm) and by the perf module's standalone scenario of it, so both copy at one rate.
 *
 * <p>{@link #CALIBRATED}: seed 000 copied the VM's VHD (8.4 GB) and snapshot (9.5 GB) over 1 GbE in
 * 900 s of its 945.7 s; with live migration's 94 % of the line rate on the wire, the source's disk
 * under the running VM reads 23.94 MB/s (Table 4-8 shows it saturated, 215 ms a read), so the copy
 * moves 19.89 MB/s.
 *
 * @param protocolEfficiency       share of the line rate that carries file bytes, in (0, 1]
 * @param sourceReadBytesPerSecond the source's disk under the running VM, bytes a second
 */
public record BitsCopy(double protocolEfficiency, double sourceReadBytesPerSecond) {
    /** Seed 000's fit: 94 % of the line rate, 23.9414 MB/s from the source's disk. */
    public static final BitsCopy CALIBRATED = new BitsCopy(0.94, 23.9414e6);
    /** Line rates a copy accepts, bits a second: 1 kb/s to 1 Tb/s (as live migration's links). */
    public static final double MIN_BITS_PER_SECOND = 1e3, MAX_BITS_PER_SECOND = 1e12;
    /** The least protocol efficiency accepted (1 %). */
    public static final double MIN_EFFICIENCY = 0.01;
    /** Disk read rates accepted, bytes a second: 1 B/s to 10 TB/s. */
    public static final double MIN_DISK_BYTES_PER_SECOND = 1, MAX_DISK_BYTES_PER_SECOND = 1e13;

    /**
     * Checks both constants.
     *
     * @param protocolEfficiency       share of the line rate carrying file bytes, {@link #MIN_EFFICIENCY}..1
     * @param sourceReadBytesPerSecond the source disk's read rate, {@link #MIN_DISK_BYTES_PER_SECOND}..{@link #MAX_DISK_BYTES_PER_SECOND}
     * @throws IllegalArgumentException naming the constant out of range
     */
    public BitsCopy {
        if (!(protocolEfficiency >= MIN_EFFICIENCY && protocolEfficiency <= 1))
            throw new IllegalArgumentException("protocol efficiency must be within " + MIN_EFFICIENCY + "..1: " + protocolEfficiency);
        if (!(sourceReadBytesPerSecond >= MIN_DISK_BYTES_PER_SECOND && sourceReadBytesPerSecond <= MAX_DISK_BYTES_PER_SECOND))
            throw new IllegalArgumentException("source disk rate must be within " + MIN_DISK_BYTES_PER_SECOND + ".." + MAX_DISK_BYTES_PER_SECOND
                    + " bytes/s: " + sourceReadBytesPerSecond);
    }

    /**
     * Bytes a second the copy moves over a link of {@code bitsPerSecond}.
     *
     * @param bitsPerSecond the link's line rate, {@link #MIN_BITS_PER_SECOND}..{@link #MAX_BITS_PER_SECOND}
     * @return the copy rate, bytes per second (below both the wire's and the disk's)
     * @throws IllegalArgumentException when the line rate is out of range
     */
    public double rate(double bitsPerSecond) {
        if (!(bitsPerSecond >= MIN_BITS_PER_SECOND && bitsPerSecond <= MAX_BITS_PER_SECOND))
            throw new IllegalArgumentException("bandwidth must be within " + MIN_BITS_PER_SECOND + ".." + MAX_BITS_PER_SECOND + " bits/s: " + bitsPerSecond);
        double network = bitsPerSecond / 8 * protocolEfficiency;
        return 1 / (1 / network + 1 / sourceReadBytesPerSecond);
    }
}
