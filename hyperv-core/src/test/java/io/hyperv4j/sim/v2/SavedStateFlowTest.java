package io.hyperv4j.sim.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.Fabric;
import io.hyperv4j.substrate.StorageModel;
import java.time.Duration;
import org.junit.jupiter.api.Test;

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
}
