package io.hyperv4j.cluster.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.sim.Fabric;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.v2.V2;
import io.hyperv4j.substrate.StorageModel;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A clustered VM's saved state (v2 RequestStateChange 6) is written to its CSV, where quick migrations save too. */
class ClusteredSaveTest {
    @Test
    void aRolesVmSavesOnItsCsvsLinkNotTheHostsDisks() {
        try (Lab lab = SharedLinkTest.lab(1); CimSession s = lab.session("A")) {
            SimVm vm = lab.hosts().stream().flatMap(h -> h.vms().stream()).filter(v -> v.name().equals("vm1")).findFirst().orElseThrow();
            assertEquals(4096, s.invoke(V2.computerSystem("A", vm.id()), "RequestStateChange",
                    Map.of("RequestedState", CimValue.uint16(6))).returnValue());
            String csv = Fabric.storage("tri/Cluster Disk 1");
            assertEquals(StorageModel.CALIBRATED.saveBytesPerSecond(), lab.fabric().load(csv), 1, "the save writes to the CSV");
            assertEquals(null, lab.fabric().link(Fabric.storage("A/local")), "not to A's own disks");
            lab.clock().advance(Duration.ofMinutes(1));
            assertEquals(PowerState.SAVED, vm.state());
            assertEquals(0, lab.fabric().load(csv), 1e-9);
        }
    }
}
