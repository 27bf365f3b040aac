package io.hyperv4j.perf.sim;

import io.hyperv4j.sim.SimActivity;

/**
 * The load data-protection jobs and CSV redirection put on hosts, in physical terms, as the lab
 * publishes them ({@link SimActivity#BACKUP}, {@link SimActivity#CSV_REDIRECTED}): a host-level
 * job's transfer reads the VM's disks from {@link #volumeDisk()} (a hardware-pair job from the
 * split secondary, {@link #secondaryDisk()}) and sends them on the backup network at the rate the
 * lab's fabric gives it; its tail (an express full's scan for changed blocks) reads the volume as
 * {@link #scan()} says without sending; a restore receives and writes. While a CSV is redirected,
 * the coordinator does the extra work {@link #redirection()} says on its volume disk and both carry
 * the redirected node's I/O on their business adapters. Seed 004's figures are {@link Seed004Workloads#BACKUP}.
 *
 * @param volumeDisk     the PhysicalDisk instance of the CSV's LU (SYS&amp;DB)
 * @param secondaryDisk  the PhysicalDisk instance of the pair's secondary, read by a hardware-pair job
 * @param ioBytes        one read or write of a job's transfer
 * @param latencySeconds each such I/O's latency (what it adds to the disk's queue); larger I/Os take proportionally longer
 * @param scan           what a job's tail reads
 * @param memoryMb       what the requester and VSS take from the host's available memory while the job runs
 * @param cpu            the job's processor time on the host
 * @param redirection    what a CSV's redirection costs
 * @param guests         what a job does inside the guests of its host ({@link GuestEffects#NONE}: nothing)
 */
public record BackupLoads(String volumeDisk, String secondaryDisk, double ioBytes, double latencySeconds, Scan scan,
                          double memoryMb, MoveLoads.Cpu cpu, Redirection redirection, GuestEffects guests) {
    /**
     * A job's tail: a scan for changed blocks.
     *
     * @param bytesPerSecond what it reads a second (0: it reads nothing)
     * @param ioBytes        each read; its latency is the job I/O's scaled by size
     */
    public record Scan(double bytesPerSecond, double ioBytes) {
    }

    /**
     * What a CSV's redirection costs while it lasts.
     *
     * @param reads          the coordinator's extra reads a second on the volume disk
     * @param writes         its extra writes a second there
     * @param ioBytes        each one's size
     * @param latencySeconds each one's latency
     * @param networkBytesPerSecond the redirected node's I/O crossing the business network, both ways
     * @param businessNic    the adapter it crosses
     */
    public record Redirection(double reads, double writes, double ioBytes, double latencySeconds, double networkBytesPerSecond, String businessNic) {
    }

    /**
     * The load one published phase puts on {@code host}, or null when it does not load that host.
     *
     * @param a    the phase, as the lab published it (a backup's or a redirection's)
     * @param host the host to load
     * @return the load, or null
     */
    public Transfer phase(SimActivity a, HostModel host) {
        long start = a.start().toEpochMilli(), end = a.end().toEpochMilli();
        if (end <= start) return null;
        boolean from = a.fromHost().equalsIgnoreCase(host.name());
        HostSpec spec = host.spec();
        if (a.kind().equals(SimActivity.CSV_REDIRECTED)) {
            Transfer t = new Transfer("CSV redirected I/O" + (from ? " (coordinator)" : " (redirected node)"), start, end);
            Redirection r = redirection;
            double bytes = r.networkBytesPerSecond();
            int nic = MoveLoads.nicFor(spec, r.businessNic(), r.businessNic()), disk = MoveLoads.diskFor(spec, volumeDisk);
            return from ? t.read(disk, r.reads(), r.ioBytes(), r.latencySeconds()).write(disk, r.writes(), r.ioBytes(), r.latencySeconds()).send(nic, bytes, 0).receive(nic, bytes)
                    : t.send(nic, bytes, 0).receive(nic, bytes);
        }
        if (!from || !a.kind().startsWith(SimActivity.BACKUP)) return null;
        String what = a.kind().substring(SimActivity.BACKUP.length());
        boolean tail = what.endsWith(SimActivity.BACKUP_TAIL), restore = what.startsWith("RESTORE/"), pair = what.contains("HARDWARE_PAIR");
        int disk = MoveLoads.diskFor(spec, pair && !restore ? secondaryDisk : volumeDisk), nic = MoveLoads.nicFor(spec, a.network(), a.network());
        Transfer t = new Transfer("backup: " + what, start, end).cpu(cpu.rootLp(), cpu.hypervisorLp()).memory(memoryMb, memoryMb, 0);
        double rate = a.bytesPerSecond();
        if (restore) return t.receive(nic, rate).write(disk, rate / ioBytes, ioBytes, latencySeconds);
        t.guestCpu(guestCpuPerVp(a));
        if (tail) return scan.bytesPerSecond() > 0
                ? t.read(disk, scan.bytesPerSecond() / scan.ioBytes(), scan.ioBytes(), latencySeconds * scan.ioBytes() / ioBytes) : t;
        return t.read(disk, rate / ioBytes, ioBytes, latencySeconds).send(nic, rate, 0);
    }

    /**
     * The extra processor use a backup phase causes in every guest running on its host: the
     * guests' own work for the job, and their applications' around each read a host-level job makes
     * through the host's shadow copy of their volume (a hardware-pair job reads the split secondary,
     * an in-guest agent reads inside its guest: neither counts); none for a restore, a redirection
     * or another activity.
     *
     * @param a the phase, as the lab published it
     * @return a fraction of each virtual processor
     */
    public double guestCpuPerVp(SimActivity a) {
        if (!a.kind().startsWith(SimActivity.BACKUP)) return 0;
        String what = a.kind().substring(SimActivity.BACKUP.length());
        if (what.startsWith("RESTORE/")) return 0;
        boolean tail = what.endsWith(SimActivity.BACKUP_TAIL), throughHost = hostLevelJob(a) && !what.contains("HARDWARE_PAIR");
        double volumeReads = throughHost ? (tail ? scan.bytesPerSecond() : a.bytesPerSecond()) / ioBytes : 0;
        return guests.cpuPerVp(what.startsWith("REPLICA"), volumeReads);
    }

    /**
     * Whether a phase is a host-level job's (the Hyper-V writer quiesces the guests through
     * integration services), not an in-guest agent's or a restore.
     *
     * @param a the phase
     * @return true for a host-level backup's transfer or tail
     */
    public static boolean hostLevelJob(SimActivity a) {
        String k = a.kind();
        return k.startsWith(SimActivity.BACKUP) && !k.startsWith(SimActivity.BACKUP + "RESTORE/") && !k.contains("GUEST_AGENT");
    }
}
