package io.hyperv4j.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.ConnectOptions;
import io.hyperv4j.HyperVException;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.MethodFailedException;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.v2.storage.SimGuest;
import io.hyperv4j.sim.v2.storage.StorageModel;
import io.hyperv4j.vhd.ByteRange;
import io.hyperv4j.vhd.ChangedRanges;
import io.hyperv4j.vhd.OpenMode;
import io.hyperv4j.vhd.VirtualDisk;
import io.hyperv4j.vhd.VirtualDisks;
import io.hyperv4j.vm.ConsistencyLevel;
import io.hyperv4j.vm.DiskChanges;
import io.hyperv4j.vm.FrozenDisk;
import io.hyperv4j.vm.RecoveryCheckpoint;
import io.hyperv4j.vm.ReferencePoint;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The change tracking contract on the simulator, plus what only the simulator can show: the guest's
 * writes are the ground truth, so an incremental copy of the changed ranges onto the previous full
 * copy must give the frozen disk byte for byte.
 */
class SimulatedChangeTrackingTest extends ChangeTrackingContract {
    @TempDir
    Path dir;
    private Lab lab;

    @Override
    protected HyperVHost openHost() {
        lab = Lab.builder().seed(5).host("HV01", 16, 65536).build();
        return new HyperVHost(URI.create("sim:standalone"), lab.session("HV01"), ConnectOptions.defaults());
    }

    @Override
    protected Path dir() {
        return dir;
    }

    @AfterEach
    void closeLab() {
        lab.close();
    }

    private static byte[] readAll(Path file) {
        try (VirtualDisk d = VirtualDisks.open(file, OpenMode.READ_ONLY)) {
            byte[] all = new byte[(int) d.size()];
            d.read(0, all, 0, all.length);
            return all;
        }
    }

    @Test
    void aFullCopyPlusTheChangedRangesIsTheNextFrozenDiskByteForByte() {
        vm.start().await();
        SimGuest guest = SimGuest.of(lab, vm.id());
        guest.workload(0, 1, 30, 50_000, 32 * MB);
        RecoveryCheckpoint first = recoveryCheckpoint(ConsistencyLevel.APPLICATION_CONSISTENT);
        byte[] backup = readAll(rct.frozenDisks(first).get(0).file()); // the full backup
        ReferencePoint rp = rct.referencePoint(rct.convertToReferencePoint(first).await()).orElseThrow();

        List<SimGuest.Write> writes = guest.workload(0, 2, 25, 20_000, 32 * MB);
        RecoveryCheckpoint second = recoveryCheckpoint(ConsistencyLevel.APPLICATION_CONSISTENT);
        guest.write(0, 0, new byte[] {1, 2, 3}); // after the freeze: not part of this backup
        FrozenDisk frozen = rct.frozenDisks(second).get(0);
        DiskChanges changes = rct.changesBetween(rp, second).get(0);

        ChangedRanges written = new ChangedRanges();
        for (SimGuest.Write w : writes) written.add(w.offset(), w.data().length);
        assertEquals(written.ranges(32 * MB), changes.ranges(), "exactly the granules the guest wrote between the two moments");
        assertTrue(changes.changedBytes() < 32 * MB / 4, "an incremental copies a fraction: " + changes.changedBytes());

        byte[] now = readAll(frozen.file());
        for (ByteRange r : changes.ranges()) System.arraycopy(now, (int) r.offset(), backup, (int) r.offset(), (int) r.length());
        assertArrayEquals(now, backup, "full + incremental = the disk at the second moment");
        assertTrue(rct.changesSince(rp).get(0).ranges().get(0).offset() == 0, "the live file also has the write after the freeze");
    }

    @Test
    void aCallReturnsAtMostAPageOfRangesAndTheApiAsksOnUntilTheDiskIsCovered() {
        ReferencePoint rp = referencePoint(ConsistencyLevel.CRASH_CONSISTENT);
        vm.start().await();
        SimGuest guest = SimGuest.of(lab, vm.id());
        for (int i = 0; i < 200; i++) guest.write(0, i * 2L * ChangedRanges.GRANULE, new byte[] {(byte) i});
        DiskChanges d = rct.changesSince(rp).get(0);
        assertEquals(200, d.ranges().size(), "more ranges than one call returns (128)");
        assertEquals(200L * ChangedRanges.GRANULE, d.changedBytes());
    }

    @Test
    void anApplicationConsistentRecoveryCheckpointNeedsAGuestThatQuiesces() {
        vm.start().await();
        lab.write(java.time.Duration.ofSeconds(5), txn -> {
            StorageModel.of(lab).vm(vm.id()).guestCanQuiesce(false);
            return null;
        });
        MethodFailedException e = assertThrows(MethodFailedException.class,
                () -> rct.createRecoveryCheckpoint(ConsistencyLevel.APPLICATION_CONSISTENT).await());
        assertEquals(2, e.returnCode().orElseThrow());
        assertTrue(rct.recoveryCheckpoints().isEmpty(), "a refused checkpoint leaves nothing");
        recoveryCheckpoint(ConsistencyLevel.CRASH_CONSISTENT); // crash consistency needs no guest
    }

    @Test
    void applyingACheckpointReplacesTheContentSoEarlierIdsNoLongerResolve() {
        String user = vm.checkpoints().create("before").await();
        ReferencePoint rp = referencePoint(ConsistencyLevel.CRASH_CONSISTENT);
        vm.checkpoints().apply(vm.checkpoints().byId(user).orElseThrow()).await();
        assertThrows(HyperVException.class, () -> rct.changesSince(rp));
    }

    @Test
    void referencePointsAndTheirIdsSurviveSavingAndLoadingTheLab() throws Exception {
        ReferencePoint rp = referencePoint(ConsistencyLevel.CRASH_CONSISTENT);
        vm.start().await();
        SimGuest.of(lab, vm.id()).write(0, 5 * MB, new byte[] {9});
        Path file = dir.resolve("lab.json");
        lab.save(file);
        HyperVHost before = host;
        try (Lab loaded = Lab.load(file)) {
            HyperVHost h = new HyperVHost(URI.create("sim:standalone"), loaded.session("HV01"), ConnectOptions.defaults());
            var again = h.vms().findById(vm.id()).orElseThrow().changeTracking();
            assertEquals(List.of(rp), again.referencePoints());
            assertEquals(List.of(new ByteRange(5 * MB, ChangedRanges.GRANULE)), again.changesSince(rp).get(0).ranges());
            h.close();
        }
        assertEquals(before, host);
    }
}
