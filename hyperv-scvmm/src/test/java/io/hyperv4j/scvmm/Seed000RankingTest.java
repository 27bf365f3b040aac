package io.hyperv4j.scvmm;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Seed 000 §7.7 scenarios 2 and 8 through the management server. */
class Seed000RankingTest {

    static MoveResult move(String template, MigrationMethod m) {
        try (Lab lab = Lab.fromTemplate(template); HyperVHost host1 = lab.connect("host1")) {
            return host1.capability(VirtualMachineManager.class).move("SQL Server", "host2", m).await(Duration.ofHours(1));
        }
    }

    @Test
    void scenario8_liveBeatsSanBeatsNetworkInTimeAndOutageAndTheAdvisorSaysSo() {
        MoveResult live = move("seed000-cluster", MigrationMethod.CLUSTER_LIVE);
        MoveResult san = move("seed000-vmm", MigrationMethod.SAN);
        MoveResult net = move("seed000-vmm", MigrationMethod.NETWORK);
        double lt = live.total().toMillis() / 1000.0, st = san.total().toMillis() / 1000.0, nt = net.total().toMillis() / 1000.0;
        assertEquals(73.0, lt, 73.0 * 0.02);
        assertTrue(lt < st && st < 120 && 900 < nt, lt + " < " + st + " < 120 < 900 < " + nt);
        assertTrue(live.outage().compareTo(san.outage()) < 0 && san.outage().compareTo(net.outage()) < 0
                && net.outage().compareTo(Duration.ofSeconds(60)) <= 0);
        try (Lab lab = Lab.fromTemplate("seed000-cluster"); HyperVHost host1 = lab.connect("host1")) {
            MoveAdvice a = host1.capability(VirtualMachineManager.class).advise("SQL Server", "host2");
            assertEquals(MigrationMethod.CLUSTER_LIVE, a.recommended().orElseThrow().method(), "non-disruptive: live migration");
        }
        try (Lab lab = Lab.fromTemplate("seed000-vmm"); HyperVHost host1 = lab.connect("host1")) {
            MoveAdvice a = host1.capability(VirtualMachineManager.class).advise("SQL Server", "host2");
            assertEquals(MigrationMethod.SAN, a.recommended().orElseThrow().method(), "no cluster, a supported SAN, one VM per LU");
            assertTrue(a.method(MigrationMethod.NETWORK).detail().contains("not for production maintenance windows"));
        }
    }

    @Test
    void scenario6_withoutAManagementServerNeitherTransferIsAvailableButTheClusterStillMovesTheVm() {
        try (Lab lab = Lab.fromTemplate("seed000-cluster"); HyperVHost host1 = lab.connect("host1")) {
            io.hyperv4j.scvmm.sim.VmmLab.of(lab).server(false);
            assertTrue(host1.findCapability(VirtualMachineManager.class).isEmpty());
            io.hyperv4j.NotSupportedException e = assertThrows(io.hyperv4j.NotSupportedException.class, () -> host1.capability(VirtualMachineManager.class));
            assertTrue(e.getMessage().contains("no management server manages host host1"), e.getMessage());
            io.hyperv4j.cluster.FailoverCluster cluster = host1.capability(io.hyperv4j.cluster.FailoverCluster.class);
            assertEquals("host2", cluster.groupOfVm("SQL Server").liveMigrate("host2").await().ownerNode());
        }
    }

    @Test
    void hostGroupsListTheirHosts() {
        try (Lab lab = Lab.fromTemplate("seed000-vmm"); HyperVHost host1 = lab.connect("host1")) {
            assertEquals(java.util.Map.of("Seed 000", java.util.List.of("host1", "host2")), host1.capability(VirtualMachineManager.class).hostGroups());
        }
    }

    @Test
    void scenario2_liveMigrationToAHostOutsideTheClusterIsRefusedAndTheVmRunsOn() {
        try (Lab lab = Lab.fromTemplate("seed000-cluster"); HyperVHost host1 = lab.connect("host1")) {
            lab.addHost("host3", 8, 8192);
            VirtualMachineManager vmm = host1.capability(VirtualMachineManager.class);
            String before = TransferRefusalTest.state(lab);
            MoveRefusedException e = assertThrows(MoveRefusedException.class, () -> vmm.move("SQL Server", "host3", MigrationMethod.CLUSTER_LIVE));
            assertEquals(MethodRefusal.NOT_IN_SAME_CLUSTER, e.reason());
            assertTrue(e.getMessage().contains("host3 is in no cluster"), e.getMessage());
            assertEquals(before, TransferRefusalTest.state(lab));
            VmmVm vm = vmm.vm("SQL Server");
            assertEquals("host1", vm.host());
            assertTrue(vm.running());
            assertEquals(PowerState.RUNNING, lab.read(Duration.ofMinutes(1), () -> lab.host("host1").vms().iterator().next().state()));
        }
    }
}
