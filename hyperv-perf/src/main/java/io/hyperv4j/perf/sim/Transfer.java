package io.hyperv4j.perf.sim;

/**
 * Load that exists for a while on one host: a migration's memory copy, a file copy's reads or
 * writes, saving or restoring a VM's state, a backup reading a volume. Active on
 * {@code [startMillis, endMillis)}.
 */
public final class Transfer implements Activity {
    private final String name;
    private final long startMillis;
    private final long endMillis;
    private double rootLp, hypervisorLp, inUseMb, committedMb, pagesPerSec;
    private int readDisk = -1, writeDisk = -1, sendNic = -1, receiveNic = -1;
    private double reads, readBytes, readLatency, writes, writeBytes, writeLatency, sent, received, queue;

    public Transfer(String name, long startMillis, long endMillis) {
        if (endMillis <= startMillis) throw new IllegalArgumentException(name + ": end must be after start");
        this.name = name;
        this.startMillis = startMillis;
        this.endMillis = endMillis;
    }

    public String name() {
        return name;
    }

    public long startMillis() {
        return startMillis;
    }

    public long endMillis() {
        return endMillis;
    }

    public Transfer cpu(double rootLogicalProcessors, double hypervisorLogicalProcessors) {
        rootLp = rootLogicalProcessors;
        hypervisorLp = hypervisorLogicalProcessors;
        return this;
    }

    /** Physical memory held, extra committed memory, and the hard page faults the transfer causes. */
    public Transfer memory(double inUseMegabytes, double committedMegabytes, double hardPagesPerSec) {
        inUseMb = inUseMegabytes;
        committedMb = committedMegabytes;
        pagesPerSec = hardPagesPerSec;
        return this;
    }

    public Transfer read(int disk, double opsPerSec, double bytesEach, double latencySeconds) {
        readDisk = disk;
        reads = opsPerSec;
        readBytes = bytesEach;
        readLatency = latencySeconds;
        return this;
    }

    public Transfer write(int disk, double opsPerSec, double bytesEach, double latencySeconds) {
        writeDisk = disk;
        writes = opsPerSec;
        writeBytes = bytesEach;
        writeLatency = latencySeconds;
        return this;
    }

    public Transfer send(int nic, double bytesPerSec, double outputQueue) {
        sendNic = nic;
        sent = bytesPerSec;
        queue = outputQueue;
        return this;
    }

    public Transfer receive(int nic, double bytesPerSec) {
        receiveNic = nic;
        received = bytesPerSec;
        return this;
    }

    @Override
    public void apply(long tMillis, HostModel host, Load load) {
        if (tMillis < startMillis || tMillis >= endMillis) return;
        load.root(rootLp, hypervisorLp, committedMb, inUseMb, pagesPerSec);
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
