package io.hyperv4j.sim.v2;

import static io.hyperv4j.sim.v2.GuestDisk.*;
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
import io.hyperv4j.vhd.VirtualDisks;
import io.hyperv4j.vm.Checkpoint;
import io.hyperv4j.vm.ControllerType;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ImportSnapshotDefinitions (Msvm_VirtualSystemManagementService): after an export with every
 * checkpoint (CopySnapshotConfiguration 0) and ImportSystemDefinition, the export's Snapshots folder
 * becomes the planned VM's checkpoints (Msvm_VirtualSystemSettingData of type Snapshot:Planned,
 * VirtualSystemIdentifier the planned VM's, the current one associated to the Msvm_PlannedComputerSystem), and RealizePlannedSystem makes them the VM's: each
 * applies and the guest reads the bytes it had at that checkpoint. Refusals (32773, 32775) change nothing.
 */
class SnapshotImportTest {
    private final Lab lab = Lab.builder().clock(SimClock.virtual(Lab.DEFAULT_START)).host("HV01", 16, 65_536).host("HV02", 16, 65_536).build();
    @TempDir Path dir;

    @AfterEach
    void close() {
        lab.close();
    }

    /** A VM with checkpoints a and b (b a's child) and its state on a branch from a, exported with everything. */
    private record Exported(String vmId, String a, String b, Map<String, byte[]> at, byte[] now, Path to) {}

    private Exported exportTree() throws Exception {
        HyperVHost h = lab.connect("HV01");
        Path disk = h.disks().create(dir.resolve("d.vhdx"), DiskSpec.dynamic(VhdFormat.VHDX, 8 << 20)).await();
        VirtualMachine vm = h.vms().create(VmSpec.builder("tree").processors(2).memoryMb(1024).build());
        vm.hardDisks().attach(disk, ControllerType.SCSI);
        Map<String, byte[]> at = checkpointTree(lab, vm);
        List<String> ids = List.copyOf(at.keySet());
        String a = ids.get(0), b = ids.get(1);
        byte[] now = content(currentFile(lab, vm.id()));
        CimInstance esd = CimInstance.builder("Msvm_VirtualSystemExportSettingData").put("CopySnapshotConfiguration", CimValue.uint8(0))
                .put("CopyVmStorage", CimValue.bool(true)).build();
        Path to = dir.resolve("export");
        MethodResult r = lab.session("HV01").invoke(V2.managementService("HV01"), "ExportSystemDefinition", Map.of("ComputerSystem",
                CimValue.ref(vm.path()), "ExportDirectory", CimValue.string(to.toString()), "ExportSettingData", CimValue.object(esd)));
        assertEquals(0, lab.session("HV01").get(r.out().get("Job").asPath()).longOr("ErrorCode", 0));
        return new Exported(vm.id(), a, b, at, now, to);
    }

