package io.hyperv4j.backup;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.backup.sim.BackupLab;
import io.hyperv4j.backup.sim.BackupTemplates;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimActivity;
import io.hyperv4j.sim.SimClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An in-guest job is published from its start: its first minute (the agent's shadow copy inside the
 * guest) as a phase that moves nothing, then its transfer at the fabric's rate; the phase comes back
 * when a lab saved during it is loaded (the activities are not saved with it).
 */
class InGuestJobActivityTest {
    private static final String SHADOW = SimActivity.BACKUP + "SYNCHRONIZATION/GUEST_AGENT" + SimActivity.BACKUP_SHADOW_COPY;
    @TempDir Path tmp;

    private static DataProtection protect(Lab lab) {
        DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
        dpm.createGroup("Exchange", LocalTime.of(23, 0), Duration.ofDays(5));
        dpm.addMember("Exchange", "GUEST2");
        BackupLab.of(lab).profile("GUEST2", new BackupLab.DataProfile(84_582.06, 3_247.94, 1_840.69, 85_563.31));
        dpm.backup("GUEST2", BackupKind.REPLICA, BackupPath.GUEST_AGENT).await(Duration.ofHours(4));
        return dpm;
    }

    private static List<SimActivity> now(Lab lab) {
        var at = lab.clock().now();
        return lab.activities().activeFrom(at).stream().filter(a -> !a.start().isAfter(at) && a.kind().startsWith(SimActivity.BACKUP)).toList();
    }

    @Test
    void anInGuestJobIsPublishedFromItsStartMovingNothingUntilItsTransfer() {
        try (Lab lab = BackupTemplates.seed004(4, SimClock.virtual(Lab.DEFAULT_START), false)) {
            DataProtection dpm = protect(lab);
            var job = dpm.backup("GUEST2", BackupKind.SYNCHRONIZATION, BackupPath.GUEST_AGENT);
            List<SimActivity> first = now(lab);
            assertEquals(List.of(SHADOW), first.stream().map(SimActivity::kind).toList(), "the job shows from its first instant");
            assertEquals(0, first.get(0).bytesPerSecond(), "its shadow copy reads and sends nothing");
            assertEquals("HYPR1", first.get(0).fromHost());
            lab.clock().advance(Duration.ofSeconds(50));
            assertEquals(List.of(SHADOW), now(lab).stream().map(SimActivity::kind).toList());
            lab.clock().advance(Duration.ofSeconds(20));
            List<SimActivity> transfer = now(lab);
            assertEquals(List.of(SimActivity.BACKUP + "SYNCHRONIZATION/GUEST_AGENT"), transfer.stream().map(SimActivity::kind).toList(),
                    "the shadow copy's phase ends where the transfer starts");
            assertTrue(transfer.get(0).bytesPerSecond() > 0);
            job.await(Duration.ofHours(1));
            assertTrue(now(lab).isEmpty(), "nothing is left after the job");
        }
    }

    @Test
    void theFirstPhaseComesBackWhenALabSavedDuringItIsLoaded() throws Exception {
        Path file = tmp.resolve("lab.json");
        try (Lab lab = BackupTemplates.seed004(4, SimClock.virtual(Lab.DEFAULT_START), false)) {
            DataProtection dpm = protect(lab);
            lab.save(file);
            dpm.backup("GUEST2", BackupKind.SYNCHRONIZATION, BackupPath.GUEST_AGENT);
            lab.clock().advance(Duration.ofSeconds(20));
            lab.save();
        }
        try (Lab lab = Lab.load(file)) {
            List<SimActivity> first = now(lab);
            assertEquals(List.of(SHADOW), first.stream().map(SimActivity::kind).toList(), "the saved job's first phase is shown again");
            assertEquals(40, Duration.between(lab.clock().now(), first.get(0).end()).toSeconds(), 1, "until the transfer, a minute after the job's start");
            lab.clock().advance(Duration.ofSeconds(45));
            assertEquals(List.of(SimActivity.BACKUP + "SYNCHRONIZATION/GUEST_AGENT"), now(lab).stream().map(SimActivity::kind).toList());
        }
    }
}
