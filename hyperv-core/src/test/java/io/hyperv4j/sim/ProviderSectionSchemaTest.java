package io.hyperv4j.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.ConnectOptions;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.sim.v2.StorageProvider;
import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vhd.VirtualDisks;
import io.hyperv4j.vm.CheckpointType;
import io.hyperv4j.vm.ControllerType;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmSpec;
import java.net.URI;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage provider's section of a lab file (drives, controllers, checkpoints, disk chains) is
 * read against its schema like the kernel's part: a wrong type, an out-of-range slot or a malformed
 * or dangling id is refused with its JSON path and the file is left as written (before: read with
 * asText()/asInt(), so "address":"x" became slot 0 and a checkpoint's parent could name nothing).
 */
class ProviderSectionSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECTION = "$.providers['" + StorageProvider.class.getName() + "']";
    @TempDir
    Path dir;
    private Path file;
    private ObjectNode saved;

    @BeforeEach
    void aLabWithADiskAndACheckpoint() throws Exception {
        file = dir.resolve("lab.json");
        Path disk = dir.resolve("web1.vhdx");
        VirtualDisks.createFile(disk, DiskSpec.dynamic(VhdFormat.VHDX, 4 << 20));
        try (Lab lab = Lab.builder().seed(3).host("HV01", 8, 32768).build();
             HyperVHost host = new HyperVHost(URI.create("sim:HV01"), lab.session("HV01"), ConnectOptions.defaults())) {
            VirtualMachine vm = host.vms().create(VmSpec.builder("web1").build());
            vm.hardDisks().attach(disk, ControllerType.SCSI);
            vm.checkpoints().setType(CheckpointType.STANDARD).await();
            vm.checkpoints().create("one").await();
            vm.checkpoints().create("two").await();
            lab.save(file);
        }
        saved = (ObjectNode) JSON.readTree(file.toFile());
    }

    private static ObjectNode storage(ObjectNode root) {
        return (ObjectNode) root.get("providers").get(StorageProvider.class.getName()).get("vms").get(0);
    }

    private static ObjectNode drive(ObjectNode root) {
        return (ObjectNode) storage(root).get("drives").get(0);
    }

    private static ObjectNode checkpoint(ObjectNode root, int i) {
        return (ObjectNode) storage(root).get("checkpoints").get(i);
    }

    private String refused(Consumer<ObjectNode> change) throws Exception {
        return LabFileEdits.refusedAfter(file, saved, change);
    }

    @Test
    void theSavedSectionLoads() {
        try (Lab back = Lab.load(file)) {
            assertEquals(1, back.vmCount());
        }
    }

    @Test
    void wrongTypesAndOutOfRangeNumbersAreRefusedWithTheirPath() throws Exception {
        String m = refused(r -> drive(r).put("address", "x"));
        assertTrue(m.contains(SECTION + ".vms[0].drives[0].address: expected an integer from 0 to 63, found \"x\""), m);
        m = refused(r -> drive(r).put("address", 64));
        assertTrue(m.contains(SECTION + ".vms[0].drives[0].address: expected an integer from 0 to 63, found number 64"), m);
        m = refused(r -> storage(r).put("drives", "none"));
        assertTrue(m.contains(SECTION + ".vms[0].drives: expected an array"), m);
        m = refused(r -> storage(r).put("guestCanQuiesce", "yes"));
        assertTrue(m.contains(SECTION + ".vms[0].guestCanQuiesce: expected true or false"), m);
        m = refused(r -> checkpoint(r, 0).put("memoryMb", -1));
        assertTrue(m.contains(SECTION + ".vms[0].checkpoints[0].memoryMb: expected an integer from 32"), m);
        m = refused(r -> storage(r).put("snapshotType", "SOMETIMES"));
        assertTrue(m.contains(SECTION + ".vms[0].snapshotType: expected one of "), m);
    }

    @Test
    void malformedAndDanglingIdsAndRelativePathsAreRefused() throws Exception {
        String m = refused(r -> storage(r).put("vm", "../../etc"));
        assertTrue(m.contains(SECTION + ".vms[0].vm: expected a VM id (GUID)"), m);
        m = refused(r -> drive(r).put("controller", "8F2A1C3E-5B7D-4E9F-A1B2-C3D4E5F60718"));
        assertTrue(m.contains(SECTION + ".vms[0].drives[0].controller: no controller 8F2A1C3E-5B7D-4E9F-A1B2-C3D4E5F60718"), m);
        m = refused(r -> checkpoint(r, 1).put("parent", "8F2A1C3E-5B7D-4E9F-A1B2-C3D4E5F60718"));
        assertTrue(m.contains(SECTION + ".vms[0].checkpoints[1].parent: no checkpoint"), m);
        m = refused(r -> storage(r).put("current", "nope"));
        assertTrue(m.contains(SECTION + ".vms[0].current: expected a checkpoint id (GUID)"), m);
        m = refused(r -> drive(r).put("file", "relative/disk.vhdx"));
        assertTrue(m.contains(SECTION + ".vms[0].drives[0].file: expected an absolute file path, found \"relative/disk.vhdx\""), m);
        m = refused(r -> ((ArrayNode) storage(r).get("checkpoints")).add(checkpoint(r, 0).deepCopy()));
        assertTrue(m.contains(SECTION + ".vms[0].checkpoints[2].id: a second checkpoint"), m);
    }
}
