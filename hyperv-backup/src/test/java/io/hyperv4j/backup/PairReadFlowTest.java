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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/**
 * A pair (ShadowImage) backup reads the split secondary: its bytes cross the secondary LU's link on
 * the lab's fabric, so they show as that LU's load and share it with the LU's other I/O. Alone the
 * calibrated durations hold (seed 004's 45 min replica); beside another reader of the LU it takes longer.
 */
class PairReadFlowTest {
    private static final double MB = 1e6;

    private record Run(Duration job, double svolLoadAt10Min, double jobRateAt10Min, boolean crossesSvol, double svolLoadAfter, double shownAt10Min) {
    }

    /** Scenario 4's pair replica of GUEST1 (242,525 MB), the S-VOL at {@code svolBytesPerSecond}, another reader of it wanting {@code other} from 5 min on. */
    private static Run pairReplica(double svolBytesPerSecond, double other) {
        try (Lab lab = BackupTemplates.seed004(4, SimClock.virtual(Lab.DEFAULT_START), false)) {
            DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
            dpm.createGroup("Exchange", LocalTime.of(23, 0), Duration.ofDays(5));
            dpm.addMember("Exchange", "GUEST1");
            BackupLab.of(lab).profile("GUEST1", new BackupLab.DataProfile(242_525, 5_495, 0, 242_501));
            SanLab san = SanLab.of(lab);
            int svol = san.luNumber(BackupTemplates.ARRAY, "SYS&DB-S");
            san.luPerformance(BackupTemplates.ARRAY, svol, svolBytesPerSecond, Double.POSITIVE_INFINITY);
            String link = Fabric.storage(BackupTemplates.ARRAY + "/" + svol);
            Instant t0 = lab.clock().now();
            var job = dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.HARDWARE_PAIR);
            lab.clock().advance(Duration.ofMinutes(5));
            if (other > 0) lab.fabric().start(new FlowSpec("test/another-reader-of-the-s-vol", Long.MAX_VALUE / 4, other, 1 << 20,
                    java.util.List.of(link)), at -> { });
            lab.clock().advance(Duration.ofMinutes(5));
            Fabric.Flow read = lab.fabric().running().stream().filter(f -> f.spec().kind().startsWith(SimActivity.BACKUP)).findFirst().orElseThrow();
            double load = lab.fabric().load(link), rate = read.rate();
            boolean crosses = read.spec().links().contains(link);
            // what the performance counters read (the S-VOL's Disk Reads/sec follow this activity's rate)
            double shown = lab.activities().activeFrom(lab.clock().now()).stream()
                    .filter(a -> a.kind().equals(SimActivity.BACKUP + "REPLICA/HARDWARE_PAIR")).mapToDouble(SimActivity::bytesPerSecond).sum();
            job.await(Duration.ofHours(4));
            Duration took = Duration.between(t0, lab.clock().now());
            double after = lab.fabric().running().stream().filter(f -> f.spec().kind().startsWith(SimActivity.BACKUP)).count();
            return new Run(took, load, rate, crosses, after, shown);
        }
    }

    @Test
    void aPairJobsReadCrossesTheSecondaryLuAndAloneKeepsItsCalibratedTime() {
        Run alone = pairReplica(200 * MB, 0);
        assertTrue(alone.crossesSvol(), "the read of the split secondary is on the S-VOL LU's link");
        assertEquals(alone.jobRateAt10Min(), alone.svolLoadAt10Min(), 1, "the LU carries the read's bytes");
        assertEquals(alone.jobRateAt10Min(), alone.shownAt10Min(), 1, "and the counters' activity shows them");
        assertEquals(242_525 * MB / (45 * 60 - 60 - 14), alone.jobRateAt10Min(), 0.03 * alone.jobRateAt10Min(), "the pair path's calibrated rate");
        assertEquals(45 * 60, alone.job().toSeconds(), 0.02 * 45 * 60, "seed 004's 45 min");
        assertEquals(0, alone.svolLoadAfter(), "no read left on the fabric once the job ends");
    }

    @Test
    void anotherReaderOfTheSecondaryLuSlowsThePairJob() {
        Run alone = pairReplica(150 * MB, 0);
        Run shared = pairReplica(150 * MB, 100 * MB);
        assertEquals(75 * MB, shared.jobRateAt10Min(), 1, "the fair half of the LU's 150 MB/s");
        assertEquals(75 * MB, shared.shownAt10Min(), 1, "the job's activity, which the perf module's counters read, shows the shared rate");
        assertTrue(shared.svolLoadAt10Min() <= 150 * MB + 1, "the LU never carries more than it can");
        assertTrue(shared.job().compareTo(alone.job().plusMinutes(3)) > 0, "shared " + shared.job() + " vs alone " + alone.job());
    }
}
