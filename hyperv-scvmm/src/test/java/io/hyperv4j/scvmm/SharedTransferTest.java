package io.hyperv4j.scvmm;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.job.Operation;
import io.hyperv4j.scvmm.sim.VmmLab;
import io.hyperv4j.scvmm.sim.VmmTemplates;
import io.hyperv4j.scvmm.transfer.NetworkTransferModel;
import io.hyperv4j.sim.Fabric;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimVm;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Network transfers are flows on the lab's fabric: two at once from one host share its VM folder
 * and adapter, each runs slower than alone and never more than the links carry, and the one left
 * speeds up when the other's copy is through.
 */
class SharedTransferTest {
    static final Duration LOCK = Duration.ofMinutes(1);
    static final long SECOND_BYTES = 4_000_000_000L;

    static double seconds(Instant a, Instant b) {
        return Duration.between(a, b).toNanos() / 1e9;
    }

    @Test
    void twoNetworkTransfersFromOneHostShareItsDiskAndTheSurvivorSpeedsUp() {
        double alone;
        try (Lab lab = Lab.fromTemplate("seed000-vmm"); HyperVHost host1 = lab.connect("host1")) {
            Instant t0 = lab.clock().now();
            host1.capability(VirtualMachineManager.class).move(VmmTemplates.VM, "host2", MigrationMethod.NETWORK).await();
            alone = seconds(t0, lab.clock().now());
        }
        try (Lab lab = Lab.fromTemplate("seed000-vmm"); HyperVHost host1 = lab.connect("host1")) {
            SimVm second = lab.write(LOCK, txn -> {
                SimVm vm = lab.createVm(txn, lab.host("host1"), "Second");
                vm.memoryMb(1024);
                return vm;
            });
            VmmLab.of(lab).vmDisk(second.id(), "Second.vhdx", 64L << 20, 1 << 20, SECOND_BYTES, 19_000);
            VirtualMachineManager vmm = host1.capability(VirtualMachineManager.class);
            Instant t0 = lab.clock().now();
            Operation<MoveResult> big = vmm.move(VmmTemplates.VM, "host2", MigrationMethod.NETWORK);
            Operation<MoveResult> small = vmm.move("Second", "host2", MigrationMethod.NETWORK);
            String disk = Fabric.storage("host1/VM folder");
            double folder = NetworkTransferModel.Parameters.CALIBRATED.sourceReadBytesPerSecond();
            lab.clock().advance(Duration.ofSeconds(60));
            assertEquals(folder, lab.fabric().load(disk), folder * 1e-9, "both copies together take the whole folder, no more");
            assertEquals(2, lab.fabric().running().size());
            double shared = lab.fabric().running().get(0).rate();
            assertEquals(folder / 2, shared, 1, "an even share each");

            MoveResult s = small.await();
            Instant smallEnd = lab.clock().now();
            // Second's 4 GB at half the folder: 334 s and its save, import and restore
            assertTrue(seconds(t0, smallEnd) > SECOND_BYTES / (folder / 2), "Second took " + seconds(t0, smallEnd) + " s");
            assertEquals(seconds(s.started(), s.ended()), seconds(t0, smallEnd), 1.0, "the result reports what the job took");
            lab.clock().advance(Duration.ofSeconds(1));
            var left = lab.fabric().running();
            assertEquals(1, left.size());
            assertEquals(NetworkTransferModel.calibrated().copyRate(1e9), left.get(0).rate(), 1, "the survivor is back at its own rate");

            MoveResult b = big.await();
            double together = seconds(t0, lab.clock().now());
            assertTrue(together > alone + 100, "the 6 GB VM took " + together + " s beside another copy, " + alone + " s alone");
            assertTrue(together < alone + SECOND_BYTES / (folder / 2), together + " s: the survivor's share grew back");
            assertEquals(together, seconds(b.started(), b.ended()), 1.0);
            assertEquals("host2", lab.read(LOCK, () -> lab.vm(second.id()).host().name()));
        }
    }
}
