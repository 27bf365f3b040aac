package io.hyperv4j.perf.sim;

/**
 * Load that exists for a while on one host: a migration's memory copy, a file copy's reads or
 * writes, saving or restoring a VM's state, a backup reading a volume. Active on
 * {@code [startMillis, endMillis)}.
 * <p>Not thread-safe: set it up on one thread, then add it to a {@link HostModel}, which reads it under its own lock.
 */
public final class Transfer implements Activity {
    private final String name;
    private final long startMillis;
    private final long endMillis;
    private double rootLp, hypervisorLp, inUseMb, committedMb, pagesPerSec;
    private int readDisk = -1, writeDisk = -1, sendNic = -1, receiveNic = -1;
    private double reads, readBytes, readLatency, writes, writeBytes, writeLatency, sent, received, queue, guestCpuPerVp;

    /**
     * A transfer loading nothing yet; the builder methods add its demand.
     *
     * @param name        what it is, for messages
     * @param startMillis when it begins
     * @param endMillis   when it ends (after the start)
     * @throws IllegalArgumentException when it ends before it begins
     */
    public Transfer(String name, long startMillis, long endMillis) {
        if (endMillis <= startMillis) throw new IllegalArgumentException(name + ": end must be after start");
        this.name = name;
        this.startMillis = startMillis;
        this.endMillis = endMillis;
    }

    /**
     * What it is.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * When it begins.
     *
     * @return the time, in the model's milliseconds
     */
    public long startMillis() {
        return startMillis;
    }

    /**
     * When it ends.
     *
     * @return the time, in the model's milliseconds
     */
    public long endMillis() {
        return endMillis;
    }

    /**
     * Processor time it costs.
     *
     * @param rootLogicalProcessors       in the management OS, in logical processors
     * @param hypervisorLogicalProcessors in the hypervisor, in logical processors
     * @return this transfer
     */
    public Transfer cpu(double rootLogicalProcessors, double hypervisorLogicalProcessors) {
        rootLp = rootLogicalProcessors;
        hypervisorLp = hypervisorLogicalProcessors;
        return this;
    }

    /**
     * Physical memory held, extra committed memory, and the hard page faults the transfer causes.
     *
     * @param inUseMegabytes     physical memory held
     * @param committedMegabytes extra committed memory
     * @param hardPagesPerSec    hard page faults a second
     * @return this transfer
     */
    public Transfer memory(double inUseMegabytes, double committedMegabytes, double hardPagesPerSec) {
        inUseMb = inUseMegabytes;
        committedMb = committedMegabytes;
        pagesPerSec = hardPagesPerSec;
        return this;
    }

    /**
     * Reads it issues on one disk.
     *
     * @param disk           the disk's index
     * @param opsPerSec      reads a second
     * @param bytesEach      bytes per read
     * @param latencySeconds latency of each read
     * @return this transfer
     */
    public Transfer read(int disk, double opsPerSec, double bytesEach, double latencySeconds) {
        readDisk = disk;
        reads = opsPerSec;
        readBytes = bytesEach;
        readLatency = latencySeconds;
        return this;
    }

    /**
     * Writes it issues on one disk.
     *
     * @param disk           the disk's index
     * @param opsPerSec      writes a second
     * @param bytesEach      bytes per write
     * @param latencySeconds latency of each write
     * @return this transfer
     */
    public Transfer write(int disk, double opsPerSec, double bytesEach, double latencySeconds) {
        writeDisk = disk;
        writes = opsPerSec;
        writeBytes = bytesEach;
        writeLatency = latencySeconds;
        return this;
    }

    /**
     * Traffic it sends on one physical adapter.
     *
     * @param nic         the adapter's index
     * @param bytesPerSec bytes a second
     * @param outputQueue the output queue length it causes
     * @return this transfer
     */
    public Transfer send(int nic, double bytesPerSec, double outputQueue) {
        sendNic = nic;
        sent = bytesPerSec;
        queue = outputQueue;
        return this;
    }

    /**
     * Traffic it receives on one physical adapter.
     *
     * @param nic         the adapter's index
     * @param bytesPerSec bytes a second
     * @return this transfer
     */
    public Transfer receive(int nic, double bytesPerSec) {
        receiveNic = nic;
        received = bytesPerSec;
        return this;
    }

    /**
     * Processor time it costs inside every guest running on the host (what the guests' own side of
     * a backup does: their VSS writers, their applications working around the job's I/O).
     *
     * @param perVirtualProcessor fraction of each running VM's virtual processors, 0..1
     * @return this transfer
     */
    public Transfer guestCpu(double perVirtualProcessor) {
        guestCpuPerVp = perVirtualProcessor;
        return this;
    }

    @Override
    public void apply(long tMillis, HostModel host, Load load) {
        if (tMillis < startMillis || tMillis >= endMillis) return;
        load.root(rootLp, hypervisorLp, committedMb, inUseMb, pagesPerSec);
        if (guestCpuPerVp > 0) host.addGuestCpu(tMillis, guestCpuPerVp, load);
        if (readDisk >= 0) load.read(readDisk, reads, readBytes, readLatency);
        if (writeDisk >= 0) load.write(writeDisk, writes, writeBytes, writeLatency);
        if (sendNic >= 0) {
            load.nicSent[sendNic] += sent;
            load.nicQueue[sendNic] += queue;
        }
        if (receiveNic >= 0) load.nicReceived[receiveNic] += received;
    }

    @Override
    public long nextChange(long tMillis) {
        if (tMillis < startMillis) return startMillis;
        if (tMillis < endMillis) return endMillis;
        return Long.MAX_VALUE;
    }
}
