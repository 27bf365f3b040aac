package io.hyperv4j.scvmm;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.scvmm.sim.VmmLab;
import io.hyperv4j.scvmm.sim.VmmTemplates;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimVm;
import org.junit.jupiter.api.Test;

/**
 * The management server's shared-nothing live migration is Hyper-V's own: it goes through the
 * source's Msvm_VirtualSystemMigrationService, is possible only where both hosts allow migration
 * (Enable-VMMigration), and leaves the VM running on the destination.
 */
class SharedNothingMoveTest {
    @Test
    void twoWindowsServer2012HostsMoveTheVmWithItsStorageThroughTheMigrationService() {
        try (Lab lab = Lab.fromTemplate("seed000-vmm"); HyperVHost host1 = lab.connect("host1"); HyperVHost host2 = lab.connect("host2")) {
            VmmLab.of(lab).os("host1", "WS2012").os("host2", "WS2012");
            VirtualMachineManager vmm = host1.capability(VirtualMachineManager.class);
            assertEquals(MethodRefusal.NO_MIGRATION_SERVICE,
                    vmm.advise(VmmTemplates.VM, "host2").method(MigrationMethod.SHARED_NOTHING_LIVE).refusal().orElseThrow(),
                    "hosts start with migration off, as Windows installs them");

            host1.vms().migrations().enable(true).await();
            host2.vms().migrations().enable(true).await();
            MethodAdvice advice = vmm.advise(VmmTemplates.VM, "host2").method(MigrationMethod.SHARED_NOTHING_LIVE);
            assertTrue(advice.possible(), advice.toString());

            MoveResult r = vmm.move(VmmTemplates.VM, "host2", MigrationMethod.SHARED_NOTHING_LIVE).await();
            assertEquals(MigrationMethod.SHARED_NOTHING_LIVE, r.method());
            SimVm vm = Seed000TransferTest.vm(lab);
            assertEquals("host2", lab.read(Seed000TransferTest.LOCK, () -> vm.host().name()));
            assertEquals(PowerState.RUNNING, lab.read(Seed000TransferTest.LOCK, vm::state));
            assertTrue(r.total().toSeconds() > 6, "the migration took virtual time: " + r.total());
        }
    }
}
