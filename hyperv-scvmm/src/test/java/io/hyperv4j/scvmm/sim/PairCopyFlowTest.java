package io.hyperv4j.scvmm.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.sim.Fabric;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.substrate.FlowNetwork;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pair's initial copy and its resync are flows on the LUs' links: shared with other I/O, saved with the lab. */
class PairCopyFlowTest {
    private static final String A = SanTemplates.ARRAY, PAIR = "LU1-backup";
    /** Seed 000's 8.4 GB on LU1 in whole 32 MiB pages, at the array's 200 MiB/s. */
    private static final long PAGES = (long) Math.ceil(8.4e9 / SanLab.DP_PAGE);
    private static final double ALONE = PAGES * (double) SanLab.DP_PAGE / (200L << 20);
    @TempDir
    Path dir;

    private static SimPair pair(SanLab san) {
        return san.read(m -> m.array(A).pairs().get(PAIR));
    }

    /** Advances in 0.1 s steps until the pair is Paired; the seconds from {@code t0}. */
    private static double pairedAfter(Lab lab, SanLab san, Instant t0) {
        for (int i = 0; i < 20_000 && san.pairState(A, PAIR) != PairState.PAIRED; i++) lab.clock().advance(Duration.ofMillis(100));
        return Duration.between(t0, lab.clock().now()).toNanos() / 1e9;
    }

    @Test
    void theInitialCopyIsAFlowOverBothLusAtTheArraysRateAlone() {
        try (Lab lab = Lab.fromTemplate("seed000-san")) {
            SanLab san = SanLab.of(lab);
            Instant t0 = lab.clock().now();
            List<Fabric.Flow> copies = lab.fabric().running().stream().filter(f -> f.spec().kind().startsWith(SanModel.PAIR_COPY)).toList();
            assertEquals(1, copies.size());
            assertEquals(List.of(Fabric.storage(A + "/1"), Fabric.storage(A + "/2")), copies.get(0).spec().links());
            assertEquals(200L << 20, copies.get(0).rate(), 1e-6, "alone: the array's pair copy rate");
            assertEquals(PAGES * SanLab.DP_PAGE, pair(san).copyBytes());
            assertEquals(ALONE, pairedAfter(lab, san, t0), 0.11);
            assertTrue(lab.fabric().running().stream().noneMatch(f -> f.spec().kind().startsWith(SanModel.PAIR_COPY)), "no copy left on the fabric");
        }
    }

    @Test
    void otherIoOnThePrimarySlowsTheCopyAndItSpeedsUpWhenThatEnds() {
        try (Lab lab = Lab.fromTemplate("seed000-san")) {
            SanLab san = SanLab.of(lab);
            Instant t0 = lab.clock().now();
            double lu = 200.0 * (1 << 20);
            san.luPerformance(A, 1, lu, Double.POSITIVE_INFINITY); // the primary only carries the array's copy rate
            String link = Fabric.storage(A + "/1");
            double other = 20.0 * (1 << 30); // a VM's save on the LU (20 GiB, wants more than the LU has)
            lab.fabric().start(new FlowNetwork.FlowSpec("vmm/san-transfer/save", (long) other, Double.POSITIVE_INFINITY, 1 << 20, List.of(link)), at -> { });
            assertEquals(lu / 2, pair(san).flow.rate(), 1, "an even share of the primary");
            assertTrue(lab.fabric().load(link) <= lu + 1);
            lab.clock().advance(Duration.ofSeconds((long) ALONE + 1));
            assertEquals(PairState.COPYING, san.pairState(A, PAIR), "still copying when it would have finished alone");
            double t = pairedAfter(lab, san, t0);
            // the save's 20 GiB end at 204.8 s (half the LU until the copy ends), the copy's last bytes go at the full rate after
            double copy = PAGES * (double) SanLab.DP_PAGE, saveEnd = other / (lu / 2);
            double expected = copy <= saveEnd * lu / 2 ? copy / (lu / 2) : saveEnd + (copy - saveEnd * lu / 2) / lu;
            assertEquals(expected, t, 0.11);
            assertTrue(t > ALONE * 1.5, "shared, the copy takes longer: " + t);
        }
    }

    @Test
    void aCopySavedWithTheLabGoesOnWithTheBytesItHadLeft() {
        Path file = dir.resolve("lab.json");
        Instant t0;
        try (Lab lab = Lab.fromTemplate("seed000-san")) {
            t0 = lab.clock().now();
            lab.clock().advance(Duration.ofSeconds(15));
            SimPair p = pair(SanLab.of(lab));
            assertEquals(p.copyBytes() - 15 * (200L << 20), p.copyLeft(), 2);
            lab.save(file);
        }
        try (Lab lab = Lab.load(file)) {
            SanLab san = SanLab.of(lab);
            assertEquals(PairState.COPYING, san.pairState(A, PAIR));
            // the loaded clock goes on from the saved time plus the time since the save: the copy went on meanwhile
            double since = Duration.between(t0.plusSeconds(15), lab.clock().now()).toNanos() / 1e9;
            assertEquals(pair(san).copyBytes() - (15 + since) * (200L << 20), pair(san).copyLeft(), 1 << 20);
            assertEquals(ALONE, pairedAfter(lab, san, t0), 0.11, "ends when the never-saved copy does");
        }
    }

    @Test
    void aResyncCopiesTheDifferentialAsAFlowAndRefusesASplitUntilItIsThrough() {
        try (Lab lab = Lab.fromTemplate("seed000-san")) {
            SanLab san = SanLab.of(lab);
            pairedAfter(lab, san, lab.clock().now());
            san.split(A, PAIR);
            long secondaryBefore = san.read(m -> (long) m.array(A).lu(2).written.cardinality());
            san.write(A, 1, 1L << 30, 100L << 20); // 100 MiB from 1 GiB: pages 32..35 (4 pages)
            san.write(A, 1, 1L << 30, 1 << 20); // again within page 32: counted once
            assertEquals(secondaryBefore, (long) san.read(m -> (long) m.array(A).lu(2).written.cardinality()), "the split secondary keeps its pages");
            san.resync(A, PAIR);
            assertEquals(4 * SanLab.DP_PAGE, pair(san).copyBytes(), "only the differential");
            assertEquals(SanRefusal.INVALID_PAIR_STATE, org.junit.jupiter.api.Assertions.assertThrows(SanRefusedException.class, () -> san.split(A, PAIR)).reason());
            Instant t0 = lab.clock().now();
            assertEquals(4 * SanLab.DP_PAGE / (double) (200L << 20), pairedAfter(lab, san, t0), 0.11);
            assertTrue(san.<Boolean>read(m -> m.array(A).lu(1).changedSinceSplit.isEmpty()), "the differences were taken by the resync");
        }
    }
}
