package io.hyperv4j.perf.sim;

/**
 * The host's own steady activity: the management OS, its services, other clients' traffic. Set
 * once per host; a scenario fits it to the host's measured idle state.
 */
public final class Background implements Activity {
    private double rootLp;
    private double hypervisorLp;
    private double committedMb;
    private double inUseMb;
    private double pagesPerSec;
    private int disk = -1;
    private double readsPerSec, readLatency, writesPerSec, writeLatency, bytesPerIo = 8192;
    private int nic = -1;
    private double nicSent, nicReceived, nicQueue;
    private int adapter = -1;
    private double adapterSent, adapterReceived;

    /**
     * A quiet management OS on a host with {@code memoryMb} installed: 0.2 logical processors (and
     * 0.02 of hypervisor time), a tenth of memory committed and a twentieth in use, 5 hard page
     * faults a second, a trickle of I/O on the first disk and of traffic on the first adapter.
     */
    public static Background quietHost(long memoryMb) {
        return new Background().cpu(0.2, 0.02).memory(memoryMb * 0.1, memoryMb * 0.05, 5).disk(0, 5, 0.002, 10, 0.001)
                .network(0, 20_000, 20_000, 0);
    }

    /** Processor use of the management OS, in logical processors, and the hypervisor time it causes. */
    public Background cpu(double rootLogicalProcessors, double hypervisorLogicalProcessors) {
        rootLp = rootLogicalProcessors;
        hypervisorLp = hypervisorLogicalProcessors;
        return this;
    }

    /** Committed virtual memory and physical memory in use by the management OS. */
    public Background memory(double committedMegabytes, double inUseMegabytes, double hardPagesPerSec) {
        committedMb = committedMegabytes;
        inUseMb = inUseMegabytes;
        pagesPerSec = hardPagesPerSec;
        return this;
    }

    public Background disk(int diskIndex, double reads, double readLatencySeconds, double writes, double writeLatencySeconds) {
        disk = diskIndex;
        readsPerSec = reads;
        readLatency = readLatencySeconds;
        writesPerSec = writes;
        writeLatency = writeLatencySeconds;
        return this;
    }

    public Background network(int nicIndex, double sentBytesPerSec, double receivedBytesPerSec, double outputQueue) {
        nic = nicIndex;
        nicSent = sentBytesPerSec;
        nicReceived = receivedBytesPerSec;
        nicQueue = outputQueue;
        return this;
    }

    /** Traffic of one of the management OS's virtual adapters. */
    public Background hostAdapter(int adapterIndex, double sentBytesPerSec, double receivedBytesPerSec) {
        adapter = adapterIndex;
        adapterSent = sentBytesPerSec;
        adapterReceived = receivedBytesPerSec;
        return this;
    }

    @Override
    public void apply(long tMillis, HostModel host, Load load) {
        load.root(rootLp, hypervisorLp, committedMb, inUseMb, pagesPerSec);
        if (disk >= 0) {
            load.read(disk, readsPerSec, bytesPerIo, readLatency);
            load.write(disk, writesPerSec, bytesPerIo, writeLatency);
        }
        if (nic >= 0) {
            load.nicSent[nic] += nicSent;
            load.nicReceived[nic] += nicReceived;
            load.nicQueue[nic] += nicQueue;
        }
        if (adapter >= 0) {
            load.hostAdapterSent[adapter] += adapterSent;
            load.hostAdapterReceived[adapter] += adapterReceived;
        }
    }

    @Override
    public long nextChange(long tMillis) {
        return Long.MAX_VALUE;
    }
}
