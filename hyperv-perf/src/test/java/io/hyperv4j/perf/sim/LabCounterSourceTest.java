package io.hyperv4j.perf.sim;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.perf.PdhStatus;
import io.hyperv4j.perf.sampler.CounterSampler;
import io.hyperv4j.perf.sampler.SampleView;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Counters of a simulator lab host follow the lab: its VMs' power states, on the lab's clock. */
class LabCounterSourceTest {
    static final Duration T = Duration.ofSeconds(5);

    @Test
    void aRunningVmWorksAPausedOneIdlesASavedOneIsGone() {
        Lab lab = Lab.builder().clock(SimClock.manual(Instant.parse("2025-01-06T09:00:00Z"))).host("HV01", 8, 32768).build();
        String id = lab.write(T, txn -> {
            io.hyperv4j.sim.SimVm vm = lab.createVm(txn, lab.host("HV01"), "SQL1");
            vm.processors(4);
            vm.memoryMb(4096);
            vm.state(PowerState.RUNNING, txn.now());
            return vm.id();
        });
        LabCounterSource source = LabCounterSource.builder(lab, "HV01")
                .workloads(vm -> VmWorkload.builder().cpuPerVp(0.5).hypervisorOverhead(0.1).build())
                .background(new Background().memory(2048, 1024, 0)).build();
        CounterSampler s = CounterSampler.builder().source(source).clock(source.clock())
                .counters("\\Hyper-V Hypervisor Virtual Processor(SQL1:Hv VP 0)\\% Guest Run Time",
                        "\\Hyper-V Hypervisor Logical Processor(_Total)\\% Guest Run Time",
                        "\\Memory\\Available MBytes").build();
        s.prime();
        lab.clock().advance(Duration.ofSeconds(1));
        SampleView v = s.tick();
        assertEquals(50.0, v.value(0), 1e-9);
        assertEquals(25.0, v.value(1), 1e-9); // 4 VPs x 50 % of 8 LPs
        assertEquals(32768 - 1024 - 4096, v.value(2));

        lab.write(T, txn -> {
            lab.vm(id).state(PowerState.PAUSED, txn.now());
            return null;
        });
        lab.clock().advance(Duration.ofSeconds(1));
        v = s.tick();
        assertEquals(0.0, v.value(0), 1e-9);
        assertEquals(32768 - 1024 - 4096, v.value(2)); // a paused VM keeps its memory

        lab.write(T, txn -> {
            lab.vm(id).state(PowerState.SAVED, txn.now());
            return null;
        });
        lab.clock().advance(Duration.ofSeconds(1));
        v = s.tick();
        assertEquals(PdhStatus.NO_INSTANCE, v.status(0));
        assertEquals(0.0, v.value(1), 1e-9);
        assertEquals(32768 - 1024, v.value(2));
    }

    /** A live migration's phases published on the lab's activity log load both hosts, until the lab ends them. */
    @Test
    void publishedMigrationPhasesLoadBothHostsUntilCutShort() {
        Lab lab = Lab.builder().clock(SimClock.manual(Instant.parse("2025-01-06T09:00:00Z"))).host("A", 8, 32768).host("B", 8, 32768).build();
        String id = runningVm(lab, "A", 4096);
        HostSpec a = new HostSpec("A", 8, 32768, 65536, java.util.List.of("0 C:"),
                java.util.List.of(new HostSpec.Nic("Client", 1_000_000_000L), new HostSpec.Nic("LM", 1_000_000_000L)), java.util.List.of());
        HostSpec b = new HostSpec("B", 8, 32768, 65536, java.util.List.of("0 C:"),
                java.util.List.of(new HostSpec.Nic("Client", 1_000_000_000L), new HostSpec.Nic("LM", 1_000_000_000L)), java.util.List.of());
        MoveLoads.LiveMigration costs = new MoveLoads.LiveMigration("unused", 1, 0, new MoveLoads.Cpu(0.4, 0), new MoveLoads.Cpu(0.8, 0));
        LabCounterSource src = LabCounterSource.builder(lab, "A").spec(a).rootMemoryMb(vm -> 1000).background(new Background()).liveMigration(costs).build();
        LabCounterSource dst = LabCounterSource.builder(lab, "B").spec(b).rootMemoryMb(vm -> 1000).background(new Background()).liveMigration(costs).build();
        CounterSampler s = CounterSampler.builder().source(src).source(dst).clock(src.clock())
                .counters("\\\\A\\Network Interface(LM)\\Bytes Sent/sec", "\\\\B\\Network Interface(LM)\\Bytes Received/sec",
                        "\\\\B\\Memory\\Available MBytes", "\\\\A\\Network Interface(Client)\\Bytes Sent/sec").build();
        s.prime();
        lab.clock().advance(Duration.ofMillis(500));
        lab.activities().publish(io.hyperv4j.sim.SimActivity.LIVE_MIGRATION_COPY, id, "A", "B", "LM", 100e6,
                lab.clock().now(), lab.clock().now().plusSeconds(10));
        lab.clock().advance(Duration.ofMillis(500));
        SampleView v = s.tick();
        assertEquals(50e6, value(v, "\\\\A\\Network Interface(LM)\\Bytes Sent/sec"), 1); // half of the second
        assertEquals(50e6, value(v, "\\\\B\\Network Interface(LM)\\Bytes Received/sec"), 1);
        assertEquals(32768 - 1000, value(v, "\\\\B\\Memory\\Available MBytes")); // the destination holds the VM's memory
        assertEquals(0, value(v, "\\\\A\\Network Interface(Client)\\Bytes Sent/sec"), 1e-9);
        lab.clock().advance(Duration.ofMillis(250));
        lab.activities().endAll(id, lab.clock().now()); // the move stops early
        lab.clock().advance(Duration.ofMillis(750));
        v = s.tick();
        assertEquals(25e6, value(v, "\\\\A\\Network Interface(LM)\\Bytes Sent/sec"), 1);
        lab.clock().advance(Duration.ofSeconds(1));
        v = s.tick();
        assertEquals(0, value(v, "\\\\B\\Network Interface(LM)\\Bytes Received/sec"), 1e-9);
        assertEquals(32768, value(v, "\\\\B\\Memory\\Available MBytes"));
    }