    @Test
    void exportAllImportSnapshotsRealizeGivesEveryCheckpointItsBytes() throws Exception {
        Exported e = exportTree();
        lab.write(Duration.ofSeconds(5), txn -> { // the VM leaves HV01 (DestroySystem's effect), its files stay
            SystemDefinitions.destroy(txn, lab.vm(e.vmId()));
            return null;
        });
        CimSession s2 = lab.session("HV02");
        ObjectPath planned = importSystem(s2, e.to().resolve(SystemDefinitions.DEFINITIONS_FOLDER).resolve(e.vmId() + ".vmcx"), false);

        MethodResult r = importSnapshots(s2, planned, e.to().resolve(SystemDefinitions.SNAPSHOTS_FOLDER));
        assertEquals(0, r.returnValue(), String.valueOf(r.out()));
        List<String> imported = ids(r);
        assertEquals(List.of(e.a(), e.b()), imported, "both checkpoints, the parent first");
        Map<String, CimInstance> settings = plannedSnapshots(s2, planned).stream().collect(Collectors.toMap(i -> i.getString("ConfigurationID"), i -> i));
        assertEquals(Set.of(e.a(), e.b()), settings.keySet(), "the planned VM's checkpoints, found by its GUID");
        for (CimInstance i : settings.values()) assertEquals(StorageRenderer.PLANNED_SNAPSHOT_TYPE, i.getString("VirtualSystemType"));
        assertEquals("b", settings.get(e.b()).getString("ElementName"));
        assertEquals(StorageRenderer.snapshot("HV02", e.a()).toString(), settings.get(e.b()).getString("Parent"));
        assertEquals(List.of(e.a()), s2.associators(planned, StorageRenderer.MOST_CURRENT, null).stream().map(i -> i.getString("ConfigurationID")).toList(),
                "the planned system's current checkpoint is the one its state descends from");
        assertEquals(List.of(e.b()), s2.associators(StorageRenderer.snapshot("HV02", e.a()), StorageRenderer.PARENT_CHILD, null).stream()
                .map(i -> i.getString("ConfigurationID")).filter(id -> !id.equals(e.a())).toList());
        assertTrue(s2.query(V2.NAMESPACE, "SELECT * FROM Msvm_SnapshotOfVirtualSystem").isEmpty(), "that association is a realized VM's");
        assertNotNull(s2.get(StorageRenderer.snapshot("HV02", e.a())), "a planned checkpoint's settings are found by path");

        MethodResult realized = s2.invoke(V2.managementService("HV02"), "RealizePlannedSystem", Map.of("PlannedSystem", CimValue.ref(planned)));
        assertEquals(0, realized.returnValue(), String.valueOf(realized.out()));
        assertEquals(Set.of(e.a(), e.b()), s2.associators(realized.out().get("ResultingSystem").asPath(), StorageRenderer.SNAPSHOT_OF, null).stream()
                .map(i -> i.getString("ConfigurationID")).collect(Collectors.toSet()), "realized, they are the VM's checkpoints");
        VirtualMachine vm = lab.connect("HV02").vms().findById(e.vmId()).orElseThrow();
        assertArrayEquals(e.now(), content(currentFile(lab, vm.id())), "the VM's own state, on the branch");
        assertEquals(e.a(), vm.checkpoints().current().orElseThrow().id(), "the state descends from a, as when exported");
        Checkpoint b = vm.checkpoints().byId(e.b()).orElseThrow();
        assertEquals(e.a(), b.parentId());
        for (String cp : List.of(e.b(), e.a())) {
            vm.checkpoints().apply(vm.checkpoints().byId(cp).orElseThrow()).await();
            assertArrayEquals(e.at().get(cp), content(currentFile(lab, vm.id())), "checkpoint " + cp + "'s bytes after applying it");
            assertTrue(currentFile(lab, vm.id()).startsWith(e.to()), "on the exported chain's files");
        }
        vm.checkpoints().delete(vm.checkpoints().byId(e.b()).orElseThrow()).await();
        assertEquals(List.of(e.a()), vm.checkpoints().list().stream().map(Checkpoint::id).toList(), "an imported checkpoint deletes as any");
        assertArrayEquals(e.at().get(e.a()), content(currentFile(lab, vm.id())));
    }

    @Test
    void aPlannedVmWithANewIdentifierGetsNewCheckpointIdentifiers() throws Exception {
        Exported e = exportTree(); // the VM stays: the import takes a new identifier, the copies are free
        CimSession s1 = lab.session("HV01");
        ObjectPath planned = importSystem(s1, e.to().resolve(SystemDefinitions.DEFINITIONS_FOLDER).resolve(e.vmId() + ".vmcx"), true);
        List<String> ids = ids(importSnapshots(s1, planned, e.to().resolve(SystemDefinitions.SNAPSHOTS_FOLDER)));
        assertEquals(2, ids.size());
        assertFalse(ids.contains(e.a()) || ids.contains(e.b()), "new GUIDs: " + ids);
        Path saved = dir.resolve("lab.json");
        lab.save(saved);
        try (Lab again = Lab.load(saved)) { // the imported checkpoints are saved with the planned VM
            assertEquals(Set.copyOf(ids), plannedSnapshots(again.session("HV01"), planned).stream()
                    .map(i -> i.getString("ConfigurationID")).collect(Collectors.toSet()));
        }
        assertEquals(0, s1.invoke(V2.managementService("HV01"), "RealizePlannedSystem", Map.of("PlannedSystem", CimValue.ref(planned))).returnValue());
        VirtualMachine copy = lab.connect("HV01").vms().findById(planned.key("Name").toString()).orElseThrow();
        Checkpoint b = copy.checkpoints().requireByName("b");
        assertEquals(ids.get(0), b.parentId(), "the tree kept under the new GUIDs");
        copy.checkpoints().apply(b).await();
        assertArrayEquals(e.at().get(e.b()), content(currentFile(lab, copy.id())));
        assertEquals(2, lab.connect("HV01").vms().findById(e.vmId()).orElseThrow().checkpoints().list().size(), "the original keeps its own");
    }

