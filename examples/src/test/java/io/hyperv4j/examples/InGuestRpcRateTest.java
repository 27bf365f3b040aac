package io.hyperv4j.examples;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.backup.BackupKind;
import io.hyperv4j.backup.BackupPath;
import io.hyperv4j.backup.DataProtection;
import io.hyperv4j.backup.sim.BackupLab;
import io.hyperv4j.backup.sim.BackupTemplates;
import io.hyperv4j.perf.sim.Seed004Guests;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/**
 * Beyond scenario 3's calibration points, through the whole lab: GUEST2's in-guest replica on a
 * backup network slowed to 80 Mbit/s moves its bytes at 10 MB/s instead of 21, takes longer, and
 * raises each store's RPC latency in proportion to the slower rate while it runs.
 */
class InGuestRpcRateTest {
    /** The stores' RPC latency rise 30 minutes into GUEST2's in-guest replica, GUEST2-4, and the job's length in minutes. */
    private static double[] riseAndLength(Long backupNetworkBits) {
        try (Lab lab = BackupTemplates.seed004(4, SimClock.virtual(Lab.DEFAULT_START), false)) {
            if (backupNetworkBits != null) lab.write(Duration.ofMinutes(1), txn -> lab.linkSpeed(txn, "HYPR1", "Management", backupNetworkBits));
            DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
            dpm.createGroup("Exchange", LocalTime.of(15, 0), Duration.ofDays(5));
            dpm.addMember("Exchange", "GUEST2");
            BackupLab.of(lab).profile("GUEST2", new BackupLab.DataProfile(84_582.06, 3_247.94, 1_840.69, 85_563.31));
            var start = lab.clock().now();
            var job = dpm.backup("GUEST2", BackupKind.REPLICA, BackupPath.GUEST_AGENT);
            lab.clock().advance(Duration.ofMinutes(30));
            double[] r = new double[4];
            for (int g = 2; g <= 4; g++) r[g - 2] = Seed004Guests.now(lab, "GUEST" + g).rpcMs() - Seed004Guests.RPC_MS.get("GUEST" + g);
            job.await(Duration.ofHours(8));
            r[3] = Duration.between(start, lab.clock().now()).toSeconds() / 60.0;
            return r;
        }
    }

    @Test
    void aSlowerInGuestJobRaisesTheStoresLatencyProportionallyLessAndLastsLonger() {
        double[] calibrated = riseAndLength(null), slowed = riseAndLength(80_000_000L);
        double rate = 84_582.06e6 / (67 * 60); // the calibrated transfer: the job's 68 minutes less its one-minute shadow copy
        for (int g = 0; g < 3; g++) {
            assertTrue(calibrated[g] > 50, "GUEST" + (g + 2) + " rises during the replica: " + calibrated[g]);
            assertEquals(10e6 / rate, slowed[g] / calibrated[g], 0.01, "GUEST" + (g + 2) + ": the rise follows the rate");
        }
        assertEquals(68, calibrated[3], 0.5);
        assertEquals(1 + 84_582.06 / 10 / 60, slowed[3], 1, "at 10 MB/s the replica takes its bytes' time");
    }
}