    /**
     * A management server's transfers published on the activity log load both hosts' disks and
     * networks: the SAN transfer's save writes the VM's state to the LU over the phase and its
     * restore reads it back; a network copy reads, sends, receives and writes at the rate it carries.
     */
    @Test
    void publishedTransferPhasesLoadTheDisksAndNetworks() {
        Lab lab = Lab.builder().clock(SimClock.manual(Instant.parse("2025-01-06T09:00:00Z"))).host("A", 8, 32768).host("B", 8, 32768).build();
        String id = runningVm(lab, "A", 4096);
        java.util.function.Function<String, HostSpec> spec = h -> new HostSpec(h, 8, 32768, 65536, java.util.List.of("0 C:", "1 E:"),
                java.util.List.of(new HostSpec.Nic("Client", 1_000_000_000L), new HostSpec.Nic("Mgmt", 1_000_000_000L)), java.util.List.of());
        MoveLoads.SanTransfer san = new MoveLoads.SanTransfer("1 E:", 0, 1, 0, 1, 0, new MoveLoads.Cpu(0.2, 0));
        MoveLoads.NetworkTransfer net = new MoveLoads.NetworkTransfer("0 C:", "Mgmt", 1, 0, 0.01, 0.01, new MoveLoads.Cpu(0.4, 0),
                new MoveLoads.Cpu(0.8, 0), 1000);
        LabCounterSource a = LabCounterSource.builder(lab, "A").spec(spec.apply("A")).background(new Background()).sanTransfer(san).networkTransfer(net).build();
        LabCounterSource b = LabCounterSource.builder(lab, "B").spec(spec.apply("B")).background(new Background()).sanTransfer(san).networkTransfer(net).build();
        String aWrites = "\\\\A\\PhysicalDisk(1 E:)\\Disk Write Bytes/sec", bReads = "\\\\B\\PhysicalDisk(1 E:)\\Disk Read Bytes/sec",
                aReads = "\\\\A\\PhysicalDisk(0 C:)\\Disk Read Bytes/sec", bWrites = "\\\\B\\PhysicalDisk(0 C:)\\Disk Write Bytes/sec",
                aSent = "\\\\A\\Network Interface(Mgmt)\\Bytes Sent/sec", bReceived = "\\\\B\\Network Interface(Mgmt)\\Bytes Received/sec";
        CounterSampler s = CounterSampler.builder().source(a).source(b).clock(a.clock()).counters(aWrites, bReads, aReads, bWrites, aSent, bReceived).build();
        s.prime();
        double state = 4096.0 * 1048576;
        // SaveState over 4 s writes the 4 GiB state: 1 GiB/s on the source's LU, nothing on the destination's
        SampleView v = firstSecond(lab, s, io.hyperv4j.sim.SimActivity.SAN_TRANSFER + io.hyperv4j.sim.SimActivity.SAVE_STATE, id, 0, 4);
        assertEquals(state / 4, value(v, aWrites), state * 1e-6);
        assertEquals(0, value(v, bReads), 1e-9);
        // RestoreState over 2 s on the destination reads it back at 2 GiB/s
        v = firstSecond(lab, s, io.hyperv4j.sim.SimActivity.SAN_TRANSFER + io.hyperv4j.sim.SimActivity.RESTORE_STATE, id, 0, 2);
        assertEquals(state / 2, value(v, bReads), state * 1e-6);
        assertEquals(0, value(v, aWrites), 1e-9);
        // a network copy at 50 MB/s: the source reads and sends it, the destination receives and writes it
        v = firstSecond(lab, s, io.hyperv4j.sim.SimActivity.NETWORK_TRANSFER + io.hyperv4j.sim.SimActivity.COPY_FILES, id, 50e6, 10);
        // (the idle VM adds its few kilobytes a second on the system disk and the client adapter)
        for (String p : java.util.List.of(aReads, bWrites, aSent, bReceived)) assertEquals(50e6, value(v, p), 20_000, p);
        assertEquals(0, value(v, bReads), 1e-9);
    }