    @Test
    void refusalsNameTheProblemAndChangeNothing() throws Exception {
        Exported e = exportTree();
        CimSession s1 = lab.session("HV01");
        ObjectPath planned = importSystem(s1, e.to().resolve(SystemDefinitions.DEFINITIONS_FOLDER).resolve(e.vmId() + ".vmcx"), true);
        Path snapshots = e.to().resolve(SystemDefinitions.SNAPSHOTS_FOLDER);
        Path damaged = Files.createDirectories(dir.resolve("damaged"));
        Files.copy(snapshots.resolve(e.a() + ".vmcx"), damaged.resolve(e.a() + ".vmcx"));
        Files.writeString(damaged.resolve(e.b() + ".vmcx"), "{\"format\": \"hyperv4j-system-definition\", \"id\": 12}");
        Path foreign = Files.createDirectories(dir.resolve("foreign")); // checkpoints of another VM only
        HyperVHost h = lab.connect("HV01");
        VirtualMachine other = h.vms().create(VmSpec.builder("other").build());
        other.checkpoints().create("o").await();
        CimInstance esd = CimInstance.builder("Msvm_VirtualSystemExportSettingData").put("CopySnapshotConfiguration", CimValue.uint8(0)).build();
        s1.invoke(V2.managementService("HV01"), "ExportSystemDefinition", Map.of("ComputerSystem", CimValue.ref(other.path()),
                "ExportDirectory", CimValue.string(foreign.toString()), "ExportSettingData", CimValue.object(esd)));
        Path orphan = Files.createDirectories(dir.resolve("orphan")); // b without its parent a
        Files.copy(snapshots.resolve(e.b() + ".vmcx"), orphan.resolve(e.b() + ".vmcx"));
        Path vmDefinitions = e.to().resolve(SystemDefinitions.DEFINITIONS_FOLDER);

        String before = state();
        assertRefused(importSnapshots(s1, planned, dir.resolve("missing")), 32773, "is not a folder");
        assertRefused(importSnapshots(s1, planned, damaged), 32773, e.b() + ".vmcx");
        assertRefused(importSnapshots(s1, planned, foreign.resolve(SystemDefinitions.SNAPSHOTS_FOLDER)), 32773, other.id());
        assertRefused(importSnapshots(s1, planned, orphan), 32773, "lacks the definition of checkpoint " + e.a());
        assertRefused(importSnapshots(s1, planned, vmDefinitions), 32773, "not a checkpoint's");
        assertRefused(importSnapshots(s1, PlannedSystems.path("HV01", "00000000-0000-0000-0000-000000000000"), snapshots), 32773, "PlannedSystem");
        assertEquals(before, state(), "nothing changed");

        assertEquals(0, importSnapshots(s1, planned, snapshots).returnValue());
        String imported = state();
        assertRefused(importSnapshots(s1, planned, snapshots), 32775, "already exists");
        assertEquals(imported, state(), "importing twice changes nothing");
    }

    private static List<CimInstance> plannedSnapshots(CimSession s, ObjectPath planned) {
        return s.query(V2.NAMESPACE, "SELECT * FROM Msvm_VirtualSystemSettingData WHERE VirtualSystemIdentifier = '" + planned.key("Name") + "'").stream()
                .filter(i -> !PlannedSystems.PLANNED_TYPE.equals(i.getString("VirtualSystemType"))).toList();
    }

    /** What a client sees of HV01's planned VMs and checkpoints. */
    private String state() {
        CimSession s = lab.session("HV01");
        StringBuilder out = new StringBuilder();
        for (String cls : List.of("Msvm_PlannedComputerSystem", "Msvm_VirtualSystemSettingData", "Msvm_MostCurrentSnapshotInBranch", "Msvm_ParentChildSettingData"))
            s.query(V2.NAMESPACE, "SELECT * FROM " + cls).stream().map(i -> i.path().toString()).sorted().forEach(p -> out.append(p).append('\n'));
        return out.toString();
    }

    private void assertRefused(MethodResult r, long code, String names) {
        CimSession s = lab.session("HV01");
        assertEquals(4096, r.returnValue());
        CimInstance job = s.get(r.out().get("Job").asPath());
        assertEquals(code, job.longOr("ErrorCode", 0), job.getString("ErrorDescription"));
        assertTrue(job.getString("ErrorDescription").contains(names), job.getString("ErrorDescription"));
    }

    private static ObjectPath importSystem(CimSession s, Path definition, boolean newId) {
        MethodResult r = s.invoke(V2.managementService(hostOf(s)), "ImportSystemDefinition", Map.of(
                "SystemDefinitionFile", CimValue.string(definition.toString()), "GenerateNewSystemIdentifier", CimValue.bool(newId)));
        assertEquals(0, r.returnValue(), String.valueOf(r.out()));
        return r.out().get("ImportedSystem").asPath();
    }

    private static MethodResult importSnapshots(CimSession s, ObjectPath planned, Path folder) {
        return s.invoke(V2.managementService(hostOf(s)), "ImportSnapshotDefinitions", Map.of("PlannedSystem", CimValue.ref(planned),
                "SnapshotFolder", CimValue.string(folder.toString())));
    }

    private static String hostOf(CimSession s) {
        return s.query(V2.NAMESPACE, "SELECT * FROM Msvm_VirtualSystemManagementService").get(0).getString("SystemName");
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(MethodResult r) {
        return ((List<ObjectPath>) r.out().get("ImportedSnapshots").value()).stream().map(p -> V2.vmIdOf(p.key("InstanceID").toString())).toList();
    }
}
