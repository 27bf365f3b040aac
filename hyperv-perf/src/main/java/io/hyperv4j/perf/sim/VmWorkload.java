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
}