    @Test
    void aVmsOwnSaveAndRestoreWriteAndReadTheDiskHoldingItsStateAtTheirFlowsRate() {
        String writes = "\\\\A\\PhysicalDisk(0 C:)\\Disk Write Bytes/sec", reads = "\\\\A\\PhysicalDisk(0 C:)\\Disk Read Bytes/sec";
        try (Lab lab = Lab.builder().clock(SimClock.virtual(Instant.parse("2025-01-06T09:00:00Z"))).host("A", 8, 32768).build();
             io.hyperv4j.HyperVHost h = lab.connect("A")) {
            io.hyperv4j.vm.VirtualMachine vm = h.vms().create(io.hyperv4j.vm.VmSpec.builder("big").memoryMb(8192).build());
            vm.start();
            lab.clock().advance(Duration.ofMinutes(1));
            HostSpec spec = new HostSpec("A", 8, 32768, 65536, java.util.List.of("0 C:", "1 E:"), java.util.List.of(), java.util.List.of());
            LabCounterSource a = LabCounterSource.builder(lab, "A").spec(spec).background(new Background()).build();
            CounterSampler s = CounterSampler.builder().source(a).clock(a.clock()).counters(writes, reads).build();
            s.prime();
            io.hyperv4j.substrate.StorageModel storage = io.hyperv4j.substrate.StorageModel.CALIBRATED;
            vm.save();
            lab.clock().advance(Duration.ofSeconds(1));
            SampleView v = s.tick();
            // the idle guest adds its few kilobytes a second on the system disk
            assertEquals(storage.saveBytesPerSecond(), value(v, writes), 50_000, "the save writes the memory on the host's disks");
            assertEquals(0, value(v, reads), 50_000);
            lab.clock().advance(Duration.ofMinutes(1));
            s.tick();
            vm.start();
            lab.clock().advance(Duration.ofSeconds(1));
            v = s.tick();
            assertEquals(storage.restoreBytesPerSecond(), value(v, reads), 50_000, "the restore reads it back");
            lab.clock().advance(Duration.ofMinutes(1));
            assertEquals(io.hyperv4j.vm.VmState.RUNNING, vm.state());
        }
    }

    /** Publishes a phase of a transfer from A to B lasting {@code seconds} from now and samples its first second. */
    static SampleView firstSecond(Lab lab, CounterSampler s, String kind, String vmId, double bytesPerSecond, int seconds) {
        lab.activities().publish(kind, vmId, "A", "B", "", bytesPerSecond, lab.clock().now(), lab.clock().now().plusSeconds(seconds));
        lab.clock().advance(Duration.ofSeconds(1));
        SampleView v = s.tick();
        lab.clock().advance(Duration.ofSeconds(seconds - 1)); // the rest of the phase, sampled so the next starts clean
        s.tick();
        return v;
    }

    /** A VM of {@code memoryMb} running on {@code host}; returns its id. */
    static String runningVm(Lab lab, String host, long memoryMb) {
        return lab.write(T, txn -> {
            io.hyperv4j.sim.SimVm vm = lab.createVm(txn, lab.host(host), "VM1");
            vm.memoryMb(memoryMb);
            vm.state(PowerState.RUNNING, txn.now());
            return vm.id();
        });
    }

    static double value(SampleView v, String path) {
        for (int i = 0; i < v.size(); i++) if (v.path(i).equals(io.hyperv4j.perf.CounterPath.parse(path))) return v.value(i);
        throw new AssertionError("not sampled: " + path);
    }

    @Test
    void anUnknownHostIsRefused() {
        Lab lab = Lab.standalone();
        assertThrows(io.hyperv4j.perf.PerfException.class, () -> LabCounterSource.builder(lab, "NOPE"));
    }
}
