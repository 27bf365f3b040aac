package io.hyperv4j.sim.v2;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vm.ControllerType;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmSpec;
import io.hyperv4j.vm.VmState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Moving a VM the way Hyper-V's own clients do without a migration: ExportSystemDefinition on the
 * source, DestroySystem, ImportSystemDefinition on the destination (a Msvm_PlannedComputerSystem),
 * RealizePlannedSystem. The VM arrives with its GUID, settings, disks and saved state.
 */
class SystemDefinitionsTest {
    private final Lab lab = Lab.builder().clock(SimClock.virtual(Lab.DEFAULT_START)).host("HV01", 16, 65_536).host("HV02", 16, 65_536).build();
    @TempDir
    Path dir;

    @AfterEach
    void close() {
        lab.close();
    }

    private static ObjectPath service(String host) {
        return V2.managementService(host);
    }

    @Test
    void exportDestroyImportRealizeMovesTheVmWithItsIdentityDisksAndSavedState() throws Exception {
        HyperVHost h1 = lab.connect("HV01");
        Path disk = h1.disks().create(dir.resolve("d.vhdx"), DiskSpec.dynamic(VhdFormat.VHDX, 8 << 20)).await();
        VirtualMachine vm = h1.vms().create(VmSpec.builder("mover").processors(2).memoryMb(2048).build());
        vm.hardDisks().attach(disk, ControllerType.SCSI);
        vm.start().await();
        vm.save().await();
        CimSession s1 = lab.session("HV01");
        CimInstance esd = CimInstance.builder("Msvm_VirtualSystemExportSettingData")
                .put("CopyVmRuntimeInformation", CimValue.bool(true)).put("CopyVmStorage", CimValue.bool(false)).build();
        MethodResult export = s1.invoke(service("HV01"), "ExportSystemDefinition", Map.of("ComputerSystem", CimValue.ref(vm.path()),
                "ExportDirectory", CimValue.string(dir.resolve("export").toString()), "ExportSettingData", CimValue.object(esd)));
        assertEquals(4096, export.returnValue());
        Path definition = dir.resolve("export").resolve(SystemDefinitions.DEFINITIONS_FOLDER).resolve(vm.id() + ".vmcx");
        assertTrue(Files.isRegularFile(definition));
        assertEquals(4096, s1.invoke(service("HV01"), "DestroySystem", Map.of("AffectedSystem", CimValue.ref(vm.path()))).returnValue());
        lab.clock().advance(java.time.Duration.ofSeconds(10));
        assertTrue(h1.vms().findById(vm.id()).isEmpty());
        assertTrue(Files.isRegularFile(disk), "destroying keeps the disk");

        CimSession s2 = lab.session("HV02");
        MethodResult imported = s2.invoke(service("HV02"), "ImportSystemDefinition", Map.of(
                "SystemDefinitionFile", CimValue.string(definition.toString()), "GenerateNewSystemIdentifier", CimValue.bool(false)));
        assertEquals(0, imported.returnValue());
        ObjectPath planned = imported.out().get("ImportedSystem").asPath();
        List<CimInstance> plannedVms = s2.query(V2.NAMESPACE, "SELECT * FROM Msvm_PlannedComputerSystem");
        assertEquals(1, plannedVms.size());
        assertEquals(vm.id(), plannedVms.get(0).getString("Name"));
        assertEquals("mover", plannedVms.get(0).getString("ElementName"));

        MethodResult realized = s2.invoke(service("HV02"), "RealizePlannedSystem", Map.of("PlannedSystem", CimValue.ref(planned)));
        assertEquals(0, realized.returnValue());
        assertTrue(s2.query(V2.NAMESPACE, "SELECT * FROM Msvm_PlannedComputerSystem").isEmpty(), "the planned VM became real");
        VirtualMachine there = lab.connect("HV02").vms().findById(vm.id()).orElseThrow();
        assertEquals(VmState.SAVED, there.state(), "the saved state came with it");
        assertEquals(2, there.info().processors());
        assertEquals(2048, there.info().memoryMb());
        assertEquals(disk.toString(), there.hardDisks().list().get(0).path());
        assertEquals(VmState.RUNNING, there.start().await(), "restored from its saved state");
    }

