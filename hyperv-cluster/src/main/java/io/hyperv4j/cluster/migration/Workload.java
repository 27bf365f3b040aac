package io.hyperv4j.cluster.migration;

/**
 * How a guest writes its memory: a dirty rate and the share of memory it keeps rewriting.
 * The named profiles are the model's calibration workloads (see hyperv-cluster/docs/cluster.md).
 *
 * @param dirtyBytesPerSecond bytes written per second while the VM runs
 * @param workingSetFraction  share of the VM's memory the workload rewrites (0..1)
 */
public record Workload(double dirtyBytesPerSecond, double workingSetFraction) {
    private static final double MIB = 1024 * 1024;

    /** A VM that writes almost nothing (idle guest, file server at rest). */
    public static final Workload IDLE = new Workload(2 * MIB, 0.05);
    /** Seed 000's SQL Server 2008 guest running one long update transaction in a loop. */
    public static final Workload SQL_LONG_TRANSACTION = new Workload(18 * MIB, 0.25);
    /** A memory-bound workload (in-memory cache under heavy writes). */
    public static final Workload HEAVY = new Workload(200 * MIB, 0.5);

    /**
     * Validates the rate and the fraction.
     *
     * @param dirtyBytesPerSecond bytes written a second, finite and not negative
     * @param workingSetFraction  share of memory rewritten, 0..1
     * @throws IllegalArgumentException when either is out of range
     */
    public Workload {
        if (!(dirtyBytesPerSecond >= 0) || Double.isInfinite(dirtyBytesPerSecond))
            throw new IllegalArgumentException("dirty rate must be finite and not negative: " + dirtyBytesPerSecond);
        if (!(workingSetFraction >= 0 && workingSetFraction <= 1))
            throw new IllegalArgumentException("working-set fraction must be within 0..1: " + workingSetFraction);
    }

    /**
     * The memory this workload keeps rewriting in a VM of {@code memoryBytes}.
     *
     * @param memoryBytes the VM's memory
     * @return the working set in bytes
     */
    public long workingSetBytes(long memoryBytes) {
        return (long) (memoryBytes * workingSetFraction);
    }
}
