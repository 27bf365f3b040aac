package io.hyperv4j.scvmm;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.scvmm.sim.SanLab;
import io.hyperv4j.scvmm.sim.SanTemplates;
import io.hyperv4j.scvmm.sim.VmmTemplates;
import io.hyperv4j.sim.Fabric;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.substrate.FlowNetwork;
import io.hyperv4j.substrate.StorageModel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: the management server's transfers draw from the substrate. A SAN transfer saves and
 * restores the VM's memory through its LU's link (throughput and IOPS, like a CSV's), so a slower
 * LU or other I/O on it lengthens the save, the restore and the outage MoveResult reports (measured,
 * not planned); a network transfer taken up from a saved lab goes on as a flow with the bytes it had
 * left, so what shares its links after the reload slows it.
 */
class TransferSubstrateTest {
    static final double GIB6 = 6.0 * (1L << 30);
    static final double SAVE = StorageModel.CALIBRATED.saveBytesPerSecond(), RESTORE = StorageModel.CALIBRATED.restoreBytesPerSecond();

    @TempDir
    Path dir;

    static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    /** The SAN transfer of seed 000's 6 GiB VM on an LU of {@code luBytesPerSecond}. */
    static MoveResult sanTransfer(double luBytesPerSecond, boolean otherIo) {
        try (Lab lab = Lab.fromTemplate("seed000-vmm"); HyperVHost host1 = lab.connect("host1")) {
            SanLab.of(lab).luPerformance(SanTemplates.ARRAY, 1, luBytesPerSecond, Double.POSITIVE_INFINITY);
            lab.clock().advance(Duration.ofSeconds(41)); // the template's pair copy (LU1 to LU2, 40.2 s) is other I/O on the LU: let it finish
            FlowNetwork.FlowSpec io = new FlowNetwork.FlowSpec("backup/read", FlowNetwork.OPEN_ENDED, Double.POSITIVE_INFINITY, 1 << 20,
                    List.of(Fabric.storage(SanTemplates.ARRAY + "/1")));
            if (otherIo) {
                lab.fabric().link(io.links().get(0), luBytesPerSecond, Double.POSITIVE_INFINITY);
                lab.fabric().start(io, at -> { });
            }
            return host1.capability(VirtualMachineManager.class).move(VmmTemplates.VM, "host2", MigrationMethod.SAN).await();
        }
    }

    @Test
    void aSanTransfersSaveAndRestoreShareItsLu() {
        MoveResult calibrated = sanTransfer(RESTORE, false);
        assertEquals(105.3, seconds(calibrated.total()), 0.05, "seed 000's SAN transfer alone");
        assertEquals(26.0, seconds(calibrated.outage()), 0.05);

        // an LU of 512 MiB/s: the save and the restore each take 12 s instead of 6.03 s and 3.71 s, both while the VM is down
        MoveResult slow = sanTransfer(512.0 * (1 << 20), false);
        double longer = GIB6 / (512.0 * (1 << 20)) - GIB6 / SAVE + GIB6 / (512.0 * (1 << 20)) - GIB6 / RESTORE;
        assertEquals(105.3 + longer, seconds(slow.total()), 0.05, "total on a slow LU");
        assertEquals(26.0 + longer, seconds(slow.outage()), 0.05, "the measured outage, not the plan's 26 s");

        // a backup reading the LU beside it: the save gets an even share (827 MiB/s), so does the restore
        MoveResult shared = sanTransfer(RESTORE, true);
        double half = RESTORE / 2;
        double slower = GIB6 / half - GIB6 / SAVE + GIB6 / half - GIB6 / RESTORE;
        assertEquals(26.0 + slower, seconds(shared.outage()), 0.05, "outage beside other I/O on the LU");
    }

    /** When the VM runs on host2 again, the clock running in 1 s steps; a lab saved at {@code saveAfter} and loaded runs the rest. */
    private double networkTransferEnds(Duration saveAfter, boolean competitorAfterLoad) {
        Path file = dir.resolve("lab-" + saveAfter.toSeconds() + "-" + competitorAfterLoad + ".json");
        Instant t0;
        try (Lab lab = Lab.fromTemplate("seed000-vmm"); HyperVHost host1 = lab.connect("host1")) {
            t0 = lab.clock().now();
            host1.capability(VirtualMachineManager.class).move(VmmTemplates.VM, "host2", MigrationMethod.NETWORK);
            lab.clock().advance(saveAfter);
            lab.save(file);
        }
        try (Lab lab = Lab.load(file)) {
            if (competitorAfterLoad) {
                String folder = Fabric.storage("host1/VM folder");
                lab.fabric().start(new FlowNetwork.FlowSpec("backup/read", FlowNetwork.OPEN_ENDED, Double.POSITIVE_INFINITY, 1 << 20,
                        List.of(folder)), at -> { });
            }
            for (int s = 0; s < 4000; s++) {
                SimVm vm = Seed000TransferTest.vm(lab);
                if (vm.host().name().equalsIgnoreCase("host2") && vm.state() == PowerState.RUNNING) return seconds(Duration.between(t0, lab.clock().now()));
                lab.clock().advance(Duration.ofSeconds(1));
            }
            return fail("the transfer did not end");
        }
    }

    @Test
    void aNetworkTransferTakenUpFromASavedLabGoesOnAsAFlowWithTheBytesItHadLeft() {
        double uninterrupted = networkTransferEnds(Duration.ofSeconds(1), false);
        double reloaded = networkTransferEnds(Duration.ofSeconds(300), false);
        assertEquals(uninterrupted, reloaded, 1.0, "reloaded mid-copy it ends when it would have");
        double competed = networkTransferEnds(Duration.ofSeconds(300), true);
        // the folder is shared from the reload on: the copy's rest runs at half the folder's rate
        assertTrue(competed > reloaded + 200, "a read sharing the folder after the reload slows the rest of the copy: " + reloaded + " -> " + competed);
    }
}
