package io.hyperv4j.perf.sim;

import java.util.Arrays;

/**
 * The instantaneous demand on a host at one moment, summed over its activities. Rates are per
 * second; disk "time" rates are seconds of I/O latency accrued per second (operations times their
 * latency), which is what Avg. Disk sec/Read and the queue lengths are made of. Reused, never
 * reallocated, so integrating a host allocates nothing.
 * <p>Not thread-safe: one {@link HostModel} fills it under its monitor.
 */
public final class Load {
    /** Logical processors' worth of guest (including root partition) and hypervisor run time. */
    public double guestLp;
    /** Logical processors' worth of hypervisor run time. */
    public double hypervisorLp;
    /** The part of {@link #guestLp} that the root (management) partition runs: the OS's own Processor time. */
    public double guestRootLp;
    /** Committed virtual memory, MB. */
    public double committedMb;
    /** Physical memory in use, MB. */
    public double inUseMb;
    /** Hard page faults a second. */
    public double pagesPerSec;
    /** Reads a second, per disk (index of {@link HostSpec#disks()}). */
    public final double[] diskReads;
    /** Writes a second, per disk. */
    public final double[] diskWrites;
    /** Seconds of read latency accrued a second, per disk. */
    public final double[] diskReadSeconds;
    /** Seconds of write latency accrued a second, per disk. */
    public final double[] diskWriteSeconds;
    /** Bytes read a second, per disk. */
    public final double[] diskReadBytes;
    /** Bytes written a second, per disk. */
    public final double[] diskWriteBytes;
    /** Bytes sent a second, per physical adapter (index of {@link HostSpec#nics()}). */
    public final double[] nicSent;
    /** Bytes received a second, per physical adapter. */
    public final double[] nicReceived;
    /** Output queue length, per physical adapter. */
    public final double[] nicQueue;
    /** The management OS's virtual adapters (index of {@link HostSpec#hostAdapters()}). */
    public final double[] hostAdapterSent;
    /** Bytes received a second, per management-OS virtual adapter. */
    public final double[] hostAdapterReceived;
    /** Per VM (index of {@link HostModel#vms()}): guest and hypervisor run time per virtual processor. */
    public final double[] vmGuestPerVp;
    /** Per VM: hypervisor run time per virtual processor. */
    public final double[] vmHypervisorPerVp;
    /** Per VM: bytes its virtual adapter sends a second. */
    public final double[] vnicSent;
    /** Per VM: bytes its virtual adapter receives a second. */
    public final double[] vnicReceived;
    /** Per VM: bytes read from its virtual disk a second. */
    public final double[] vhdReadBytes;
    /** Per VM: bytes written to its virtual disk a second. */
    public final double[] vhdWriteBytes;
    /** Per VM: reads from its virtual disk a second. */
    public final double[] vhdReads;
    /** Per VM: writes to its virtual disk a second. */
    public final double[] vhdWrites;

    private final double[][] arrays;

    Load(int disks, int nics, int hostAdapters, int vms) {
        hostAdapterSent = new double[hostAdapters];
        hostAdapterReceived = new double[hostAdapters];
        diskReads = new double[disks];
        diskWrites = new double[disks];
        diskReadSeconds = new double[disks];
        diskWriteSeconds = new double[disks];
        diskReadBytes = new double[disks];
        diskWriteBytes = new double[disks];
        nicSent = new double[nics];
        nicReceived = new double[nics];
        nicQueue = new double[nics];
        vmGuestPerVp = new double[vms];
        vmHypervisorPerVp = new double[vms];
        vnicSent = new double[vms];
        vnicReceived = new double[vms];
        vhdReadBytes = new double[vms];
        vhdWriteBytes = new double[vms];
        vhdReads = new double[vms];
        vhdWrites = new double[vms];
        arrays = new double[][]{diskReads, diskWrites, diskReadSeconds, diskWriteSeconds, diskReadBytes,
                diskWriteBytes, nicSent, nicReceived, nicQueue, vmGuestPerVp, vmHypervisorPerVp, vnicSent, vnicReceived,
                vhdReadBytes, vhdWriteBytes, vhdReads, vhdWrites, hostAdapterSent, hostAdapterReceived};
    }

    /**
     * Adds the management OS's own work: its logical processors (guest time in the root), the hypervisor time they cause, and its memory.
     *
     * @param rootLp       the OS's processor use, in logical processors
     * @param hypervisorLp the hypervisor time it causes, in logical processors
     * @param committedMb  committed virtual memory, MB
     * @param inUseMb      physical memory in use, MB
     * @param pagesPerSec  hard page faults a second
     */
    public void root(double rootLp, double hypervisorLp, double committedMb, double inUseMb, double pagesPerSec) {
        this.guestLp += rootLp;
        this.guestRootLp += rootLp;
        this.hypervisorLp += hypervisorLp;
        this.committedMb += committedMb;
        this.inUseMb += inUseMb;
        this.pagesPerSec += pagesPerSec;
    }

    /**
     * Adds reads of {@code bytesEach} at {@code latencySeconds} each.
     *
     * @param disk           the disk's index
     * @param opsPerSec      reads a second
     * @param bytesEach      bytes per read
     * @param latencySeconds latency of each read
     */
    public void read(int disk, double opsPerSec, double bytesEach, double latencySeconds) {
        diskReads[disk] += opsPerSec;
        diskReadBytes[disk] += opsPerSec * bytesEach;
        diskReadSeconds[disk] += opsPerSec * latencySeconds;
    }

    /**
     * Adds writes of {@code bytesEach} at {@code latencySeconds} each.
     *
     * @param disk           the disk's index
     * @param opsPerSec      writes a second
     * @param bytesEach      bytes per write
     * @param latencySeconds latency of each write
     */
    public void write(int disk, double opsPerSec, double bytesEach, double latencySeconds) {
        diskWrites[disk] += opsPerSec;
        diskWriteBytes[disk] += opsPerSec * bytesEach;
        diskWriteSeconds[disk] += opsPerSec * latencySeconds;
    }

    void clear() {
        guestLp = hypervisorLp = committedMb = inUseMb = pagesPerSec = 0;
        guestRootLp = 0;
        for (double[] a : arrays) Arrays.fill(a, 0);
    }
}
