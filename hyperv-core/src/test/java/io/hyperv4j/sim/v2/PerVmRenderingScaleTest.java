package io.hyperv4j.sim.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.SimVm;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What {@code vm list} asks of each VM (its references and associated settings) is answered from that
 * VM alone (issue 12, finding 8). With 10,000 VMs on one host, asking it for every VM renders 10,000
 * VMs' worth of instances; the former scan visited every VM for each VM and class
 * (300 million visits: minutes, not asserted as time).
 */
class PerVmRenderingScaleTest {
    private static final int VMS = 10_000;

    @Test
    void referencesAndAssociatorsOfEveryVmOnACrowdedHost() {
        try (Lab lab = Lab.builder().seed(5).host("HV01", 2048, 1L << 30).build()) {
            SimHost host = lab.host("HV01");
            lab.write(Duration.ofSeconds(60), txn -> {
                for (int i = 0; i < VMS; i++) lab.createVm(txn, host, "vm" + i);
                return null;
            });
            int settings = 0;
            try (CimSession s = lab.session("HV01")) {
                for (SimVm vm : host.vms()) {
                    ObjectPath cs = V2.computerSystem("HV01", vm.id());
                    assertTrue(s.references(cs, StorageRenderer.SNAPSHOT_OF).isEmpty());
                    settings += s.associators(cs, "Msvm_SettingsDefineState", V2.VSSD).size();
                }
            }
            assertEquals(VMS, settings);
        }
    }
}
