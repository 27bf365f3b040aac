package io.hyperv4j.sim;

/**
 * What a simulated guest does while its VM runs, in the rates resource metering integrates over
 * the VM's running time: processor use per virtual processor, disk I/O reaching its virtual disks
 * and traffic through its network adapters. A VM with no disk does no disk I/O and one with no
 * connected adapter moves no traffic, whatever its load says.
 *
 * @param cpuPerVp                fraction of each virtual processor busy with guest code, 0..1
 * @param readsPerSecond          reads a second to the VM's disks
 * @param writesPerSecond         writes a second
 * @param bytesPerIo              bytes per read or write
 * @param latencySeconds          how long each I/O takes
 * @param receivedBytesPerSecond  bytes a second the VM receives through its adapters
 * @param sentBytesPerSecond      bytes a second it sends
 */
public record GuestLoad(double cpuPerVp, double readsPerSecond, double writesPerSecond, double bytesPerIo,
                        double latencySeconds, double receivedBytesPerSecond, double sentBytesPerSecond) {
    /** An idle guest, the figures the perf module's lab counter source gives an idle VM. */
    public static final GuestLoad IDLE = new GuestLoad(0.02, 1, 2, 8192, 0.002, 2_000, 2_000);

    /**
     * Validates: the CPU share within 0..1, every rate finite and not negative, at least one byte per I/O.
     *
     * @param cpuPerVp                fraction of each virtual processor busy, 0..1
     * @param readsPerSecond          reads a second
     * @param writesPerSecond         writes a second
     * @param bytesPerIo              bytes per read or write
     * @param latencySeconds          latency of each I/O
     * @param receivedBytesPerSecond  bytes received a second
     * @param sentBytesPerSecond      bytes sent a second
     * @throws IllegalArgumentException naming the figure that is out of range
     */
    public GuestLoad {
        if (!(cpuPerVp >= 0 && cpuPerVp <= 1)) throw new IllegalArgumentException("cpuPerVp must be within 0..1, was " + cpuPerVp);
        check("readsPerSecond", readsPerSecond);
        check("writesPerSecond", writesPerSecond);
        check("latencySeconds", latencySeconds);
        check("receivedBytesPerSecond", receivedBytesPerSecond);
        check("sentBytesPerSecond", sentBytesPerSecond);
        if (!(bytesPerIo >= 1) || Double.isInfinite(bytesPerIo)) throw new IllegalArgumentException("bytesPerIo must be at least 1, was " + bytesPerIo);
    }

    /**
     * The bytes a second the guest's disk I/O moves: its reads and writes a second times the bytes
     * of each (the load a storage link carries for it, e.g. over the network while its CSV is redirected).
     *
     * @return bytes per second
     */
    public double diskBytesPerSecond() {
        return (readsPerSecond + writesPerSecond) * bytesPerIo;
    }

    private static void check(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException(name + " must be finite and not negative, was " + v);
    }
}
