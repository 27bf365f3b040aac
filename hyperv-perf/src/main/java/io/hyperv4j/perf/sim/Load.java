package io.hyperv4j.perf.sim;

import java.util.Arrays;

/**
 * The instantaneous demand on a host at one moment, summed over its activities. Rates are per
 * second; disk "time" rates are seconds of I/O latency accrued per second (operations times their
 * latency), which is what Avg. Disk sec/Read and the queue lengths are made of. Reused, never
 * reallocated, so integrating a host allocates nothing.
 */
public final class Load {
    /** Logical processors' worth of guest (including root partition) and hypervisor run time. */
    public double guestLp;
    public double hypervisorLp;
    /** The part of {@link #guestLp} that the root (management) partition runs: the OS's own Processor time. */
    public double guestRootLp;
    public double committedMb;
    public double inUseMb;
    public double pagesPerSec;
    public final double[] diskReads;
    public final double[] diskWrites;
    public final double[] diskReadSeconds;
    public final double[] diskWriteSeconds;
    public final double[] diskReadBytes;
    public final double[] diskWriteBytes;
    public final double[] nicSent;
    public final double[] nicReceived;
    public final double[] nicQueue;
    /** The management OS's virtual adapters (index of {@link HostSpec#hostAdapters()}). */
    public final double[] hostAdapterSent;
    public final double[] hostAdapterReceived;
    /** Per VM (index of {@link HostModel#vms()}): guest and hypervisor run time per virtual processor. */
    public final double[] vmGuestPerVp;
    public final double[] vmHypervisorPerVp;
    public final double[] vnicSent;
    public final double[] vnicReceived;
    public final double[] vhdReadBytes;
    public final double[] vhdWriteBytes;
    public final double[] vhdReads;
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

    /** Adds the management OS's own work: its logical processors (guest time in the root), the hypervisor time they cause, and its memory. */
    public void root(double rootLp, double hypervisorLp, double committedMb, double inUseMb, double pagesPerSec) {
        this.guestLp += rootLp;
        this.guestRootLp += rootLp;
        this.hypervisorLp += hypervisorLp;
        this.committedMb += committedMb;
        this.inUseMb += inUseMb;
        this.pagesPerSec += pagesPerSec;
    }

    /** Adds reads of {@code bytesEach} at {@code latencySeconds} each. */
    public void read(int disk, double opsPerSec, double bytesEach, double latencySeconds) {
        diskReads[disk] += opsPerSec;
        diskReadBytes[disk] += opsPerSec * bytesEach;
        diskReadSeconds[disk] += opsPerSec * latencySeconds;
    }

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
