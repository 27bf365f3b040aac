package io.hyperv4j.perf.judge;

/**
 * What thresholds relative to a host need to know: its physical memory (for "Available MBytes at
 * most 10 % of physical memory") and its network bandwidth (for "Bytes Total/sec at least 41 % of
 * bandwidth"; the paper uses the sum of the host's links, 4 x 1 Gbps).
 *
 * @param host                   the host's name
 * @param physicalMemoryMb       its physical memory in MB, positive
 * @param bandwidthBitsPerSecond its network bandwidth in bits per second, positive
 */
public record HostFacts(String host, long physicalMemoryMb, long bandwidthBitsPerSecond) {
    /**
     * Validates both quantities.
     *
     * @param host                   the host's name
     * @param physicalMemoryMb       its physical memory in MB
     * @param bandwidthBitsPerSecond its network bandwidth in bits per second
     * @throws IllegalArgumentException when a quantity is not positive
     */
    public HostFacts {
        if (physicalMemoryMb <= 0) throw new IllegalArgumentException("physicalMemoryMb must be positive for " + host);
        if (bandwidthBitsPerSecond <= 0) throw new IllegalArgumentException("bandwidthBitsPerSecond must be positive for " + host);
    }
}
