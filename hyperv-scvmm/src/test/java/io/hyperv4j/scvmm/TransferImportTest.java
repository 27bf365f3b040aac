package io.hyperv4j.scvmm;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.cim.Subscription;
import io.hyperv4j.scvmm.sim.VmmLab;
import io.hyperv4j.scvmm.sim.VmmTemplates;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.v2.SystemDefinitions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A SAN or network transfer lands the VM the way Hyper-V's clients do: its definition exported into
 * its folder, the VM deleted on the source and created on the destination from the imported,
 * realized definition, with the same GUID.
 */
class TransferImportTest {
    @Test
    void aSanTransferExportsDestroysImportsAndRealizesTheVm() {
        try (Lab lab = Lab.fromTemplate("seed000-vmm"); HyperVHost host1 = lab.connect("host1"); HyperVHost host2 = lab.connect("host2")) {
            SimVm before = Seed000TransferTest.vm(lab);
            List<String> events = new CopyOnWriteArrayList<>();
            try (Subscription gone = host1.session().subscribe("root\\virtualization\\v2",
                    "SELECT * FROM __InstanceDeletionEvent WITHIN 1 WHERE TargetInstance ISA 'Msvm_ComputerSystem'", e -> events.add("deleted on host1"));
                 Subscription made = host2.session().subscribe("root\\virtualization\\v2",
                    "SELECT * FROM __InstanceCreationEvent WITHIN 1 WHERE TargetInstance ISA 'Msvm_ComputerSystem'", e -> events.add("created on host2"))) {
                MoveResult r = host1.capability(VirtualMachineManager.class).move(VmmTemplates.VM, "host2", MigrationMethod.SAN).await();
                assertEquals(MigrationMethod.SAN, r.method());
            }
            SimVm after = Seed000TransferTest.vm(lab);
            assertEquals(before.id(), after.id(), "the VM keeps its GUID");
            assertNotSame(before, after, "the destination realized a VM of its own");
            assertTrue(before.removed(), "the source's VM was destroyed");
            assertEquals("host2", lab.read(Seed000TransferTest.LOCK, () -> after.host().name()));
            Path folder = VmmLab.of(lab).read(m -> m.filesOf(after.id()).dir());
            assertTrue(Files.isRegularFile(folder.resolve(SystemDefinitions.DEFINITIONS_FOLDER).resolve(after.id() + ".vmcx")),
                    "the definition the destination imported lies in the VM's folder on the LU");
            assertTrue(events.contains("deleted on host1") && events.contains("created on host2"), events.toString());
        }
    }
}
