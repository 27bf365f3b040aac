package io.hyperv4j.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.cim.schema.CimPropertyDef;
import io.hyperv4j.cim.schema.CimSchema;
import io.hyperv4j.sim.v2.V2;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every instance a provider renders is valid for its class in Microsoft's schema, keys included. */
class SchemaFidelityTest {

    /** A SCSI disk and two checkpoints on the last VM, so storage and snapshot classes show instances. */
    private static void storageAndCheckpoints(Lab lab, CimSession s, ObjectPath vm, java.nio.file.Path dir) {
        java.nio.file.Path disk = dir.resolve("d.vhdx");
        io.hyperv4j.vhd.VirtualDisks.createFile(disk, io.hyperv4j.vhd.DiskSpec.dynamic(io.hyperv4j.vhd.VhdFormat.VHDX, 1 << 20));
        ObjectPath svc = V2.managementService(Lab.DEFAULT_HOST);
        ObjectPath vssd = V2.settings(Lab.DEFAULT_HOST, String.valueOf(vm.key("Name")));
        ObjectPath ctl = add(s, svc, vssd, CimInstance.builder("Msvm_ResourceAllocationSettingData").put("ResourceType", CimValue.uint16(6))
                .put("ResourceSubType", CimValue.string("Microsoft:Hyper-V:Synthetic SCSI Controller")).build());
        ObjectPath drive = add(s, svc, vssd, CimInstance.builder("Msvm_ResourceAllocationSettingData").put("ResourceType", CimValue.uint16(17))
                .put("ResourceSubType", CimValue.string("Microsoft:Hyper-V:Synthetic Disk Drive")).put("Parent", CimValue.string(ctl.toString())).build());
        add(s, svc, vssd, CimInstance.builder("Msvm_StorageAllocationSettingData").put("ResourceType", CimValue.uint16(31))
                .put("ResourceSubType", CimValue.string("Microsoft:Hyper-V:Virtual Hard Disk")).put("Parent", CimValue.string(drive.toString()))
                .put("HostResource", CimValue.strings(List.of(disk.toString()))).build());
        ObjectPath snaps = s.query(V2.NAMESPACE, "SELECT * FROM Msvm_VirtualSystemSnapshotService").get(0).path();
        for (int i = 0; i < 2; i++, lab.clock().advance(Duration.ofSeconds(5)))
            assertEquals(4096, s.invoke(snaps, "CreateSnapshot", Map.of("AffectedSystem", CimValue.ref(vm), "SnapshotType", CimValue.uint16(2))).returnValue());
        // a recovery checkpoint converted to a reference point (Msvm_VirtualSystemReferencePoint and its association)
        String settings = CimInstance.builder("Msvm_VirtualSystemSnapshotSettingData").put("ConsistencyLevel", CimValue.uint8(2)).build().toString();
        var recovery = s.invoke(snaps, "CreateSnapshot", Map.of("AffectedSystem", CimValue.ref(vm), "SnapshotType", CimValue.uint16(32768),
                "SnapshotSettings", CimValue.string(settings)));
        assertEquals(4096, recovery.returnValue());
        lab.clock().advance(Duration.ofSeconds(5));
        assertEquals(4096, s.invoke(snaps, "ConvertToReferencePoint", Map.of("AffectedSnapshot", recovery.get("ResultingSnapshot"))).returnValue());
        lab.clock().advance(Duration.ofSeconds(5));
    }

    /** A VM whose disk is being moved (a Msvm_MigrationJob still running), and a planned VM. */
    private static void storageMigrationUnderWay(Lab lab, java.nio.file.Path dir) {
        io.hyperv4j.HyperVHost host = lab.connect(Lab.DEFAULT_HOST);
        java.nio.file.Path disk = host.disks().create(dir.resolve("m.vhdx"), io.hyperv4j.vhd.DiskSpec.dynamic(io.hyperv4j.vhd.VhdFormat.VHDX, 8 << 20)).await();
        io.hyperv4j.vm.VirtualMachine vm = host.vms().create(io.hyperv4j.vm.VmSpec.builder("moving").build());
        vm.hardDisks().attach(disk, io.hyperv4j.vm.ControllerType.SCSI);
        // and a planned VM: the moving VM's definition imported again under a new identifier
        CimSession s = lab.session(Lab.DEFAULT_HOST);
        ObjectPath svc = V2.managementService(Lab.DEFAULT_HOST);
        s.invoke(svc, "ExportSystemDefinition", Map.of("ComputerSystem", CimValue.ref(vm.path()), "ExportDirectory", CimValue.string(dir.toString())));
        s.invoke(svc, "ImportSystemDefinition", Map.of("SystemDefinitionFile",
                CimValue.string(dir.resolve("Virtual Machines").resolve(vm.id() + ".vmcx").toString()), "GenerateNewSystemIdentifier", CimValue.bool(true)));
        vm.migrate(io.hyperv4j.vm.MigrationSpec.storage(disk, dir.resolve("moved.vhdx")));
        // and a planned VM with an imported checkpoint (ImportSnapshotDefinitions after an export with every checkpoint)
        io.hyperv4j.vm.VirtualMachine kept = host.vms().create(io.hyperv4j.vm.VmSpec.builder("kept").build());
        kept.checkpoints().create("k").await();
        java.nio.file.Path all = dir.resolve("all");
        s.invoke(svc, "ExportSystemDefinition", Map.of("ComputerSystem", CimValue.ref(kept.path()), "ExportDirectory", CimValue.string(all.toString()),
                "ExportSettingData", CimValue.object(CimInstance.builder("Msvm_VirtualSystemExportSettingData").put("CopySnapshotConfiguration", CimValue.uint8(0)).build())));
        ObjectPath planned = s.invoke(svc, "ImportSystemDefinition", Map.of("SystemDefinitionFile",
                CimValue.string(all.resolve("Virtual Machines").resolve(kept.id() + ".vmcx").toString()), "GenerateNewSystemIdentifier", CimValue.bool(true)))
                .get("ImportedSystem").asPath();
        assertEquals(0, s.invoke(svc, "ImportSnapshotDefinitions", Map.of("PlannedSystem", CimValue.ref(planned),
                "SnapshotFolder", CimValue.string(all.resolve("Snapshots").toString()))).returnValue());
    }