    /**
     * ValidatePlannedSystem answers what RealizePlannedSystem would: 0 for an importable planned VM,
     * a failed job naming the problem for a missing disk or a GUID in use, and changes nothing.
     */
    @Test
    void validatePlannedSystemTellsWhetherRealizeWouldWorkAndChangesNothing() throws Exception {
        HyperVHost h1 = lab.connect("HV01");
        Path disk = h1.disks().create(dir.resolve("v.vhdx"), DiskSpec.dynamic(VhdFormat.VHDX, 8 << 20)).await();
        VirtualMachine vm = h1.vms().create(VmSpec.builder("checked").build());
        vm.hardDisks().attach(disk, ControllerType.SCSI);
        CimSession s1 = lab.session("HV01"), s2 = lab.session("HV02");
        s1.invoke(service("HV01"), "ExportSystemDefinition", Map.of("ComputerSystem", CimValue.ref(vm.path()),
                "ExportDirectory", CimValue.string(dir.resolve("e").toString())));
        Path definition = dir.resolve("e").resolve(SystemDefinitions.DEFINITIONS_FOLDER).resolve(vm.id() + ".vmcx");
        assertEquals(4096, s1.invoke(service("HV01"), "DestroySystem", Map.of("AffectedSystem", CimValue.ref(vm.path()))).returnValue());
        lab.clock().advance(java.time.Duration.ofSeconds(10));
        ObjectPath planned = s2.invoke(service("HV02"), "ImportSystemDefinition", Map.of("SystemDefinitionFile", CimValue.string(definition.toString()),
                "GenerateNewSystemIdentifier", CimValue.bool(false))).out().get("ImportedSystem").asPath();
        assertEquals(0, s2.invoke(service("HV02"), "ValidatePlannedSystem", Map.of("PlannedSystem", CimValue.ref(planned))).returnValue());

        VirtualMachine other = h1.vms().create(VmSpec.builder("other").build());
        other.hardDisks().attach(disk, ControllerType.SCSI);
        MethodResult inUse = s2.invoke(service("HV02"), "ValidatePlannedSystem", Map.of("PlannedSystem", CimValue.ref(planned)));
        CimInstance job = s2.get(inUse.out().get("Job").asPath());
        assertEquals(32779, job.longOr("ErrorCode", 0), "the disk is another VM's now");
        assertTrue(job.getString("ErrorDescription").contains("in use by virtual machine"), job.getString("ErrorDescription"));
        other.hardDisks().detach(disk);

        Files.delete(disk);
        MethodResult missing = s2.invoke(service("HV02"), "ValidatePlannedSystem", Map.of("PlannedSystem", CimValue.ref(planned)));
        job = s2.get(missing.out().get("Job").asPath());
        assertEquals(32768, job.longOr("ErrorCode", 0));
        assertTrue(job.getString("ErrorDescription").contains(disk + " of 'checked' does not exist"), job.getString("ErrorDescription"));
        assertEquals(1, s2.query(V2.NAMESPACE, "SELECT * FROM Msvm_PlannedComputerSystem").size(), "validating changes nothing");
        assertEquals(0, lab.host("HV02").vms().size());
    }

