package io.hyperv4j.sim.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.vm.MigrationRefusal;
import io.hyperv4j.vm.MigrationRefusedException;
import io.hyperv4j.vm.MigrationSpec;
import io.hyperv4j.vm.SwitchType;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VirtualMachines;
import io.hyperv4j.vm.VmSpec;
import io.hyperv4j.vm.VmState;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 acceptance: a VM whose adapter is connected to a switch live-migrates (through
 * Msvm_VirtualSystemMigrationService, standalone as well as in a cluster) only to a host with a
 * switch of that name; otherwise the migration fails with 32768 naming the switch and the VM stays.
 * Also: the destination addresses a client sends must be ones the destination listens on. (Before:
 * a standalone migration moved the VM and left its adapter connected to nothing.)
 */
class MigrationNeedsTheSwitchTest {
    @Test
    void aConnectedVmMovesOnlyToAHostWithItsSwitch() {
        try (Lab lab = Lab.builder().host("HV01", 16, 65_536).host("HV02", 16, 65_536).build();
             HyperVHost source = lab.connect("HV01"); HyperVHost destination = lab.connect("HV02")) {
            source.vms().migrations().enable(true).await();
            destination.vms().migrations().enable(true).await();
            source.switches().create("Tenant", SwitchType.PRIVATE, null);
            VirtualMachine vm = source.vms().create(VmSpec.builder("web").memoryMb(1024).build());
            vm.networkAdapters().connect(VirtualMachines.DEFAULT_ADAPTER, "Tenant");
            vm.start().await();

            // raw CIM, as os-win sends it: a job that has failed with 32768 and the switch's name
            ObjectPath svc = source.session().query(V2.NAMESPACE, "SELECT * FROM Msvm_VirtualSystemMigrationService").get(0).path();
            MethodResult r = source.session().invoke(svc, "MigrateVirtualSystemToHost", Map.of(
                    "ComputerSystem", CimValue.ref(V2.computerSystem("HV01", vm.id())), "DestinationHost", CimValue.string("HV02")));
            CimInstance job = source.session().get(r.get("Job").asPath());
            assertEquals(32768L, job.getLong("ErrorCode"));
            assertTrue(job.getString("ErrorDescription").contains("'Tenant'"), job.getString("ErrorDescription"));

            // the typed API: the refusal, and the VM stays running where it was
            MigrationRefusedException e = assertThrows(MigrationRefusedException.class, () -> vm.migrate(MigrationSpec.live("HV02")).await());
            assertEquals(MigrationRefusal.FAILED, e.refusal());
            assertTrue(e.getMessage().contains("Tenant"), e.getMessage());
            assertEquals(VmState.RUNNING, source.vms().findById(vm.id()).orElseThrow().state());
            assertTrue(destination.vms().findById(vm.id()).isEmpty());

            destination.switches().create("Tenant", SwitchType.PRIVATE, null);
            vm.migrate(MigrationSpec.live("HV02")).await();
            VirtualMachine moved = destination.vms().findById(vm.id()).orElseThrow();
            assertEquals(VmState.RUNNING, moved.state());
            assertEquals("Tenant", moved.networkAdapters().list().get(0).switchName(), "connected to HV02's switch of the name");
        }
    }

    @Test
    void destinationAddressesMustBeOnesTheDestinationListensOn() {
        try (Lab lab = Lab.builder().host("HV01", 16, 65_536).host("HV02", 16, 65_536).build();
             HyperVHost source = lab.connect("HV01"); HyperVHost destination = lab.connect("HV02")) {
            ObjectPath svc = destination.session().query(V2.NAMESPACE, "SELECT * FROM Msvm_VirtualSystemMigrationService").get(0).path();
            assertEquals(java.util.List.of(), destination.session().get(svc).list("MigrationServiceListenerIPAddressList"), "none while disabled");
            source.vms().migrations().enable(true).await();
            destination.vms().migrations().enable(true).await();
            java.util.List<Object> listening = destination.session().get(svc).list("MigrationServiceListenerIPAddressList");
            assertEquals(1, listening.size());
            VirtualMachine vm = source.vms().create(VmSpec.builder("db").memoryMb(1024).build());
            CimInstance settings = source.session().query(V2.NAMESPACE,
                    "SELECT * FROM Msvm_VirtualSystemMigrationSettingData WHERE MigrationType = 32768").get(0).toBuilder()
                    .put("DestinationIPAddressList", CimValue.strings(java.util.List.of("203.0.113.9"))).build();
            ObjectPath mine = source.session().query(V2.NAMESPACE, "SELECT * FROM Msvm_VirtualSystemMigrationService").get(0).path();
            MethodResult r = source.session().invoke(mine, "MigrateVirtualSystemToHost", Map.of("ComputerSystem",
                    CimValue.ref(V2.computerSystem("HV01", vm.id())), "DestinationHost", CimValue.string("HV02"),
                    "MigrationSettingData", CimValue.object(settings)));
            assertEquals(32777L, source.session().get(r.get("Job").asPath()).getLong("ErrorCode"), "not reachable at that address");
            MethodResult ok = source.session().invoke(mine, "MigrateVirtualSystemToHost", Map.of("ComputerSystem",
                    CimValue.ref(V2.computerSystem("HV01", vm.id())), "DestinationHost", CimValue.string("HV02"),
                    "MigrationSettingData", CimValue.object(settings.toBuilder().put("DestinationIPAddressList",
                            CimValue.strings(listening.stream().map(String::valueOf).toList())).build())));
            lab.clock().advance(Duration.ofMinutes(2));
            assertEquals(7L, source.session().get(ok.get("Job").asPath()).getLong("JobState"));
            assertTrue(destination.vms().findById(vm.id()).isPresent());
        }
    }
}
