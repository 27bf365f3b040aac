package io.hyperv4j.perf.sim;

/**
 * What a data-protection job does inside the guests of the host it runs on, in physical terms:
 * processor time (the guests' VSS writers and requester work, more for a replica than for an
 * express full or synchronisation, plus the work their applications spend around each job read on
 * the volume they share), memory (the guests' VSS, for a host-level job: the Hyper-V writer
 * quiesces them through integration services; an in-guest agent's job takes none) and the
 * application's RPC latency, which grows with the processor time the job takes from it.
 *
 * @param replicaCpuPerVp      each guest's extra processor use during a replica (fraction of a virtual processor)
 * @param otherCpuPerVp        the same during an express full or synchronisation
 * @param cpuPerVolumeRead     extra processor use per job read a second on the guests' volume
 * @param vssMemoryMb          memory the guest's VSS takes during a host-level job
 * @param rpcPerCpuPoint       RPC latency's growth per point (1 %) of extra processor use: latency x (1 + this x points)
 */
public record GuestEffects(double replicaCpuPerVp, double otherCpuPerVp, double cpuPerVolumeRead, double vssMemoryMb, double rpcPerCpuPoint) {
    /** Nothing happens in the guests. */
    public static final GuestEffects NONE = new GuestEffects(0, 0, 0, 0, 0);

    /**
     * The extra processor use in every guest during a job phase.
     *
     * @param replica     whether the job is a replica
     * @param volumeReads the job's reads a second on the guests' volume (0 when it reads a split secondary)
     * @return a fraction of each virtual processor
     */
    public double cpuPerVp(boolean replica, double volumeReads) {
        return (replica ? replicaCpuPerVp : otherCpuPerVp) + cpuPerVolumeRead * volumeReads;
    }

    /**
     * The factor on the application's RPC latency for extra processor use.
     *
     * @param cpuPerVp the extra processor use, a fraction of each virtual processor
     * @return the factor, 1 for none
     */
    public double rpcFactor(double cpuPerVp) {
        return 1 + rpcPerCpuPoint * cpuPerVp * 100;
    }
}
