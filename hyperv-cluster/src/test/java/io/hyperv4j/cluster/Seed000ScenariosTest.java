package io.hyperv4j.cluster;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cluster.sim.ClusterLab;
import io.hyperv4j.cluster.sim.MigrationRecord;
import io.hyperv4j.cluster.sim.PaperClusters;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimVm;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Seed 000 (Hitachi/Microsoft migration whitepaper), digest section 7.7, scenarios 1, 2 and 10. */
class Seed000ScenariosTest {
    Lab lab;
    CimSession host1;
    FailoverCluster cluster;

    @BeforeEach
    void open() {
        lab = PaperClusters.seed000(0, SimClock.virtual(Lab.DEFAULT_START));
        host1 = lab.session("host1");
        cluster = Clusters.of(host1);
    }

    @AfterEach
    void close() {
        host1.close();
        lab.close();
    }

    SimVm sqlVm() {
        return lab.read(Duration.ofSeconds(5), () -> lab.host("host1").vms().isEmpty()
                ? lab.host("host2").vms().iterator().next() : lab.host("host1").vms().iterator().next());
    }

    /** 1. Live migration of the 6 GB SQL Server VM over 1 GbE: 73 s, 1 s outage, running on host2, its session intact. */
    @Test
    void liveMigrationOfThePaperProfile() {
        SimVm vm = sqlVm();
        Instant started = vm.startedAt();
        Instant t0 = lab.clock().now();
        GroupInfo g = cluster.group("SQL Server").liveMigrate("host2").await(Duration.ofMinutes(5));
        double seconds = Duration.between(t0, lab.clock().now()).toMillis() / 1000.0;
        assertEquals(73.0, seconds, 73.0 * 0.02, "console start to end");
        MigrationRecord r = ClusterLab.of(lab).history("hv-cluster").get(0);
        assertEquals(1.0, r.outage().toMillis() / 1000.0, 0.25, "ping outage");
        assertEquals("LiveMigration", r.network());
        assertEquals("host2", g.ownerNode());
        assertEquals(GroupState.ONLINE, g.state());
        assertEquals("host2", vm.host().name());
        assertEquals(PowerState.RUNNING, vm.state());
        assertEquals(started, vm.startedAt(), "no restart: the SQL session survives");
        assertEquals(r.sourceDigest(), r.destinationDigest(), "memory content identical after the switch");
    }

    /** 2. Live migration to a host outside the cluster is refused; the VM keeps running on host1, no outage. */
    @Test
    void liveMigrationToANonClusterHostIsRefused() {
        lab.addHost("san-host", 8, 8192);
        ClusterRefusedException e = assertThrows(ClusterRefusedException.class,
                () -> cluster.group("SQL Server").liveMigrate("san-host"));
        assertEquals(ClusterRefusal.NODE_NOT_FOUND, e.reason());
        assertTrue(e.getMessage().contains("san-host"), e.getMessage());
        assertEquals("host1", sqlVm().host().name());
        assertEquals(PowerState.RUNNING, sqlVm().state());
        assertTrue(ClusterLab.of(lab).history("hv-cluster").isEmpty());
    }

    /** 10. host1 fails: the HA VM restarts on host2 (an outage, a fresh boot); a non-HA VM on host1 stays down. */
    @Test
    void hostFailureFailsTheVmOver() {
        SimVm vm = sqlVm();
        long before = ClusterLab.of(lab).read(e -> e.memoryOf(vm).digest());
        SimVm local = PaperClusters.vm(lab, "host1", "not-ha", 1024, 1, true);
        List<ClusterEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (CimSession host2 = lab.session("host2")) {
            FailoverCluster fromHost2 = Clusters.of(host2);
            AutoCloseable sub = fromHost2.subscribe(events::add);
            ClusterLab.of(lab).powerOff("host1");
            lab.clock().advance(Duration.ofMinutes(3));
            GroupInfo g = fromHost2.group("SQL Server").info();
            assertEquals("host2", g.ownerNode());
            assertEquals(GroupState.ONLINE, g.state());
            assertEquals(PowerState.RUNNING, vm.state());
            long after = ClusterLab.of(lab).read(e -> e.memoryOf(vm).digest());
            assertNotEquals(before, after, "a cold boot: memory not preserved");
            MigrationRecord r = ClusterLab.of(lab).history("hv-cluster").get(0);
            assertEquals("FAILOVER", r.outcome());
            assertTrue(r.outage().compareTo(Duration.ofSeconds(5)) > 0);
            assertEquals(PowerState.OFF, local.state());
            assertEquals("host1", local.host().name());
            assertTrue(events.stream().anyMatch(ev -> ev.kind() == ClusterEvent.Kind.GROUP && ev.property().equals("OwnerNode")
                    && "host2".equals(ev.after())), events.toString());
            assertTrue(events.stream().anyMatch(ev -> ev.kind() == ClusterEvent.Kind.NODE && ev.name().equals("host1")
                    && "1".equals(ev.after())), events.toString());
            sub.close();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
