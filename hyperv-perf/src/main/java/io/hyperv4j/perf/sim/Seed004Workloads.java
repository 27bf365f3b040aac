package io.hyperv4j.perf.sim;

import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.SimVm;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Seed 004's figures (Hitachi/Microsoft, Hyper-V 2.0 backup with DPM 2010): the 4,000-user
 * Exchange load of GUEST1-4 on the SYS&amp;DB and LOG LUs (section 5.1's steady state, scenario 1)
 * and what backups and CSV redirection add to it (section 7.5's multipliers). The fits are plain
 * arithmetic on the paper's numbers: a disk's queue is its I/O rate times each I/O's latency.
 */
public final class Seed004Workloads {
    /** The CSV's LU (system and database VHDs), the log LU and the ShadowImage secondary, as host disks. */
    public static final String SYS_DB = "1 SYS&DB", LOG = "2 LOG", SECONDARY = "3 S-VOL";
    /** Storage-side IOPS of the steady state: SYS&amp;DB reads and writes, LOG writes (section 5.1 item 6). */
    public static final double DB_READS = 524.7, DB_WRITES = 223.7, LOG_WRITES = 187.1, LOG_READS = 0.1;
    /** HYPR1's Avg. Disk Queue Length with all four VMs: SYS&amp;DB and LOG (section 5.1 item 5). */
    public static final double DB_QUEUE = 6.02, LOG_QUEUE = 0.17;
    /** Each VM's Processor\% Processor Time in the steady state (section 5.1 item 1). */
    public static final Map<String, Double> VM_CPU = Map.of("GUEST1", 0.669, "GUEST2", 0.601, "GUEST3", 0.564, "GUEST4", 0.603);
    /** Each VM's business-network Bytes Total/sec (section 5.1 item 8). */
    public static final Map<String, Double> VM_NETWORK = Map.of("GUEST1", 550_269.0, "GUEST2", 450_199.0, "GUEST3", 450_967.0, "GUEST4", 464_379.0);
    private static final int VMS = 4;
    /** Exchange 2010's database page: each of the guests' reads and writes. */
    private static final double EXCHANGE_IO = 8192;
    private static final double DB_LATENCY = DB_QUEUE / (DB_READS + DB_WRITES), LOG_LATENCY = LOG_QUEUE / (LOG_WRITES + LOG_READS);
    /**
     * One job I/O of a transfer: 256 KiB, sequential. Table 12-6's condition 3 (a redirected network
     * replica at 19.6 MB/s) adds 78.5 DB reads a second at the storage: 75 of this size.
     */
    public static final double JOB_IO = 256 * 1024;
    /**
     * Each job read's latency: 5 ms per 48 KiB (26.7 ms for 256 KiB), so a network replica's 29.5
     * MB/s keep 3.0 more reads queued and HYPR1's 6.02 becomes x1.5 (section 7.5).
     */
    private static final double JOB_LATENCY = 0.005 * JOB_IO / (48 * 1024);
    /**
     * What an express full's or synchronisation's tail reads: 24.6 MB/s in 1 MiB reads (23 a second at
     * 107 ms), which keep HYPR1's queue x1.4 over a network express full (section 7.5) while adding
     * few reads (Table 12-6's express fulls show no more DB reads than the baseline).
     */
    public static final double SCAN_BYTES_PER_SECOND = 500 * 48 * 1024, SCAN_IO = 1 << 20;
    /**
     * While a CSV is redirected, the coordinator writes 57.6 more 8 KiB pages a second on SYS&amp;DB (Table 12-6:
     * condition 3's writes over the baseline, an input; condition 4's, +57.0, predicted) at 60 ms, and
     * no more reads; the redirected node's share of the Exchange I/O (two of the four guests' 8 KiB
     * reads and writes) crosses the business network.
     */
    public static final BackupLoads.Redirection REDIRECTION = new BackupLoads.Redirection(0, 281.4 - 223.8, EXCHANGE_IO, 0.060,
            (DB_READS + DB_WRITES) / 2 * EXCHANGE_IO, "Business Network");

    /**
     * What jobs and redirection cost: reads at the job's rate from SYS&amp;DB (a pair job from the
     * secondary: the host's LU queue stays as it was); an express full's scan ({@link #SCAN_BYTES_PER_SECOND});
     * VSS and the agent take 300 MB; {@link #REDIRECTION} while a CSV is redirected.
     */
    public static final BackupLoads BACKUP = new BackupLoads(SYS_DB, SECONDARY, JOB_IO, JOB_LATENCY,
            new BackupLoads.Scan(SCAN_BYTES_PER_SECOND, SCAN_IO), 300, new MoveLoads.Cpu(0.05, 0.02), REDIRECTION, Seed004Guests.EFFECTS);

    private Seed004Workloads() {
    }

    /**
     * A VM's share of the Exchange load: its processor use and business traffic, a quarter of the
     * database LU's reads and writes at the latency that gives HYPR1's queue.
     *
     * @param vm the VM (GUEST1..GUEST4; any other idles)
     * @return its workload
     */
    public static VmWorkload exchange(SimVm vm) {
        Double cpu = VM_CPU.get(vm.name().toUpperCase(java.util.Locale.ROOT));
        if (cpu == null) return LabCounterSource.IDLE_VM;
        double net = VM_NETWORK.get(vm.name().toUpperCase(java.util.Locale.ROOT));
        return VmWorkload.builder().cpuPerVp(cpu).hypervisorOverhead(0.05).reads(DB_READS / VMS, DB_LATENCY).writes(DB_WRITES / VMS, DB_LATENCY)
                .bytesPerIo(EXCHANGE_IO).hostDisk(SYS_DB).network(net / 2, net / 2).build();
    }

    /**
     * A seed 004 host's counters: the SYS&amp;DB, LOG and secondary LUs as disks, the VMs' Exchange
     * load, the log LU's writes for the VMs the host runs now (a VM's workload has one disk), and
     * {@link #BACKUP}'s costs.
     *
     * @param lab  the lab (seed 004's template)
     * @param host HYPR1 or HYPR2
     * @return the source
     */
    public static LabCounterSource host(Lab lab, String host) {
        int[] running = new int[1];
        SimHost h = lab.read(Duration.ofMinutes(1), () -> lab.host(host));
        if (h == null) throw new io.hyperv4j.perf.PerfException("the lab has no host '" + host + "'");
        lab.read(Duration.ofMinutes(1), () -> {
            for (SimVm v : h.vms()) if (VM_CPU.containsKey(v.name().toUpperCase(java.util.Locale.ROOT))) running[0]++;
            return null;
        });
        HostSpec spec = new HostSpec(h.name(), h.logicalProcessors(), h.memoryMb(), h.memoryMb() * 2L, List.of("0 C:", SYS_DB, LOG, SECONDARY),
                LabCounterSource.nics(lab, host), List.of("Management"));
        double share = running[0] / (double) VMS;
        Background background = Background.quietHost(h.memoryMb()).disk(spec.diskIndex(LOG), LOG_READS * share, LOG_LATENCY, LOG_WRITES * share, LOG_LATENCY);
        return LabCounterSource.builder(lab, host).spec(spec).workloads(Seed004Workloads::exchange).background(background).backup(BACKUP).build();
    }
}
