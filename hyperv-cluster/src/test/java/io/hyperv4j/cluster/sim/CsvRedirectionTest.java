package io.hyperv4j.cluster.sim;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.cim.CimException;
import io.hyperv4j.sim.Fabric;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.substrate.FlowNetwork;
import io.hyperv4j.substrate.StorageModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Redirected CSV I/O as flows on the lab's fabric: through the coordinator over the cluster network, sharing it. */
class CsvRedirectionTest {
    private static final String CLUSTER = "hv-cluster", CSV = "Cluster Disk 1";
    private Lab lab;
    private ClusterLab cl;

    @BeforeEach
    void seed000() {
        lab = PaperClusters.seed000(0, SimClock.virtual(Lab.DEFAULT_START));
        cl = ClusterLab.of(lab);
    }

    @AfterEach
    void close() {
        lab.close();
    }

    private int faultState() {
        return cl.read(e -> cl.cluster(CLUSTER).disk(CSV).faultState());
    }

    @Test
    void ioFromANonOwnerCrossesTheClusterNetworkToTheCoordinatorAndSharesIt() {
        Instant t0 = lab.clock().now();
        List<Long> ends = new ArrayList<>();
        try (CsvRedirection r = cl.redirectCsvIo(CLUSTER, CSV)) {
            assertEquals(SimDisk.FAULT_REDIRECTED, faultState());
            // the CSV network has the lowest metric of the cluster networks (900)
            assertEquals(List.of(Fabric.adapter("host2", "CSV"), Fabric.adapter("host1", "CSV"), Fabric.storage("hv-cluster/Cluster Disk 1")),
                    r.links("host2"));
            Fabric.Flow a = r.io("host2", 1_250_000_000L, Double.POSITIVE_INFINITY, 65536, at -> ends.add(Duration.between(t0, at).toSeconds()));
            assertEquals(125e6, a.rate(), "1 GbE holds it, not the array");
            Fabric.Flow b = r.io("host2", 625_000_000L, Double.POSITIVE_INFINITY, 65536, at -> ends.add(Duration.between(t0, at).toSeconds()));
            assertEquals(62.5e6, a.rate());
            assertEquals(125e6, lab.fabric().load(Fabric.adapter("host1", "CSV")));
            lab.clock().advance(Duration.ofSeconds(30));
            // b: 625 MB at half the link, 10 s; a: 625 MB in those 10 s, 625 MB more at the whole link, 5 s
            assertEquals(List.of(10L, 15L), ends);
            assertFalse(a.isRunning() || b.isRunning());
            Fabric.Flow fromOwner = r.io("host1", FlowNetwork.OPEN_ENDED, Double.POSITIVE_INFINITY, 65536, at -> fail("open-ended"));
            assertEquals(StorageModel.CALIBRATED.restoreMiBPerSecond() * (1 << 20), fromOwner.rate(), 1e-3, "the coordinator reads the volume directly");
        }
        assertEquals(0, faultState(), "the last redirection ended");
        assertTrue(lab.fabric().running().isEmpty(), "closing stopped its open-ended I/O");
    }

    @Test
    void theVolumesIopsLimitHoldsSmallIos() {
        cl.configure(CLUSTER).diskPerformance(CSV, 800e6, 2000);
        try (CsvRedirection r = cl.redirectCsvIo(CLUSTER, CSV)) {
            assertEquals(2000 * 8192.0, r.io("host1", 1L << 30, Double.POSITIVE_INFINITY, 8192, at -> { }).rate());
            assertEquals(2000 * 8192.0 / 2, r.io("host1", 1L << 30, Double.POSITIVE_INFINITY, 8192, at -> { }).rate());
        }
    }

    @Test
    void aClientsRedirectedAccessOutlastsTheSimulatorsRedirection() {
        lab.write(Duration.ofMinutes(1), txn -> {
            cl.engine().storage().redirect(txn, cl.cluster(CLUSTER).disk(CSV), true);
            return null;
        });
        cl.redirectCsvIo(CLUSTER, CSV).close();
        assertEquals(SimDisk.FAULT_REDIRECTED, faultState());
    }

    @Test
    void badRedirectionsAndSettingsAreRefusedAndChangeNothing() {
        CimException notCsv = assertThrows(CimException.class, () -> cl.redirectCsvIo(CLUSTER, "Cluster Disk 9"));
        assertTrue(notCsv.getMessage().contains("Cluster Disk 9"), notCsv.getMessage());
        CimException bad = assertThrows(CimException.class, () -> cl.configure(CLUSTER).diskPerformance(CSV, 0, 100));
        assertTrue(bad.getMessage().contains(CSV), bad.getMessage());
        assertEquals(StorageModel.CALIBRATED.restoreMiBPerSecond() * (1 << 20), cl.read(e -> cl.cluster(CLUSTER).disk(CSV).bytesPerSecond()));
        try (CsvRedirection r = cl.redirectCsvIo(CLUSTER, CSV)) {
            assertThrows(IllegalArgumentException.class, () -> r.io("host9", 1, 1, 1, at -> { }));
            r.close();
            assertThrows(IllegalStateException.class, () -> r.io("host1", 1, 1, 1, at -> { }));
        }
    }

