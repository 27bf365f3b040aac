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

    public VmWorkload {
        if (cpuPerVp < 0 || cpuPerVp > 1) throw new IllegalArgumentException("cpuPerVp must be within 0..1, was " + cpuPerVp);
    }

    /** A workload built by name; everything not set is zero (an idle VM with no disk or network). */
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

        /** Fraction of each virtual processor busy with guest code, 0..1. */
        public Builder cpuPerVp(double value) { cpuPerVp = value; return this; }
        /** Hypervisor run time per unit of guest run time. */
        public Builder hypervisorOverhead(double value) { hypervisorOverhead = value; return this; }
        /** Reads per second reaching the host disk, each taking {@code latencySeconds}. */
        public Builder reads(double perSecond, double latencySeconds) { readsPerSec = perSecond; readLatencySeconds = latencySeconds; return this; }
        /** Writes per second reaching the host disk, each taking {@code latencySeconds}. */
        public Builder writes(double perSecond, double latencySeconds) { writesPerSec = perSecond; writeLatencySeconds = latencySeconds; return this; }
        /** Bytes per read or write (default 8192). */
        public Builder bytesPerIo(double value) { bytesPerIo = value; return this; }
        /** The PhysicalDisk instance holding the VM's virtual disk (default "0 C:"). */
        public Builder hostDisk(String value) { hostDisk = value; return this; }
        /** Bytes per second the VM sends and receives through its virtual adapter. */
        public Builder network(double sentPerSecond, double receivedPerSecond) { sent = sentPerSecond; received = receivedPerSecond; return this; }

        public VmWorkload build() {
            return new VmWorkload(cpuPerVp, hypervisorOverhead, readsPerSec, writesPerSec, bytesPerIo, readLatencySeconds,
                    writeLatencySeconds, hostDisk, sent, received);
        }
    }
}
