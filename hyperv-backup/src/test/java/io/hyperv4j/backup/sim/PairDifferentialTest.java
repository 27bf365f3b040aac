package io.hyperv4j.backup.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.backup.BackupKind;
import io.hyperv4j.backup.BackupPath;
import io.hyperv4j.backup.BackupRefusal;
import io.hyperv4j.backup.BackupRefusedException;
import io.hyperv4j.backup.DataProtection;
import io.hyperv4j.scvmm.sim.PairState;
import io.hyperv4j.scvmm.sim.RaidLevel;
import io.hyperv4j.scvmm.sim.SanLab;
import io.hyperv4j.scvmm.sim.SanRefusedException;
import io.hyperv4j.scvmm.sim.SimLu;
import io.hyperv4j.scvmm.sim.SimPair;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vhd.VirtualDisks;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.BitSet;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guests' writes reach the array LU their files are on: a split pair's primary marks the pages
 * written, the split secondary keeps the pages it had, and a resync copies the differential only.
 */
class PairDifferentialTest {
    private static final Duration LOCK = Duration.ofMinutes(1);
    private static final String A = BackupTemplates.ARRAY, PAIR = BackupTemplates.SI_PAIR;
    @TempDir
    Path dir;

    private static SimPair pair(SanLab san, String array, String name) {
        return san.read(m -> m.array(array).pairs().get(name));
    }

    private static BitSet written(SanLab san, String array, int lu) {
        return san.read(m -> m.array(array).lu(lu).writtenPages());
    }

    /** The LU pages a write of {@code length} at {@code offset} of the VM's drive covers. */
    private static List<Integer> pages(SanLab san, String array, int lu, String vmId, long offset, long length) {
        return san.read(m -> {
            long page = m.array(array).pageBytes();
            SimLu.Extent e = m.array(array).lu(lu).extents().entrySet().stream().filter(x -> x.getKey().startsWith(vmId.toUpperCase() + "/"))
                    .findFirst().orElseThrow().getValue();
            List<Integer> out = new java.util.ArrayList<>();
            for (long p = (e.offset() + offset) / page; p <= (e.offset() + offset + length - 1) / page; p++) out.add((int) p);
            return out;
        });
    }

    private static void runUntilPaired(Lab lab, SanLab san, String array, String name) {
        for (int i = 0; i < 100_000 && san.pairState(array, name) != PairState.PAIRED; i++) lab.clock().advance(Duration.ofMillis(100));
        assertEquals(PairState.PAIRED, san.pairState(array, name));
    }

    @Test
    void splitWriteResyncCopiesTheChangedPagesOnlyAndTheSecondaryKeepsTheSplitsPages() {
        try (Lab lab = BackupTemplates.seed004(4, SimClock.virtual(Lab.DEFAULT_START), false)) {
            SanLab san = SanLab.of(lab);
            BackupLab b = BackupLab.of(lab);
            int primary = pair(san, A, PAIR).primary(), secondary = pair(san, A, PAIR).secondary();
            b.guestWrite("GUEST1", 0, 0, new byte[4096]); // paired: mirrored to the secondary
            assertEquals(written(san, A, primary), written(san, A, secondary));
            san.split(A, PAIR);
            BitSet atSplit = written(san, A, secondary);
            String g2 = vmId(lab, "GUEST2"), g4 = vmId(lab, "GUEST4");
            b.guestWrite("GUEST2", 0, 1 << 20, new byte[100_000]);
            b.guestWrite("GUEST4", 0, 5 << 20, new byte[10]);
            b.guestWrite("GUEST4", 0, 5 << 20, new byte[10]); // the same page again: counted once
            assertEquals(atSplit, written(san, A, secondary), "the split secondary holds the pages it had at the split");
            TreeSet<Integer> changed = new TreeSet<>(pages(san, A, primary, g2, 1 << 20, 100_000));
            changed.addAll(pages(san, A, primary, g4, 5 << 20, 10));
            assertEquals(2, changed.size(), "each 16 MiB disk lies in a 32 MiB page of its own");
            san.resync(A, PAIR);
            assertEquals(changed.size() * SanLab.DP_PAGE, pair(san, A, PAIR).copyBytes(), "the resync copies the differential");
            long t0 = lab.clock().now().toEpochMilli();
            runUntilPaired(lab, san, A, PAIR);
            assertEquals(changed.size() * SanLab.DP_PAGE * 1000.0 / (200L << 20), lab.clock().now().toEpochMilli() - t0, 101);
            assertEquals(written(san, A, primary), written(san, A, secondary));
        }
    }

