package io.hyperv4j.perf.sim;

/**
 * What a running VM does, in physical terms: processor use per virtual processor, hypervisor
 * overhead per unit of guest time, disk I/O to its virtual disk (on a host disk) and network traffic
 * through its virtual adapter.
 *
 * @param cpuPerVp                 fraction of each virtual processor busy with guest code
 * @param hypervisorOverhead       hypervisor run time per unit of guest run time
 * @param readsPerSec              reads per second reaching the host disk
 * @param writesPerSec             writes per second
 * @param bytesPerIo               bytes per read or write
 * @param readLatencySeconds       latency of each read
 * @param writeLatencySeconds      latency of each write
 * @param hostDisk                 PhysicalDisk instance holding the VM's virtual disk
 * @param networkSentBytesPerSec   bytes the VM sends through its virtual adapter
 * @param networkReceivedBytesPerSec bytes it receives
 */
public record VmWorkload(double cpuPerVp, double hypervisorOverhead, double readsPerSec, double writesPerSec,
                         double bytesPerIo, double readLatencySeconds, double writeLatencySeconds, String hostDisk,
                         double networkSentBytesPerSec, double networkReceivedBytesPerSec) {

    /**
     * Validates {@code cpuPerVp}.
     *
     * @param cpuPerVp                   fraction of each virtual processor busy, 0..1
     * @param hypervisorOverhead         hypervisor run time per unit of guest run time
     * @param readsPerSec                reads a second
     * @param writesPerSec               writes a second
     * @param bytesPerIo                 bytes per read or write
     * @param readLatencySeconds         latency of each read
     * @param writeLatencySeconds        latency of each write
     * @param hostDisk                   PhysicalDisk instance holding the virtual disk
     * @param networkSentBytesPerSec     bytes sent a second
     * @param networkReceivedBytesPerSec bytes received a second
     * @throws IllegalArgumentException when {@code cpuPerVp} is outside 0..1
     */
    public VmWorkload {
        if (cpuPerVp < 0 || cpuPerVp > 1) throw new IllegalArgumentException("cpuPerVp must be within 0..1, was " + cpuPerVp);
    }

    /**
     * A workload built by name; everything not set is zero (an idle VM with no disk or network).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Names each figure of a {@link VmWorkload}. */
    public static final class Builder {
        private double cpuPerVp, hypervisorOverhead, readsPerSec, writesPerSec, bytesPerIo = 8192;
        private double readLatencySeconds, writeLatencySeconds, sent, received;
        private String hostDisk = "0 C:";

        private Builder() {
        }

        /**
         * Fraction of each virtual processor busy with guest code, 0..1.
         *
         * @param value the fraction, 0..1
         * @return this builder
         */
        public Builder cpuPerVp(double value) { cpuPerVp = value; return this; }
        /**
         * Hypervisor run time per unit of guest run time.
         *
         * @param value the ratio
         * @return this builder
         */
        public Builder hypervisorOverhead(double value) { hypervisorOverhead = value; return this; }
        /**
         * Reads per second reaching the host disk, each taking {@code latencySeconds}.
         *
         * @param perSecond      reads a second
         * @param latencySeconds latency of each
         * @return this builder
         */
        public Builder reads(double perSecond, double latencySeconds) { readsPerSec = perSecond; readLatencySeconds = latencySeconds; return this; }
        /**
         * Writes per second reaching the host disk, each taking {@code latencySeconds}.
         *
         * @param perSecond      writes a second
         * @param latencySeconds latency of each
         * @return this builder
         */
        public Builder writes(double perSecond, double latencySeconds) { writesPerSec = perSecond; writeLatencySeconds = latencySeconds; return this; }
        /**
         * Bytes per read or write (default 8192).
         *
         * @param value the bytes
         * @return this builder
         */
        public Builder bytesPerIo(double value) { bytesPerIo = value; return this; }
        /**
         * The PhysicalDisk instance holding the VM's virtual disk (default "0 C:").
         *
         * @param value the instance's name
         * @return this builder
         */
        public Builder hostDisk(String value) { hostDisk = value; return this; }
        /**
         * Bytes per second the VM sends and receives through its virtual adapter.
         *
         * @param sentPerSecond     bytes sent a second
         * @param receivedPerSecond bytes received a second
         * @return this builder
         */
        public Builder network(double sentPerSecond, double receivedPerSecond) { sent = sentPerSecond; received = receivedPerSecond; return this; }

        /**
         * The workload.
         *
         * @return the workload
         * @throws IllegalArgumentException when {@code cpuPerVp} is outside 0..1
         */
        public VmWorkload build() {
            return new VmWorkload(cpuPerVp, hypervisorOverhead, readsPerSec, writesPerSec, bytesPerIo, readLatencySeconds,
                    writeLatencySeconds, hostDisk, sent, received);
        }
    }
}