    private static ObjectPath add(CimSession s, ObjectPath svc, ObjectPath vssd, CimInstance rasd) {
        var r = s.invoke(svc, "AddResourceSettings", Map.of("AffectedConfiguration", CimValue.ref(vssd),
                "ResourceSettings", CimValue.array(io.hyperv4j.cim.CimType.STRING, List.of(rasd.toString()))));
        assertEquals(0, r.returnValue(), "AddResourceSettings " + rasd);
        return (ObjectPath) r.get("ResultingResourceSettings").asList().get(0);
    }

    @TempDir java.nio.file.Path disks;

    @Test
    void everyRenderedInstanceConformsToTheSchema() throws java.io.IOException {
        Lab lab = Lab.standalone();
        try (CimSession s = lab.session(Lab.DEFAULT_HOST)) {
            ObjectPath svc = V2.managementService(Lab.DEFAULT_HOST);
            ObjectPath last = null;
            ObjectPath first = null;
            for (String name : List.of("a", "b", "c")) {
                last = s.invoke(svc, "DefineSystem", Map.of("SystemSettings", CimValue.object(
                        CimInstance.builder(V2.VSSD).put("ElementName", CimValue.string(name)) // c is generation 2, the others 1
                                .put("VirtualSystemSubType", CimValue.string("Microsoft:Hyper-V:SubType:" + (name.equals("c") ? 2 : 1))).build())))
                        .get("ResultingSystem").asPath();
                if (first == null) first = last;
                if (!name.equals("a")) s.invoke(last, "RequestStateChange", Map.of("RequestedState", CimValue.uint16(2)));
            }
            lab.clock().advance(Duration.ofSeconds(20));
            storageAndCheckpoints(lab, s, first, java.nio.file.Files.createDirectory(disks.resolve("fidelity")));
            s.invoke(first, "RequestStateChange", Map.of("RequestedState", CimValue.uint16(2))); // its drive as a logical device
            lab.clock().advance(Duration.ofSeconds(20));
            storageMigrationUnderWay(lab, java.nio.file.Files.createDirectory(disks.resolve("move")));
            NetworkingFixture.populate(lab, s, "c"); // generation 2: an adapter is added while it runs
            ObjectPath metrics = s.query(V2.NAMESPACE, "SELECT * FROM Msvm_MetricService").get(0).path(); // metering values for the first VM
            assertEquals(0, s.invoke(metrics, "ControlMetrics", Map.of("Subject", CimValue.ref(first), "MetricCollectionEnabled", CimValue.uint16(2))).returnValue());
            s.invoke(last, "RequestStateChange", Map.of("RequestedState", CimValue.uint16(9))); // a job still running
            int checked = 0;
            for (SimProvider p : lab.providers().all()) {
                CimSchema schema = CimSchema.forNamespace(p.namespace());
                HostScope scope = new HostScope(lab, lab.host(Lab.DEFAULT_HOST), lab.clock().now());
                for (String cls : p.classNames()) {
                    List<CimInstance> all = lab.read(Duration.ofSeconds(5), () -> p.instances(scope, cls));
                    assertFalse(all.isEmpty(), "the lab shows some " + cls);
                    for (CimInstance i : all) {
                        assertEquals(i, schema.coerceInstance(i), "values of " + i.className() + " have their declared types");
                        assertNotNull(i.path(), cls + " has a path");
                        for (CimPropertyDef k : schema.keyProperties(cls))
                            assertNotNull(i.path().key(k.name()), cls + " path has key " + k.name());
                        assertEquals(WholeInstances.complete(i), s.get(i.path()), "get by path returns the same " + cls);
                        checked++;
                    }
                }
            }
            assertFalse(checked < 20, "checked " + checked);
            assertWhole(lab, s);
        }
    }

    /**
     * Acceptance item 1 of issue 11: through the session, every instance of every class served in
     * every namespace carries exactly the properties of its class, inherited ones included.
     */
    static void assertWhole(Lab lab, CimSession s) {
        int classes = 0;
        for (String ns : lab.providers().namespaces()) {
            CimSchema schema = CimSchema.forNamespace(ns);
            for (String cls : lab.providers().classes(ns)) {
                if (schema.isOpen(cls)) continue;
                List<CimInstance> all = s.query(ns, "SELECT * FROM " + cls).stream().filter(i -> i.className().equalsIgnoreCase(cls)).toList();
                assertFalse(all.isEmpty(), "the lab shows some " + cls + " in " + ns);
                for (CimInstance i : all) {
                    assertEquals(List.of(), schema.wholenessProblems(i), "properties of " + i.path());
                    assertEquals(i, s.get(i.path()), "get returns the whole " + i.path());
                }
                classes++;
            }
        }
        assertFalse(classes < 15, "walked " + classes + " classes");
    }
}