    @Test
    void aPairBackupsResyncCopiesWhatTheGuestsWroteDuringTheJob() {
        try (Lab lab = BackupTemplates.seed004(5, SimClock.virtual(Lab.DEFAULT_START), false)) {
            SanLab san = SanLab.of(lab);
            BackupLab b = BackupLab.of(lab);
            DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
            dpm.createGroup("g", LocalTime.of(23, 0), Duration.ofDays(5));
            dpm.addMember("g", "GUEST1");
            b.profile("GUEST1", new BackupLab.DataProfile(242_525, 5_495, 0, 242_501)); // scenario 4's 45 min replica
            var job = dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.HARDWARE_PAIR);
            lab.clock().advance(Duration.ofMinutes(5)); // split at commit (about a minute in)
            assertEquals(PairState.SPLIT, san.pairState(A, PAIR));
            b.guestWrite("GUEST1", 0, 0, new byte[1000]);
            b.guestWrite("GUEST3", 0, 0, new byte[1000]);
            job.await();
            assertEquals(PairState.RESYNC, san.pairState(A, PAIR), "the job's end resyncs the pair");
            assertEquals(2 * SanLab.DP_PAGE, pair(san, A, PAIR).copyBytes(), "GUEST1's and GUEST3's pages");
            assertEquals(BackupRefusal.VOLUME_NOT_SUPPORTED_BY_PROVIDER, assertThrows(BackupRefusedException.class,
                    () -> dpm.backup("GUEST1", BackupKind.EXPRESS_FULL, BackupPath.HARDWARE_PAIR)).reason(), "no pair backup while the pair resyncs");
            runUntilPaired(lab, san, A, PAIR);
            assertTrue(dpm.backup("GUEST1", BackupKind.EXPRESS_FULL, BackupPath.HARDWARE_PAIR).await() != null, "Paired again: the next pair backup runs");
        }
    }

    private static String vmId(Lab lab, String name) {
        return lab.read(LOCK, () -> lab.hosts().stream().flatMap(h -> h.vms().stream()).filter(v -> v.name().equals(name)).findFirst().orElseThrow().id());
    }

    // ------------------------------------------------------------------ the property

    enum Op { WRITE, SPLIT, RESYNC, WAIT }

    record Step(Op op, int drive, long offset, int length, int millis) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> s = Combinators.combine(Arbitraries.of(Op.class), Arbitraries.integers().between(0, 1),
                Arbitraries.longs().between(0, DISK - 70_000), Arbitraries.integers().between(1, 65_536), Arbitraries.integers().between(1, 400))
                .as(Step::new);
        return s.list().ofMinSize(3).ofMaxSize(25);
    }

    private static final long DISK = 16L << 20, PAGE = 1L << 20;

    /**
     * Any sequence of guest writes (two drives), splits, resyncs and waits: a resync copies exactly
     * the pages written since the split; a split secondary keeps its pages; a Paired pair's halves
     * hold the same pages; a split or resync refused in the wrong state changes nothing.
     */
    @Property(tries = 30)
    void aResyncCopiesExactlyThePagesWrittenSinceTheSplit(@ForAll("steps") List<Step> steps) throws java.io.IOException {
        Path dir = java.nio.file.Files.createTempDirectory(java.nio.file.Files.createDirectories(Path.of("target")), "pair-prop");
        try (Lab lab = Lab.builder().seed(1).clock(SimClock.virtual(Lab.DEFAULT_START)).host("h", 8, 16384).build()) {
            SanLab san = SanLab.of(lab);
            san.array("ARR", "AMS2300", 1L, PAGE, 200L << 20).pool(0, "p", 1, RaidLevel.RAID10, 4, 1L << 30);
            int p = san.createLu("ARR", "P", 256 * PAGE, true, 0), s = san.createLu("ARR", "S", 256 * PAGE, true, 0);
            san.createPair("ARR", "PS", p, s);
            SimVm vm = io.hyperv4j.cluster.sim.PaperClusters.vm(lab, "h", "vm", 1024, 1, true);
            Path d0 = dir.resolve(lab.random().nextGuid() + "-0.vhdx"), d1 = dir.resolve(d0.getFileName() + "-1.vhdx");
            VirtualDisks.createFile(d0, DiskSpec.dynamic(VhdFormat.VHDX, DISK));
            VirtualDisks.createFile(d1, DiskSpec.dynamic(VhdFormat.VHDX, DISK));
            lab.write(LOCK, txn -> {
                BackupTemplates.attach(lab, vm, List.of(d0, d1));
                return null;
            });
            san.vmFilesOn("ARR", p, vm.id());
            BackupLab b = BackupLab.of(lab);
            TreeSet<Integer> changed = new TreeSet<>();
            BitSet atSplit = null;
            for (Step st : steps) {
                PairState state = san.pairState("ARR", "PS");
                switch (st.op()) {
                    case WRITE -> {
                        b.guestWrite("vm", st.drive(), st.offset(), new byte[st.length()]);
                        if (state == PairState.SPLIT) changed.addAll(drivePages(san, p, vm.id(), st.drive(), st.offset(), st.length()));
                    }
                    case SPLIT -> {
                        if (state == PairState.PAIRED) {
                            san.split("ARR", "PS");
                            changed.clear();
                            atSplit = written(san, "ARR", s);
                        } else {
                            String before = san.snapshot();
                            assertThrows(SanRefusedException.class, () -> san.split("ARR", "PS"));
                            assertEquals(before, san.snapshot(), "a refused split changes nothing");
                        }
                    }
                    case RESYNC -> {
                        if (state == PairState.SPLIT) {
                            san.resync("ARR", "PS");
                            assertEquals(changed.size() * PAGE, pair(san, "ARR", "PS").copyBytes(), "the resync moves the pages written since the split");
                            changed.clear();
                        } else assertThrows(SanRefusedException.class, () -> san.resync("ARR", "PS"));
                    }
                    case WAIT -> lab.clock().advance(Duration.ofMillis(st.millis()));
                }
                PairState now = san.pairState("ARR", "PS");
                if (now == PairState.SPLIT) assertEquals(atSplit, written(san, "ARR", s), "the split secondary keeps the split's pages");
                if (now == PairState.PAIRED) assertEquals(written(san, "ARR", p), written(san, "ARR", s), "Paired: the halves hold the same pages");
            }
        } finally {
            try (var files = java.nio.file.Files.walk(dir)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) java.nio.file.Files.deleteIfExists(f);
            }
        }
    }

    /** The LU pages a write to one of the VM's drives covers (the drives' extents in the order first written). */
    private static List<Integer> drivePages(SanLab san, int lu, String vmId, int drive, long offset, long length) {
        return san.read(m -> {
            var extents = m.array("ARR").lu(lu).extents();
            String driveId = io.hyperv4j.sim.v2.storage.StorageModel.of(san.lab()).vm(vmId).drives().stream().map(d -> d.id()).toList().get(drive);
            SimLu.Extent e = extents.get(vmId.toUpperCase() + "/" + driveId);
            List<Integer> out = new java.util.ArrayList<>();
            for (long q = (e.offset() + offset) / PAGE; q <= (e.offset() + offset + length - 1) / PAGE; q++) out.add((int) q);
            return out;
        });
    }
}