    /**
     * While the CSV is redirected, a guest on host2 (not the coordinator) doing 40 MB/s of its own
     * storage I/O sends it over the CSV network to host1, with no caller starting it; it stops when
     * the redirection ends. A lab saved while redirected is loaded redirected, the guest's I/O
     * flowing again, and the restored redirection can be closed.
     */
    @Test
    void guestsOnANonCoordinatorDoTheirIoOverTheNetworkWhileRedirectedAndARedirectionIsSavedWithTheLab(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        String csvPath = cl.read(e -> cl.cluster(CLUSTER).disk(CSV).path());
        io.hyperv4j.sim.SimVm web = PaperClusters.vm(lab, "host2", "Web", 1024, 1, true);
        cl.vm(web.id(), t -> t.configPath(csvPath + "\\Web").storageIo(40e6));
        String host2 = Fabric.adapter("host2", "CSV");
        CsvRedirection r = cl.redirectCsvIo(CLUSTER, CSV);
        assertEquals(40e6, lab.fabric().load(host2), 1e-6, "the guest's own I/O crosses host2's adapter");
        assertEquals(40e6, lab.fabric().load(Fabric.adapter("host1", "CSV")), 1e-6, "to the coordinator");
        java.nio.file.Path file = dir.resolve("lab.json");
        lab.save(file);
        r.close();
        assertEquals(0, lab.fabric().load(host2), "back to the storage directly once redirection ends");
        assertEquals(0, faultState());
        try (Lab loaded = Lab.load(file)) {
            ClusterLab l = ClusterLab.of(loaded);
            assertEquals((long) SimDisk.FAULT_REDIRECTED, (long) l.read(e -> l.cluster(CLUSTER).disk(CSV).faultState()));
            assertEquals(40e6, loaded.fabric().load(host2), 1e-6, "the loaded lab's guest I/O flows again");
            List<CsvRedirection> restored = l.csvRedirections(CLUSTER, CSV);
            assertEquals(1, restored.size());
            restored.get(0).close();
            assertEquals(0, loaded.fabric().load(host2));
            assertEquals(0L, (long) l.read(e -> l.cluster(CLUSTER).disk(CSV).faultState()));
            assertTrue(l.csvRedirections(CLUSTER, CSV).isEmpty());
        }
    }

    /**
     * A guest whose storage I/O is not set does what its guest load does over the network while
     * redirected: an idle guest's 3 I/Os of 8 KiB a second, and seed 004's Exchange guest (a
     * quarter of its 524.7 database reads and 223.7 + 187.1 database and log writes a second) at
     * Exchange 2010's 32 KiB database page, 7.66 MB/s.
     */
    @Test
    void aGuestWithoutItsOwnStorageRateRedirectsWhatItsGuestLoadDoes() {
        String csvPath = cl.read(e -> cl.cluster(CLUSTER).disk(CSV).path());
        io.hyperv4j.sim.SimVm web = PaperClusters.vm(lab, "host2", "Web", 1024, 1, true);
        cl.vm(web.id(), t -> t.configPath(csvPath + "\\Web"));
        String host2 = Fabric.adapter("host2", "CSV");
        try (CsvRedirection r = cl.redirectCsvIo(CLUSTER, CSV)) {
            assertEquals(3 * 8192, lab.fabric().load(host2), 1e-6, "an idle guest's I/O");
        }
        io.hyperv4j.sim.GuestLoad exchange = new io.hyperv4j.sim.GuestLoad(0.6, 524.7 / 4, (223.7 + 187.1) / 4, 32768, 0.008, 250e3, 250e3);
        lab.write(Duration.ofSeconds(10), txn -> {
            txn.touch(web);
            web.guestLoad(exchange);
            return null;
        });
        try (CsvRedirection r = cl.redirectCsvIo(CLUSTER, CSV)) {
            assertEquals((524.7 + 223.7 + 187.1) / 4 * 32768, lab.fabric().load(host2), 1e-6, "seed 004's guest");
            assertEquals(lab.fabric().load(host2), lab.fabric().load(Fabric.adapter("host1", "CSV")), 1e-6, "to the coordinator");
        }
        cl.vm(web.id(), t -> t.storageIo(0));
        try (CsvRedirection r = cl.redirectCsvIo(CLUSTER, CSV)) {
            assertEquals(0, lab.fabric().load(host2), "a rate set to 0 is none, whatever the guest load");
        }
    }

