package io.hyperv4j.sim.v2.storage;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.ConnectOptions;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.InvalidParameterException;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vhd.VirtualDisks;
import io.hyperv4j.vm.CheckpointType;
import io.hyperv4j.vm.ControllerType;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmSpec;
import java.net.URI;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whether a disk file is in use by a VM (the check of every disk add and swap) is answered from an
 * index of files to the VMs given them, not by asking every VM (issue 12, finding 8's sibling): right
 * for a VM's own file, for the differencing files its checkpoints made, and after a VM lets go.
 */
class DiskOwnersTest {
    private static final int VMS = 20_000;

    @TempDir
    Path dir;

    @Test
    void filesHeldThroughCheckpointsAreInUseAndLetGoFilesAreFree() {
        try (Lab lab = Lab.builder().seed(3).host("HV01", 16, 65536).build();
             HyperVHost host = new HyperVHost(URI.create("sim:standalone"), lab.session("HV01"), ConnectOptions.defaults())) {
            Path base = dir.resolve("a.vhdx");
            VirtualDisks.createFile(base, DiskSpec.dynamic(VhdFormat.VHDX, 4 << 20));
            VirtualMachine a = host.vms().create(VmSpec.builder("a").build());
            VirtualMachine b = host.vms().create(VmSpec.builder("b").build());
            // B asks first, so the index exists before A's disk and checkpoint
            Path unused = dir.resolve("unused.vhdx");
            VirtualDisks.createFile(unused, DiskSpec.dynamic(VhdFormat.VHDX, 4 << 20));
            b.hardDisks().attach(unused, ControllerType.SCSI);
            a.hardDisks().attach(base, ControllerType.SCSI);
            a.checkpoints().setType(CheckpointType.STANDARD).await();
            a.checkpoints().create("one").await();
            Path child = Path.of(a.hardDisks().list().get(0).path());
            assertFalse(child.equals(base), "after a checkpoint A writes to a differencing child");
            assertThrows(InvalidParameterException.class, () -> b.hardDisks().attach(base, ControllerType.SCSI), "A's checkpoint holds the base");
            assertThrows(InvalidParameterException.class, () -> b.hardDisks().attach(child, ControllerType.SCSI), "A's drive holds the child");
            Path own = dir.resolve("b-on-a.vhdx");
            VirtualDisks.createFile(own, DiskSpec.differencing(VhdFormat.VHDX, base));
            assertDoesNotThrow(() -> b.hardDisks().attach(own, ControllerType.SCSI), "a new child of A's base is nobody's yet");
            a.checkpoints().delete(a.checkpoints().list().get(0)).await();
            a.hardDisks().detach(base);
            assertDoesNotThrow(() -> b.hardDisks().attach(base, ControllerType.SCSI), "A let go of its base");
            assertThrows(InvalidParameterException.class, () -> a.hardDisks().attach(base, ControllerType.SCSI), "now B holds it");
        }
    }

    /** 20,000 VMs, each with a disk, and a question about 20,000 files: 4*10^8 visits if each question asked every VM. */
    @Test
    void aQuestionAsksOnlyTheVmsGivenTheFile() {
        try (Lab lab = Lab.builder().seed(3).host("HV01", 16, 65536).build()) {
            StorageModel m = StorageModel.of(lab);
            for (int i = 0; i < VMS; i++) {
                VmStorage st = m.vm("vm" + i);
                st.addController("scsi0", ControllerKind.SCSI);
                st.attach("d0", "d0", "scsi0", 0, dir.resolve("vm" + i + ".vhdx"));
            }
            for (int i = 0; i < VMS; i++) {
                Path owned = dir.resolve("vm" + i + ".vhdx");
                assertTrue(m.held(owned, p -> null));
                Path child = dir.resolve("child" + i + ".avhdx");   // a child of VM i's file that VM i does not hold
                assertFalse(m.held(child, p -> p.equals(child) ? owned : null));
            }
            m.forget("vm7");
            assertFalse(m.held(dir.resolve("vm7.vhdx"), p -> null));
            assertTrue(Stream.of(1, 2).allMatch(i -> m.held(dir.resolve("vm" + i + ".vhdx"), p -> null)));
        }
    }
}
