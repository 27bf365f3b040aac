package io.hyperv4j.sim.v2;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.sim.Fabric;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimActivity;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimNetworkAdapter;
import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vm.ControllerType;
import io.hyperv4j.vm.MigrationSpec;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmSpec;
import io.hyperv4j.substrate.Seconds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shared-nothing and storage migrations through Msvm_VirtualSystemMigrationService move their
 * bytes as flows of the lab's fabric: two on one 1 GbE link share it, the link never carries more
 * than its speed, the bytes published as sent are the bytes received and the bytes the moves
 * copied, and a lab saved mid-move ends the move when the never-saved one does.
 */
class MigrationFlowTest {
    private static final long GBE = 1_000_000_000L;
    private static final String NET = "LiveMigration";
    private static final long MEMORY_MB = 4096;
    private final List<Lab> labs = new ArrayList<>();
    @TempDir
    Path dir;

    @AfterEach
    void close() {
        labs.forEach(Lab::close);
    }

    private Lab lab() {
        Lab lab = Lab.builder().clock(SimClock.virtual(Lab.DEFAULT_START)).host("HV01", 16, 65_536).host("HV02", 16, 65_536).build();
        labs.add(lab);
        for (String h : List.of("HV01", "HV02")) lab.addNetworkAdapter(h, new SimNetworkAdapter("Live Migration", GBE, NET));
        for (String h : List.of("HV01", "HV02")) try (HyperVHost host = lab.connect(h)) {
            host.vms().migrations().enable(true).await();
        }
        return lab;
    }

    /** Running 4 GiB VMs on HV01 with a disk each; their shared-nothing moves to HV02, all started at one instant. */
    private static List<String> startMoves(Lab lab, Path dir, String... names) throws Exception {
        Files.createDirectories(dir);
        List<Runnable> moves = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        try (HyperVHost hv01 = lab.connect("HV01")) {
            for (String name : names) {
                VirtualMachine vm = hv01.vms().create(VmSpec.builder(name).memoryMb(MEMORY_MB).build());
                Path disk = hv01.disks().create(dir.resolve(name + ".vhdx"), DiskSpec.dynamic(VhdFormat.VHDX, 8 << 20)).await();
                vm.hardDisks().attach(disk, ControllerType.SCSI);
                vm.start().await();
                ids.add(vm.id());
                moves.add(() -> vm.migrate(MigrationSpec.sharedNothing("HV02").moveDisk(disk, dir.resolve("moved").resolve(name + ".vhdx"))));
            }
            moves.forEach(Runnable::run);
        }
        return ids;
    }

    /** Advances the lab until every VM named runs on HV02; checks the link's load each step; the seconds each took from now. */
    private static List<Double> untilMoved(Lab lab, List<String> ids) {
        Instant t0 = lab.clock().now();
        List<Double> took = new ArrayList<>(ids.stream().map(i -> -1.0).toList());
        String link = Fabric.adapter("HV01", NET);
        for (int step = 0; took.contains(-1.0); step++) {
            assertTrue(step < 100_000, "the moves never ended");
            if (lab.fabric().link(link) != null)
                assertTrue(lab.fabric().load(link) <= GBE / 8.0 * (1 + 1e-9), "the link carries " + lab.fabric().load(link) + " B/s");
            lab.clock().advance(Duration.ofMillis(50));
            for (int i = 0; i < ids.size(); i++)
                if (took.get(i) < 0 && lab.vm(ids.get(i)).host().name().equals("HV02"))
                    took.set(i, Duration.between(t0, lab.clock().now()).toMillis() / 1000.0);
        }
        return took;
    }

    @Test
    void twoSharedNothingMovesOnOneGigabitLinkEachTakeAboutTwiceOneAlone() throws Exception {
        Lab alone = lab();
        double one = untilMoved(alone, startMoves(alone, dir.resolve("a"), "alone")).get(0);
        Lab both = lab();
        Instant t0 = both.clock().now();
        List<String> ids = startMoves(both, dir.resolve("b"), "first", "second");
        List<Double> took = untilMoved(both, ids);
        for (double t : took) assertEquals(2 * one, t, 0.1 * 2 * one, "together " + took + " vs alone " + one);

        // what the activity log says HV01 sent and HV02 received is what the moves put on the wire
        double sent = 0, received = 0;
        for (SimActivity a : both.activities().activeFrom(t0)) {
            double bytes = a.bytesPerSecond() * Duration.between(a.start(), a.end()).toNanos() / 1e9;
            if (a.fromHost().equals("HV01") && NET.equals(a.network())) sent += bytes;
            if ("HV02".equals(a.toHost()) && NET.equals(a.network())) received += bytes;
        }
        long disks = Files.size(dir.resolve("b").resolve("moved").resolve("first.vhdx")) + Files.size(dir.resolve("b").resolve("moved").resolve("second.vhdx"));
        double copied = MigrationCosts.wireBytes(MEMORY_MB << 20) * 2.0 + MigrationCosts.wireBytes(disks / 2) * 2.0;
        assertEquals(copied, sent, copied * 1e-6, "bytes sent");
        assertEquals(sent, received, copied * 1e-9, "bytes received");
    }

    @Test
    void aMoveAloneKeepsItsCalibratedTime() throws Exception {
        Lab lab = lab();
        String id = startMoves(lab, dir, "calibrated").get(0);
        long disk = Files.size(dir.resolve("calibrated.vhdx"));
        double t = untilMoved(lab, List.of(id)).get(0);
        MigrationCosts.Plan plan = MigrationCosts.plan(MEMORY_MB << 20, disk, GBE, false);
        assertEquals(plan.total().toMillis() / 1000.0, t, 0.1, "seconds");
    }

    @Test
    void aLabSavedMidMoveEndsItWhenTheNeverSavedOneDoes() throws Exception {
        Lab lab = lab();
        String id = startMoves(lab, dir, "saved").get(0);
        lab.clock().advance(Duration.ofSeconds(20));
        assertFalse(lab.fabric().running().isEmpty(), "the memory is on its way");
        Path file = dir.resolve("lab.json");
        lab.save(file);
        Lab again = Lab.load(file);
        labs.add(again);
        Instant saved = lab.clock().now();
        Instant never = saved.plus(Seconds.of(untilMoved(lab, List.of(id)).get(0)));
        Instant loaded = again.clock().now();
        again.clock().advance(Duration.ofMillis(1));
        assertFalse(again.fabric().running().isEmpty(), "the loaded lab took the flow up");
        Instant reloaded = loaded.plus(Seconds.of(untilMoved(again, List.of(id)).get(0) + 0.001));
        assertEquals(0, Duration.between(never, reloaded).toMillis() / 1000.0, 1.0, "seconds between the two ends (" + never + ", " + reloaded + ")");
    }
}