    /**
     * A guest that starts on a non-coordinator while its CSV is redirected joins the redirected I/O
     * at once, leaves it when it stops, and leaves the network when it moves to the coordinator.
     */
    @Test
    void guestsJoinAndLeaveARedirectionUnderWayAsTheyStartStopAndMove() {
        String csvPath = cl.read(e -> cl.cluster(CLUSTER).disk(CSV).path());
        io.hyperv4j.sim.SimVm web = PaperClusters.vm(lab, "host2", "Web", 1024, 1, false);
        cl.vm(web.id(), t -> t.configPath(csvPath + "\\Web").storageIo(40e6));
        String host2 = Fabric.adapter("host2", "CSV");
        try (CsvRedirection r = cl.redirectCsvIo(CLUSTER, CSV); io.hyperv4j.cim.CimSession s = lab.session("host2")) {
            assertEquals(0, lab.fabric().load(host2), "an off guest does no I/O");
            io.hyperv4j.cim.ObjectPath vm = io.hyperv4j.sim.v2.V2.computerSystem("host2", web.id());
            java.util.Map<String, io.hyperv4j.cim.CimValue> start = java.util.Map.of("RequestedState", io.hyperv4j.cim.CimValue.uint16(2));
            assertEquals(4096, s.invoke(vm, "RequestStateChange", start).returnValue());
            lab.clock().advance(Duration.ofMinutes(1));
            assertEquals(io.hyperv4j.sim.PowerState.RUNNING, web.state());
            assertEquals(40e6, lab.fabric().load(host2), 1e-6, "started during the redirection: its I/O is redirected at once");
            assertEquals(40e6, lab.fabric().load(Fabric.adapter("host1", "CSV")), 1e-6);
            assertEquals(4096, s.invoke(vm, "RequestStateChange", java.util.Map.of("RequestedState", io.hyperv4j.cim.CimValue.uint16(3))).returnValue());
            lab.clock().advance(Duration.ofMinutes(1));
            assertEquals(0, lab.fabric().load(host2), 1e-6, "stopped: it leaves at once");
            assertEquals(4096, s.invoke(vm, "RequestStateChange", start).returnValue());
            lab.clock().advance(Duration.ofMinutes(1));
            assertEquals(40e6, lab.fabric().load(host2), 1e-6);
            lab.write(Duration.ofSeconds(10), txn -> {
                lab.moveVm(txn, web, lab.host("host1"));
                return null;
            });
            assertEquals(0, lab.fabric().load(host2), 1e-6, "moved onto the coordinator: no network I/O");
            assertEquals(0, lab.fabric().load(Fabric.adapter("host1", "CSV")), 1e-6);
        }
    }

    /**
     * A lab saved while a redirection's own I/O flows is loaded with those flows under way: the same
     * rates on the same links, the bytes they had left, and the same ends (b at 10 s, a at 15 s, counted in the loaded lab's time).
     */
    @Test
    void aRedirectionsIoUnderWayIsSavedWithTheLabAndEndsAsItWouldHave(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        CsvRedirection r = cl.redirectCsvIo(CLUSTER, CSV);
        Fabric.Flow a = r.io("host2", 1_250_000_000L, Double.POSITIVE_INFINITY, 65536, at -> { });
        Fabric.Flow b = r.io("host2", 625_000_000L, Double.POSITIVE_INFINITY, 65536, at -> { });
        lab.clock().advance(Duration.ofSeconds(4));
        java.nio.file.Path file = dir.resolve("lab.json");
        lab.save(file);
        try (Lab loaded = Lab.load(file)) {
            // a loaded virtual clock goes on from the saved time plus the real time since: count from the load
            Instant t0 = loaded.clock().now().minusSeconds(4);
            List<Fabric.Flow> again = ClusterLab.of(loaded).csvRedirections(CLUSTER, CSV).get(0).flows();
            assertEquals(2, again.size(), "both flows come back");
            for (int i = 0; i < 2; i++) {
                Fabric.Flow was = List.of(a, b).get(i), is = again.get(i);
                assertEquals(was.rate(), is.rate(), 1e-6, "the rate it had");
                assertEquals(was.spec().links(), is.spec().links());
                assertEquals(was.spec().bytes() - was.moved(), is.spec().bytes(), 1, "the bytes it had left");
            }
            assertEquals(125e6, loaded.fabric().load(Fabric.adapter("host1", "CSV")), 1e-6);
            loaded.clock().advance(Duration.between(loaded.clock().now(), t0.plus(Duration.ofMillis(9_990))));
            assertTrue(again.get(1).isRunning() && again.get(0).isRunning(), "b is not through before 10 s");
            loaded.clock().advance(Duration.ofMillis(20));
            assertFalse(again.get(1).isRunning(), "b ends at 10 s as it would have");
            assertEquals(125e6, again.get(0).rate(), 1e-6, "a has the link to itself");
            loaded.clock().advance(Duration.between(loaded.clock().now(), t0.plus(Duration.ofMillis(14_990))));
            assertTrue(again.get(0).isRunning());
            loaded.clock().advance(Duration.ofMillis(20));
            assertFalse(again.get(0).isRunning(), "a ends at 15 s as it would have");
        }
        r.close();
    }
}
