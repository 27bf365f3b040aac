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

    /**
     * Checks both constants.
     *
     * @param protocolEfficiency       share of the line rate carrying file bytes, in (0, 1]
     * @param sourceReadBytesPerSecond the source disk's read rate, positive and finite
     * @throws IllegalArgumentException naming the constant out of range
     */
    public BitsCopy {
        if (!(protocolEfficiency > 0 && protocolEfficiency <= 1))
            throw new IllegalArgumentException("protocol efficiency must be in (0, 1]: " + protocolEfficiency);
        if (!(sourceReadBytesPerSecond > 0) || Double.isInfinite(sourceReadBytesPerSecond))
            throw new IllegalArgumentException("source disk rate must be positive and finite: " + sourceReadBytesPerSecond);
    }

    /**
     * Bytes a second the copy moves over a link of {@code bitsPerSecond}.
     *
     * @param bitsPerSecond the link's line rate, positive
     * @return the copy rate, bytes per second (below both the wire's and the disk's)
     * @throws IllegalArgumentException when the line rate is not positive
     */
    public double rate(double bitsPerSecond) {
        if (!(bitsPerSecond > 0)) throw new IllegalArgumentException("bandwidth must be positive: " + bitsPerSecond);
        double network = bitsPerSecond / 8 * protocolEfficiency;
        return 1 / (1 / network + 1 / sourceReadBytesPerSecond);
    }
}
