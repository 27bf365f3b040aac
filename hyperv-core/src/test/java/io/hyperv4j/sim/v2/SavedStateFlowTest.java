package io.hyperv4j.sim.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.Fabric;
import io.hyperv4j.substrate.StorageModel;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimActivity;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving and restoring a VM (RequestStateChange 6 and 2) are flows on the VM's storage link. */
class SavedStateFlowTest {
    private static final long MB = 8192, BYTES = MB << 20;
    private static final StorageModel STORAGE = StorageModel.CALIBRATED;

    /** Two running 8 GB VMs on one host (same seed, so the same draws whether one or both are then saved). */
    private static ObjectPath[] twoRunning(V2Fixture f) {
        ObjectPath a = f.defined("a", V2Fixture.memory(MB)), b = f.defined("b", V2Fixture.memory(MB));
        f.requestState(a, 2);
        f.requestState(b, 2);
        f.settle();
        return new ObjectPath[] {a, b};
    }

    private static Duration elapsed(V2Fixture f, MethodResult r) {
        return f.job(r).get("ElapsedTime").asDateTime().toDuration();
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    @Test
    void twoSavesOnOneHostsStorageEachTakeLongerThanOneAloneByTheFlowsShare() {
        Duration alone, together, other;
        String link = Fabric.storage(V2Fixture.HOST + "/local");
        try (V2Fixture f = new V2Fixture(7)) {
            ObjectPath[] vms = twoRunning(f);
            MethodResult r = f.requestState(vms[0], 6);
            assertEquals(STORAGE.saveBytesPerSecond(), f.lab.fabric().load(link), 1, "one save alone writes at the model's rate");
            f.settle();
            assertEquals(6, f.state(vms[0]));
            alone = elapsed(f, r);
        }
        try (V2Fixture f = new V2Fixture(7)) {
            ObjectPath[] vms = twoRunning(f);
            MethodResult ra = f.requestState(vms[0], 6), rb = f.requestState(vms[1], 6);
            double capacity = f.lab.fabric().link(link).bytesPerSecond();
            assertEquals(capacity, f.lab.fabric().load(link), 1, "two saves fill the disks' throughput, no more");
            f.settle();
            assertEquals(6, f.state(vms[0]));
            assertEquals(6, f.state(vms[1]));
            together = elapsed(f, ra);
            other = elapsed(f, rb);
            // the job's length is the flow's: the same fixed part, the copy at half the disks' throughput
            double slower = BYTES / (capacity / 2) - BYTES / STORAGE.saveBytesPerSecond();
            assertEquals(seconds(alone) + slower, seconds(together), 0.01, "alone " + alone + ", together " + together);
            assertTrue(seconds(other) > BYTES / (capacity / 2), "the other save shares too: " + other);
            assertEquals(0, f.lab.fabric().load(link), 1e-9, "nothing left on the disks");
        }
        assertTrue(together.compareTo(alone.multipliedBy(11).dividedBy(10)) > 0, alone + " vs " + together);
    }

    @Test
    void aRestoreSharesTheDisksWithASave() {
        String link = Fabric.storage(V2Fixture.HOST + "/local");
        try (V2Fixture f = new V2Fixture(3)) {
            ObjectPath[] vms = twoRunning(f);
            f.requestState(vms[0], 6);
            f.settle();
            MethodResult restore = f.requestState(vms[0], 2), save = f.requestState(vms[1], 6);
            assertEquals(f.lab.fabric().link(link).bytesPerSecond(), f.lab.fabric().load(link), 1);
            f.settle();
            assertEquals(2, f.state(vms[0]));
            assertEquals(6, f.state(vms[1]));
            assertTrue(seconds(elapsed(f, restore)) > BYTES / (f.lab.fabric().link(link).bytesPerSecond() / 2) - 1e-6,
                    "the restore read at no more than half the disks: " + elapsed(f, restore));
            assertTrue(seconds(elapsed(f, save)) > BYTES / STORAGE.saveBytesPerSecond() * 1.2, "the save slowed: " + elapsed(f, save));
        }
    }

    /**
     * An 8 GB and a 2 GB VM saved together on one host's disks: the small save ends first and the
     * big one speeds up then. Returns when each save's job ended; with {@code saveAt}, the lab is
     * saved that far into the saves and loaded, and the loaded lab's jobs are the ones timed.
     */
    private static List<Instant> savesEnd(Duration saveAt, Path dir) {
        try (V2Fixture f = new V2Fixture(11)) {
            ObjectPath a = f.defined("a", V2Fixture.memory(MB)), b = f.defined("b", V2Fixture.memory(MB / 4));
            f.requestState(a, 2);
            f.requestState(b, 2);
            f.settle();
            String ja = f.job(f.requestState(a, 6)).getString("InstanceID"), jb = f.job(f.requestState(b, 6)).getString("InstanceID");
            if (saveAt == null) {
                f.settle();
                return List.of(f.lab.job(ja).ended(), f.lab.job(jb).ended());
            }
            f.lab.clock().advance(saveAt);
            Path file = dir.resolve("lab-" + saveAt.toMillis() + ".json");
            f.lab.save(file);
            try (Lab again = Lab.load(file)) {
                again.clock().advance(Duration.ofMinutes(1));
                return List.of(again.job(ja).ended(), again.job(jb).ended());
            }
        }
    }

    @Test
    void aSaveUnderWayWhenTheLabIsSavedGoesOnWithTheBytesItHadLeft(@TempDir Path dir) {
        List<Instant> never = savesEnd(null, dir);
        assertTrue(never.get(1).isBefore(never.get(0)), "the small save ends first: " + never);
        for (long ms : new long[] {300, 1_000, 1_700, 2_400, 4_000, 7_000}) {
            List<Instant> resumed = savesEnd(Duration.ofMillis(ms), dir);
            for (int i = 0; i < 2; i++)
                assertEquals(0, seconds(Duration.between(never.get(i), resumed.get(i))), 1.0,
                        "saved at " + ms + " ms: save " + i + " ends " + resumed.get(i) + ", never saved " + never.get(i));
        }
    }

    @Test
    void savesAndRestoresArePublishedAtTheRateTheirFlowGets() {
        try (V2Fixture f = new V2Fixture(5)) {
            ObjectPath[] vms = twoRunning(f);
            Instant t0 = f.lab.clock().now();
            f.requestState(vms[0], 6);
            String link = Fabric.storage(V2Fixture.HOST + "/local");
            List<SimActivity> one = f.lab.activities().activeFrom(t0);
            assertEquals(1, one.size(), one.toString());
            assertEquals(SimActivity.STATE_SAVE, one.get(0).kind());
            assertEquals(V2Fixture.HOST, one.get(0).fromHost());
            assertEquals(link, one.get(0).network());
            assertEquals(STORAGE.saveBytesPerSecond(), one.get(0).bytesPerSecond(), 1);
            f.lab.clock().advance(Duration.ofSeconds(1));
            f.requestState(vms[1], 6); // shares the disks: the first save is shown at its share from now
            double half = f.lab.fabric().link(link).bytesPerSecond() / 2;
            List<SimActivity> now = f.lab.activities().activeFrom(f.lab.clock().now());
            assertEquals(2, now.size(), now.toString());
            for (SimActivity a : now) assertEquals(half, a.bytesPerSecond(), 1, a.toString());
            f.settle();
            double written = 0;
            for (SimActivity a : f.lab.activities().activeFrom(t0))
                written += a.bytesPerSecond() * Duration.between(a.start(), a.end()).toNanos() / 1e9;
            assertEquals(2.0 * BYTES, written, BYTES * 1e-6, "what the activities show is what the saves wrote");
            f.requestState(vms[0], 2);
            Instant r0 = f.lab.clock().now();
            List<SimActivity> restore = f.lab.activities().activeFrom(r0);
            assertEquals(SimActivity.STATE_RESTORE, restore.get(restore.size() - 1).kind());
            assertEquals(STORAGE.restoreBytesPerSecond(), restore.get(restore.size() - 1).bytesPerSecond(), 1);
        }
    }
}
