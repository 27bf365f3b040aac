package io.hyperv4j.scvmm;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.cluster.ClusterException;
import io.hyperv4j.cluster.ClusterGroup;
import io.hyperv4j.cluster.ClusterRefusal;
import io.hyperv4j.cluster.ClusterRefusedException;
import io.hyperv4j.cluster.DrainStatus;
import io.hyperv4j.cluster.DrainType;
import io.hyperv4j.cluster.FailoverCluster;
import io.hyperv4j.cluster.sim.PaperClusters;
import io.hyperv4j.job.Operation;
import io.hyperv4j.sim.Lab;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: one ledger of what moves under way claimed on a host. On seed 000's cluster (two 8 GB
 * nodes, 6,144 MB free on each for VMs) the management server sends a 1 GB VM to host2 over the
 * network; while it is on its way, the cluster cannot land the 6 GB SQL Server there by any move, and
 * while the cluster's live migration of SQL Server is on its way, the transfer is refused. Each
 * refusal carries the documented error and the claim in its numbers, and nothing moves.
 */
class LandingClaimsTest {
    private static final Duration WAIT = Duration.ofHours(1);

    /** host1's clustered 6 GB SQL Server stays put while the transfer of "Other" to host2 is under way. */
    private static void refusedWhileATransferClaimsHost2(Function<FailoverCluster, Operation<?>> move, boolean drain) {
        try (Lab lab = Lab.fromTemplate("seed000-cluster"); HyperVHost host1 = lab.connect("host1")) {
            other(lab);
            VirtualMachineManager vmm = host1.capability(VirtualMachineManager.class);
            Operation<MoveResult> transfer = vmm.move("Other", "host2", MigrationMethod.NETWORK);
            lab.clock().advance(Duration.ofSeconds(30));
            FailoverCluster cluster = host1.capability(FailoverCluster.class);
            ClusterGroup sql = cluster.groupOfVm("SQL Server");
            if (drain) {
                assertThrows(ClusterException.class, () -> move.apply(cluster).await(WAIT));
                assertEquals(DrainStatus.FAILED, cluster.node("host1").info().drainStatus());
                assertEquals(5957, sql.info().lastOperationStatus(), sql.info().lastMigrationError());
                assertTrue(sql.info().lastMigrationError().contains("1,024 MB reserved by moves to it"), sql.info().lastMigrationError());
            } else {
                ClusterRefusedException e = assertThrows(ClusterRefusedException.class, () -> move.apply(cluster).await(WAIT));
                assertEquals(ClusterRefusal.NOT_ENOUGH_RESOURCES_ON_DESTINATION, e.reason(), e.getMessage());
                assertTrue(e.getMessage().contains("5,120 MB free") && e.getMessage().contains("1,024 MB reserved by moves to it"), e.getMessage());
            }
            assertEquals("host1", sql.info().ownerNode(), "nothing moved");
            assertEquals("host1", vmm.vm("SQL Server").host());
            assertTrue(vmm.vm("SQL Server").running());
            assertEquals("host2", transfer.await(WAIT).to(), "the transfer that claimed the room lands");
        }
    }

    /** A running 1 GB VM on host1, not clustered, with a 2 GB disk in host1's folder. */
    private static void other(Lab lab) {
        String id = PaperClusters.vm(lab, "host1", "Other", 1024, 1, true).id();
        io.hyperv4j.scvmm.sim.VmmLab.of(lab).vmDisk(id, "Other.vhdx", 16L << 20, 1 << 20, 2L << 30, 1 << 20);
    }

    @Test
    void aLiveMigrationCannotTakeTheMemoryATransferClaimed() {
        refusedWhileATransferClaimsHost2(c -> c.groupOfVm("SQL Server").liveMigrate("host2"), false);
    }

    @Test
    void aQuickMigrationCannotTakeTheMemoryATransferClaimed() {
        refusedWhileATransferClaimsHost2(c -> c.groupOfVm("SQL Server").quickMigrate("host2"), false);
    }

    @Test
    void aDrainCannotTakeTheMemoryATransferClaimed() {
        refusedWhileATransferClaimsHost2(c -> c.node("host1").pause(DrainType.DRAIN, null), true);
    }

    @Test
    void aTransferCannotTakeTheMemoryALiveMigrationClaimed() {
        try (Lab lab = Lab.fromTemplate("seed000-cluster"); HyperVHost host1 = lab.connect("host1")) {
            PaperClusters.vm(lab, "host1", "Other", 1024, 1, true);
            VirtualMachineManager vmm = host1.capability(VirtualMachineManager.class);
            var live = host1.capability(FailoverCluster.class).groupOfVm("SQL Server").liveMigrate("host2");
            lab.clock().advance(Duration.ofSeconds(10));
            String before = TransferRefusalTest.state(lab);
            for (MigrationMethod m : new MigrationMethod[] {MigrationMethod.NETWORK, MigrationMethod.SAN}) {
                MoveRefusedException e = assertThrows(MoveRefusedException.class, () -> vmm.move("Other", "host2", m));
                if (e.reason() == MethodRefusal.NOT_ENOUGH_MEMORY)
                    assertTrue(e.getMessage().contains("6,144 MB reserved by moves to it"), e.getMessage());
                else assertEquals(MigrationMethod.SAN, m, "only the SAN method may have another reason first: " + e.getMessage());
            }
            assertEquals(before, TransferRefusalTest.state(lab), "the refusals changed nothing");
            assertEquals("host2", live.await(WAIT).ownerNode());
            assertEquals("host1", vmm.vm("Other").host());
        }
    }
}
