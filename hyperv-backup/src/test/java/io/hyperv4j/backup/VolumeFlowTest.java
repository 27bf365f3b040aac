package io.hyperv4j.backup;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.backup.sim.BackupLab;
import io.hyperv4j.backup.sim.BackupTemplates;
import io.hyperv4j.scvmm.sim.SanLab;
import io.hyperv4j.sim.Fabric;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimActivity;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.substrate.FlowNetwork.FlowSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A network backup's read and a restore's write are on the storage they read and write, not only on
 * the adapters: a backup's read crosses the CSV's link and the array LU under it (SYS&amp;DB), a
 * restore's write to the original location the same, a restore's write to a folder the receiving
 * host's local disks. Alone the calibrated times hold; another flow on the LU slows the job.
 */
class VolumeFlowTest {
    private static final double MB = 1e6;
    @TempDir Path tmp;

    private record Run(Duration job, List<String> links, double jobRate, double luLoad) {
    }

    /** Seed 004 with GUEST1 protected (scenario 2's volumes), SYS&DB at {@code luBytesPerSecond}, the LU's link name given to the body. */
    private static Run run(double luBytesPerSecond, double other, Function<Lab, io.hyperv4j.job.Operation<String>> job) {
        try (Lab lab = BackupTemplates.seed004(4, SimClock.virtual(Lab.DEFAULT_START), false)) {
            DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
            dpm.createGroup("Exchange", LocalTime.of(23, 0), Duration.ofDays(5));
            dpm.addMember("Exchange", "GUEST1");
            SanLab san = SanLab.of(lab);
            int lu = san.luNumber(BackupTemplates.ARRAY, "SYS&DB");
            san.luPerformance(BackupTemplates.ARRAY, lu, luBytesPerSecond, Double.POSITIVE_INFINITY);
            String link = Fabric.storage(BackupTemplates.ARRAY + "/" + lu);
            Instant t0 = lab.clock().now();
            var op = job.apply(lab);
            lab.clock().advance(Duration.ofMinutes(5));
            if (other > 0) lab.fabric().start(new FlowSpec("test/guest-io-on-sys-db", Long.MAX_VALUE / 4, other, 1 << 20, List.of(link)), at -> { });
            lab.clock().advance(Duration.ofMinutes(5));
            Fabric.Flow f = lab.fabric().running().stream().filter(x -> x.spec().kind().startsWith(SimActivity.BACKUP)).findFirst().orElseThrow();
            double rate = f.rate(), load = lab.fabric().load(link) - (other > 0 ? Math.min(other, luBytesPerSecond - rate) : 0);
            List<String> links = f.spec().links();
            op.await(Duration.ofHours(8));
            return new Run(Duration.between(t0, lab.clock().now()), links, rate, load);
        }
    }

    private static io.hyperv4j.job.Operation<String> replica(Lab lab) {
        BackupLab.of(lab).profile("GUEST1", new BackupLab.DataProfile(239_298, 5_364, 0, 214_356));
        return lab.connect("HYPR1").capability(DataProtection.class).backup("GUEST1", BackupKind.REPLICA, BackupPath.NETWORK);
    }

    private static String sysDb(Lab lab) {
        return Fabric.storage(BackupTemplates.ARRAY + "/" + SanLab.of(lab).luNumber(BackupTemplates.ARRAY, "SYS&DB"));
    }

    @Test
    void aNetworkBackupsReadCrossesTheCsvAndItsLuAndAnotherFlowThereSlowsIt() {
        Run alone = run(200 * MB, 0, VolumeFlowTest::replica);
        assertTrue(alone.links().contains(Fabric.storage("HYPR-CL/Cluster Disk 1")), "the CSV's link: " + alone.links());
        assertTrue(alone.links().stream().anyMatch(l -> l.startsWith(Fabric.storage(BackupTemplates.ARRAY + "/"))), "the LU's link: " + alone.links());
        assertEquals(alone.jobRate(), alone.luLoad(), 1, "the LU carries the read's bytes");
        assertEquals(29.5 * MB, alone.jobRate(), 0.02 * 29.5 * MB, "scenario 2's calibrated rate alone");
        assertEquals(135 * 60, alone.job().toSeconds(), 0.02 * 135 * 60, "scenario 2's 2 h 15 min");
        Run shared = run(40 * MB, 100 * MB, VolumeFlowTest::replica);
        assertEquals(20 * MB, shared.jobRate(), 1, "the fair half of the LU's 40 MB/s");
        assertTrue(shared.job().compareTo(alone.job().plusMinutes(30)) > 0, "shared " + shared.job() + " vs alone " + alone.job());
    }

    @Test
    void aRestoreToTheOriginalLocationWritesThroughTheLuAndAnotherFlowThereSlowsIt() {
        Function<Lab, io.hyperv4j.job.Operation<String>> restore = lab -> {
            BackupLab.of(lab).profile("GUEST1", new BackupLab.DataProfile(1_000, 100, 0, 214_356));
            DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
            String p = dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.NETWORK).await(Duration.ofHours(1));
            return dpm.restore("GUEST1", p, RestoreTarget.original());
        };
        Run alone = run(200 * MB, 0, restore);
        assertTrue(alone.links().contains(Fabric.storage("HYPR-CL/Cluster Disk 1")), "the CSV's link: " + alone.links());
        assertTrue(alone.links().stream().anyMatch(l -> l.startsWith(Fabric.storage(BackupTemplates.ARRAY + "/"))), "the LU's link: " + alone.links());
        assertEquals(alone.jobRate(), alone.luLoad(), 1, "the LU carries the write's bytes");
        assertEquals(214_356 * MB / (43 * 60), alone.jobRate(), 0.02 * alone.jobRate(), "scenario 3's restore rate alone");
        Run shared = run(60 * MB, 100 * MB, restore);
        assertEquals(30 * MB, shared.jobRate(), 1, "the fair half of the LU's 60 MB/s");
        assertTrue(shared.job().compareTo(alone.job().plusMinutes(30)) > 0, "shared " + shared.job() + " vs alone " + alone.job());
    }

    @Test
    void aRestoreToAFolderWritesThroughTheReceivingHostsDisks() throws Exception {
        Path out = Files.createDirectory(tmp.resolve("out"));
        try (Lab lab = BackupTemplates.seed004(4, SimClock.virtual(Lab.DEFAULT_START), false)) {
            DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
            dpm.createGroup("Exchange", LocalTime.of(23, 0), Duration.ofDays(5));
            dpm.addMember("Exchange", "GUEST1");
            BackupLab.of(lab).profile("GUEST1", new BackupLab.DataProfile(1_000, 100, 0, 10_000));
            String p = dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.NETWORK).await(Duration.ofHours(1));
            var op = dpm.restore("GUEST1", p, RestoreTarget.host("HYPR2", out));
            lab.clock().advance(Duration.ofSeconds(1));
            Fabric.Flow f = lab.fabric().running().stream().filter(x -> x.spec().kind().startsWith(SimActivity.BACKUP)).findFirst().orElseThrow();
            assertTrue(f.spec().links().contains(Fabric.storage("HYPR2/local")), "the host's own disks: " + f.spec().links());
            assertFalse(f.spec().links().contains(sysDb(lab)), "not the CSV's LU");
            assertEquals(f.rate(), lab.fabric().load(Fabric.storage("HYPR2/local")), 1);
            op.await(Duration.ofHours(1));
        }
    }
}
