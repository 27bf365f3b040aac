package io.hyperv4j.cluster.sim;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.cluster.ClusterRefusal;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Issue 18: a lab setting out of bounds is refused when it is set with the provider's refusal (5913, PARAMETER_OUT_OF_BOUNDS), naming what was wrong, and changes nothing. */
class LabSettingsValidationTest {

    private static void assertOutOfBounds(Executable set, String... words) {
        CimException e = assertThrows(CimException.class, set);
        assertEquals(ClusterRefusal.PARAMETER_OUT_OF_BOUNDS, ClusterRefusal.of(e.win32Error()), e.getMessage());
        for (String w : words) assertTrue(e.getMessage().contains(w), "'" + w + "' in: " + e.getMessage());
    }

    @Test
    void networkSpeedAndRoundTripAreCheckedWhenSet() {
        try (Lab lab = PaperClusters.seed000(0, SimClock.virtual(Lab.DEFAULT_START))) {
            ClusterLab sim = ClusterLab.of(lab);
            var c = sim.configure("hv-cluster");
            Duration lan = Duration.ofNanos(200_000);
            for (double bad : new double[] {0, -1e9, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e15})
                assertOutOfBounds(() -> c.networkSpeed("LiveMigration", bad, lan), "network 'LiveMigration'", "link speed");
            assertOutOfBounds(() -> c.networkSpeed("LiveMigration", 1e9, Duration.ofMillis(-5)), "round-trip time");
            assertOutOfBounds(() -> c.network("bad", SimNetwork.ROLE_CLUSTER, 2000, true, "10.9.0.0", Double.NaN), "network 'bad'");
            SimNetwork n = sim.cluster("hv-cluster").network("LiveMigration");
            assertEquals(1e9, n.bitsPerSecond(), "unchanged");
            assertEquals(lan, n.roundTrip());
            assertNull(sim.cluster("hv-cluster").network("bad"), "not created");
            c.networkSpeed("LiveMigration", 10e9, Duration.ofMillis(1));
            assertEquals(10e9, n.bitsPerSecond());
            CimException missing = assertThrows(CimException.class, () -> c.networkSpeed("nope", 1e9, lan));
            assertEquals(ClusterRefusal.NETWORK_NOT_FOUND, ClusterRefusal.of(missing.win32Error()));
        }
    }

    @Test
    void passThroughDisksStopAtHyperVsPerVmLimit() {
        try (Lab lab = PaperClusters.seed000(0, SimClock.virtual(Lab.DEFAULT_START))) {
            ClusterLab sim = ClusterLab.of(lab);
            String vm = lab.host("host1").vms().iterator().next().id();
            assertOutOfBounds(() -> sim.vm(vm, t -> t.switchName("other").passThroughDisks(1000)), "pass-through disks", "0..260", "1000");
            VmTraits t = sim.vm(vm, x -> { });
            assertEquals(0, t.passThroughDisks());
            assertEquals("Virtual Network", t.switchName(), "a refused change changes nothing, not even its valid part");
            assertEquals(260, sim.vm(vm, x -> x.passThroughDisks(260)).passThroughDisks());
        }
    }

    @Test
    void aGuestsStorageRateAndAVolumesThroughputAreCheckedWhenSet() {
        try (Lab lab = PaperClusters.seed000(0, SimClock.virtual(Lab.DEFAULT_START))) {
            ClusterLab sim = ClusterLab.of(lab);
            String vm = lab.host("host1").vms().iterator().next().id();
            for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY})
                assertOutOfBounds(() -> sim.vm(vm, t -> t.storageIo(bad)), "guest storage I/O");
            assertEquals(VmTraits.FROM_GUEST_LOAD, sim.vm(vm, x -> { }).storageBytesPerSecond(), "unchanged: the guest load's");
            String disk = sim.read(e -> e.cluster("hv-cluster").disks.keySet().iterator().next());
            var c = sim.configure("hv-cluster");
            for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
                assertOutOfBounds(() -> c.diskPerformance(disk, bad, 1000), "disk '" + disk + "'", "throughput");
            for (double bad : new double[] {0, -1, Double.NaN}) // an infinite IOPS limit is none
                assertOutOfBounds(() -> c.diskPerformance(disk, 1e9, bad), "disk '" + disk + "'", "IOPS");
        }
    }
}