    /**
     * DefinePlannedSystem plans a VM from the settings DefineSystem takes; ValidatePlannedSystem passes
     * and RealizePlannedSystem makes it real with them. Malformed settings are refused and plan nothing.
     */
    @Test
    void definePlannedSystemPlansAVmThatRealizeMakesReal() {
        try (V2Fixture f = new V2Fixture()) {
            Map<String, CimValue> in = new java.util.HashMap<>();
            in.put("SystemSettings", CimValue.object(V2Fixture.vssd("planned-1")));
            in.put("ResourceSettings", CimValue.array(io.hyperv4j.cim.CimType.OBJECT, List.of(V2Fixture.processors(2), V2Fixture.memory(2048))));
            MethodResult r = f.session.invoke(f.service(), "DefinePlannedSystem", in);
            assertEquals(0, r.returnValue());
            ObjectPath planned = r.out().get("ResultingSystem").asPath();
            assertEquals("Msvm_PlannedComputerSystem", planned.className());
            CimInstance p = f.session.get(planned);
            assertEquals("planned-1", p.getString("ElementName"));
            assertEquals(0, f.lab.host(V2Fixture.HOST).vms().size(), "planned, not defined");
            assertEquals(0, f.session.invoke(f.service(), "ValidatePlannedSystem", Map.of("PlannedSystem", CimValue.ref(planned))).returnValue());

            MethodResult real = f.session.invoke(f.service(), "RealizePlannedSystem", Map.of("PlannedSystem", CimValue.ref(planned)));
            assertEquals(0, real.returnValue());
            var vm = f.lab.vm((String) real.out().get("ResultingSystem").asPath().key("Name"));
            assertEquals(List.of("planned-1", 2, 2048L, "Microsoft:Hyper-V:SubType:2"), List.of(vm.name(), vm.processors(), vm.memoryMb(), vm.subType()));

            in.put("SystemSettings", CimValue.object(V2Fixture.vssd("bad").toBuilder().put("VirtualSystemSubType", CimValue.string("Microsoft:Hyper-V:SubType:3")).build()));
            MethodResult bad = f.session.invoke(f.service(), "DefinePlannedSystem", in);
            assertEquals(32773, f.session.get(bad.out().get("Job").asPath()).longOr("ErrorCode", 0));
            assertTrue(f.session.query(V2.NAMESPACE, "SELECT * FROM Msvm_PlannedComputerSystem").isEmpty(), "nothing planned");
        }
    }

    @Test
    void refusalsNameTheProblemAndChangeNothing() throws Exception {
        CimSession s2 = lab.session("HV02");
        Path junk = Files.writeString(dir.resolve("junk.vmcx"), "not a definition");
        MethodResult r = s2.invoke(service("HV02"), "ImportSystemDefinition", Map.of("SystemDefinitionFile", CimValue.string(junk.toString()),
                "GenerateNewSystemIdentifier", CimValue.bool(false)));
        assertEquals(4096, r.returnValue());
        CimInstance job = s2.get(r.out().get("Job").asPath());
        assertEquals(32773, job.longOr("ErrorCode", 0));
        assertTrue(job.getString("ErrorDescription").contains(junk.toString()), job.getString("ErrorDescription"));
        assertTrue(s2.query(V2.NAMESPACE, "SELECT * FROM Msvm_PlannedComputerSystem").isEmpty());

        MethodResult none = s2.invoke(service("HV02"), "RealizePlannedSystem", Map.of("PlannedSystem",
                CimValue.ref(PlannedSystems.path("HV02", "00000000-0000-0000-0000-000000000000"))));
        assertEquals(32773, s2.get(none.out().get("Job").asPath()).longOr("ErrorCode", 0));
        assertEquals(0, lab.host("HV02").vms().size());
    }

    @Test
    void aPlannedVmIsSavedWithTheLab() throws Exception {
        HyperVHost h1 = lab.connect("HV01");
        VirtualMachine vm = h1.vms().create(VmSpec.builder("kept").build());
        Path export = dir.resolve("x");
        lab.session("HV01").invoke(service("HV01"), "ExportSystemDefinition", Map.of("ComputerSystem", CimValue.ref(vm.path()),
                "ExportDirectory", CimValue.string(export.toString())));
        Path definition = export.resolve(SystemDefinitions.DEFINITIONS_FOLDER).resolve(vm.id() + ".vmcx");
        lab.session("HV02").invoke(service("HV02"), "ImportSystemDefinition", Map.of("SystemDefinitionFile", CimValue.string(definition.toString()),
                "GenerateNewSystemIdentifier", CimValue.bool(true)));
        Path file = dir.resolve("lab.json");
        lab.save(file);
        try (Lab again = Lab.load(file)) {
            List<CimInstance> planned = again.session("HV02").query(V2.NAMESPACE, "SELECT * FROM Msvm_PlannedComputerSystem");
            assertEquals(1, planned.size());
            assertEquals("kept", planned.get(0).getString("ElementName"));
            assertNotEquals(vm.id(), planned.get(0).getString("Name"), "imported with a new identifier");
        }
    }
}
