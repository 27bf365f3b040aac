package io.hyperv4j.vm;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hyperv4j.AmbiguousNameException;
import io.hyperv4j.ConnectOptions;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.InvalidStateException;
import io.hyperv4j.MethodFailedException;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.v2.storage.SimGuest;
import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vhd.VirtualDisks;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disks and checkpoints end to end through the typed API on the simulator: the guest writes known
 * data, checkpoints branch, each apply reads back exactly that moment, deletes in any order keep
 * the rest exact, refusals change nothing, and every file of every chain passes qemu-img check.
 */
class CheckpointsTest {
    static final int SIZE = 8 << 20;

    @TempDir
    Path dir;
    Lab lab;
    HyperVHost host;
    VirtualMachine vm;
    SimGuest guest;
    Path disk;

    @BeforeEach
    void setUp() {
        lab = Lab.builder().seed(11).host("HV01", 16, 65536).build();
        host = new HyperVHost(URI.create("sim:standalone"), lab.session("HV01"), ConnectOptions.defaults());
        vm = host.vms().create(VmSpec.builder("cp-vm").memoryMb(2048).generation(2).build());
        disk = dir.resolve("cp-vm.vhdx");
        VirtualDisks.createFile(disk, DiskSpec.dynamic(VhdFormat.VHDX, SIZE));
        guest = SimGuest.of(lab, vm.id());
    }

    @AfterEach
    void tearDown() {
        host.close();
        lab.close();
    }

    @Test
    void attachedDiskIsListedAndTheGuestWritesLandInTheFile() {
        HardDiskDrive d = vm.hardDisks().attach(disk, ControllerType.SCSI);
        assertEquals(ControllerType.SCSI, d.controllerType());
        assertEquals(0, d.controllerLocation());
        assertEquals(disk.toString(), d.path());
        vm.start().await();
        guest.write(0, 4096, bytes("hello"));
        byte[] back = new byte[5];
        try (var v = VirtualDisks.open(disk, io.hyperv4j.vhd.OpenMode.READ_ONLY)) {
            v.read(4096, back, 0, 5);
        }
        assertArrayEquals(bytes("hello"), back);
        vm.turnOff().await();
        vm.hardDisks().detach(disk);
        assertTrue(vm.hardDisks().list().isEmpty());
        assertTrue(Files.exists(disk), "detaching keeps the file");
    }

    @Test
    void eachCheckpointReadsBackItsMomentAcrossBranchesAndDeletesInEveryOrder() throws Exception {
        for (int order = 0; order < 6; order++) {
            if (order > 0) {
                tearDown();
                Path sub = dir.resolve("run" + order);
                Files.createDirectories(sub);
                lab = Lab.builder().seed(11 + order).host("HV01", 16, 65536).build();
                host = new HyperVHost(URI.create("sim:standalone"), lab.session("HV01"), ConnectOptions.defaults());
                vm = host.vms().create(VmSpec.builder("cp-vm").memoryMb(2048).build());
                disk = sub.resolve("cp-vm.vhdx");
                VirtualDisks.createFile(disk, DiskSpec.dynamic(VhdFormat.VHDX, SIZE));
                guest = SimGuest.of(lab, vm.id());
            }
            runScenario(order);
        }
    }

    private void runScenario(int order) throws Exception {
        vm.hardDisks().attach(disk, ControllerType.SCSI);
        vm.checkpoints().setType(CheckpointType.STANDARD).await();
        Checkpoints cps = vm.checkpoints();
        Map<String, byte[]> moments = new TreeMap<>();
        vm.start().await();
        guest.workload(0, 1, 20, 100_000, SIZE);
        String a = cps.create("A").await();
        moments.put(a, guest.read(0, 0, SIZE));
        guest.workload(0, 2, 20, 100_000, SIZE);
        String b = cps.create("B").await();
        moments.put(b, guest.read(0, 0, SIZE));
        guest.workload(0, 3, 5, 100_000, SIZE);
        vm.turnOff().await();
        // branch: back to A, write something else, checkpoint C (a sibling of B)
        cps.apply(cps.byId(a).orElseThrow()).await();
        assertEquals(VmState.SAVED, vm.state(), "A was taken running: applying it restores saved memory");
        assertArrayEquals(moments.get(a), guest.read(0, 0, SIZE));
        vm.start().await();
        guest.workload(0, 4, 20, 100_000, SIZE);
        String c = cps.create("C").await();
        moments.put(c, guest.read(0, 0, SIZE));
        vm.turnOff().await();
        assertEquals(a, cps.byId(c).orElseThrow().parentId());
        assertEquals(a, cps.byId(b).orElseThrow().parentId());
        assertEquals(c, cps.current().orElseThrow().id());
        for (String id : List.of(b, a, c)) {
            cps.apply(cps.byId(id).orElseThrow()).await();
            assertArrayEquals(moments.get(id), guest.read(0, 0, SIZE), "apply " + cps.byId(id).orElseThrow().name());
            vm.turnOff().await();
        }
        checkAllFiles();
        List<String> ids = new ArrayList<>(List.of(a, b, c));
        List<String> deleteOrder = permutation(ids, order);
        for (String id : deleteOrder) {
            cps.delete(cps.byId(id).orElseThrow()).await();
            moments.remove(id);
            for (var e : moments.entrySet()) {
                cps.apply(cps.byId(e.getKey()).orElseThrow()).await();
                assertArrayEquals(e.getValue(), guest.read(0, 0, SIZE), "after deleting in order " + deleteOrder);
                vm.turnOff().await();
            }
            checkAllFiles();
        }
        assertTrue(cps.list().isEmpty());
        try (Stream<Path> s = Files.list(disk.getParent())) {
            assertEquals(List.of(disk), s.filter(p -> p.toString().contains("cp-vm")).toList(),
                    "with every checkpoint gone the VM is back on its own file");
        }
        assertEquals(disk.toString(), vm.hardDisks().list().get(0).path());
    }

    /**
     * Issue 11: a generation 1 VM has its IDE controllers from the moment New-VM returns, so the
     * first Add-VMHardDiskDrive -ControllerType IDE finds one; it used to fail until some query had
     * rendered the VM's resource settings.
     */
    @Test
    void aNewGenerationOneVmTakesAnIdeDiskAtOnce() {
        VirtualMachine gen1 = host.vms().create(VmSpec.builder("ide-vm").memoryMb(1024).generation(1).build());
        HardDiskDrive d = gen1.hardDisks().attach(disk, ControllerType.IDE);
        assertEquals(ControllerType.IDE, d.controllerType());
        assertEquals(0, d.controllerNumber());
        assertEquals(0, d.controllerLocation());
    }

    @Test
    void badDisksAreRefusedAndLeaveNoDriveBehind() throws Exception {
        var missing = assertThrows(io.hyperv4j.InvalidParameterException.class,
                () -> vm.hardDisks().attach(dir.resolve("nope.vhdx"), ControllerType.SCSI));
        assertTrue(missing.getMessage().contains("attach"), missing.getMessage());
        assertTrue(missing.getMessage().contains("does not exist"), "the refusal says why: " + missing.getMessage());
        Path notADisk = Files.write(dir.resolve("text.vhdx"), bytes("not a disk"));
        var garbage = assertThrows(io.hyperv4j.InvalidParameterException.class, () -> vm.hardDisks().attach(notADisk, ControllerType.SCSI));
        assertTrue(garbage.getMessage().contains("is not a VHD or VHDX file that opens"), garbage.getMessage());
        assertThrows(io.hyperv4j.InvalidParameterException.class, () -> vm.hardDisks().attach(disk, ControllerType.IDE),
                "a generation 2 VM has no IDE controller");
        assertTrue(vm.hardDisks().list().isEmpty());
        long drives = host.session().query(Msvm.NAMESPACE, "SELECT * FROM Msvm_ResourceAllocationSettingData WHERE ResourceType = 17")
                .stream().filter(i -> !i.getString("InstanceID").endsWith("\\Default")).count();
        // the defaults clients clone, found the way os-win finds them
        assertEquals(1, host.session().query(Msvm.NAMESPACE, "SELECT * FROM Msvm_StorageAllocationSettingData WHERE ResourceSubType = "
                + "'Microsoft:Hyper-V:Virtual Hard Disk' AND InstanceID LIKE '%\\\\Default'").size());
        assertEquals(0, drives, "the drive added for a refused disk was removed again");

        vm.hardDisks().attach(disk, ControllerType.SCSI);
        VirtualMachine other = host.vms().create(VmSpec.builder("other").build());
        var inUse = assertThrows(io.hyperv4j.InvalidParameterException.class, () -> other.hardDisks().attach(disk, ControllerType.SCSI),
                "a file in use by another VM");
        assertTrue(inUse.getMessage().contains("in use by VM '" + vm.name() + "'"), "the refusal names the holder: " + inUse.getMessage());
        vm.start().await();
        Path second = dir.resolve("second.vhdx");
        VirtualDisks.createFile(second, DiskSpec.dynamic(VhdFormat.VHD, SIZE));
        HardDiskDrive hot = vm.hardDisks().attach(second, ControllerType.SCSI);
        assertEquals(1, hot.controllerLocation(), "SCSI disks hot-plug into the next slot");
        assertThrows(IllegalStateException.class, () -> SimGuest.of(lab, other.id()).write(0, 0, bytes("x")), "no disk, not running");
    }

    @Test
    void qemuImgAgreesWithTheEngineOnEveryCheckpoint() throws Exception {
        assumeTrue(QemuImg.available(), "qemu-img is not installed (apt-get install qemu-utils)");
        vm.hardDisks().attach(disk, ControllerType.SCSI);
        Checkpoints cps = vm.checkpoints();
        vm.start().await();
        Map<String, byte[]> moments = new TreeMap<>();
        for (int i = 0; i < 3; i++) {
            guest.workload(0, 10 + i, 15, 200_000, SIZE);
            String id = cps.create("m" + i).await();
            moments.put(id, guest.read(0, 0, SIZE));
        }
        vm.turnOff().await();
        Path scratch = Files.createDirectories(dir.resolve("scratch"));
        var st = io.hyperv4j.sim.v2.storage.StorageModel.of(lab).vm(vm.id());
        for (var e : moments.entrySet()) {
            var cp = st.checkpoint(e.getKey());
            Path frozen = cp.drives().values().iterator().next().file();
            assertEquals(0, QemuImg.compareWith(frozen, e.getValue(), scratch), "qemu-img compare for " + cp.name());
            byte[] wrong = e.getValue().clone();
            wrong[SIZE / 2] ^= 1;
            assertEquals(1, QemuImg.compareWith(frozen, wrong, scratch), "a one-bit difference is seen");
        }
        checkAllFiles();
    }

    @Test
    void namesAreNotUniqueAndRenameAndSubtreeDeleteWork() {
        vm.hardDisks().attach(disk, ControllerType.SCSI);
        Checkpoints cps = vm.checkpoints();
        String one = cps.create("same").await();
        String two = cps.create("same").await();
        AmbiguousNameException e = assertThrows(AmbiguousNameException.class, () -> cps.requireByName("same"));
        assertEquals(2, e.ids().size());
        cps.rename(cps.byId(two).orElseThrow(), "other").await();
        assertEquals(one, cps.requireByName("same").id());
        assertEquals("same", cps.byId(two).orElseThrow().parentName());
        String three = cps.create(null).await();
        assertTrue(cps.byId(three).orElseThrow().name().startsWith("cp-vm - ("), cps.byId(three).orElseThrow().name());
        assertEquals(3, cps.tree().size());
        cps.deleteSubtree(cps.byId(two).orElseThrow()).await();
        assertEquals(List.of(one), cps.list().stream().map(Checkpoint::id).toList());
        assertEquals(CheckpointType.PRODUCTION, cps.byId(one).orElseThrow().type(), "an off VM with the default type takes production checkpoints");
    }

    @Test
    void refusalsUseTheDocumentedCodesAndChangeNothing() throws Exception {
        vm.hardDisks().attach(disk, ControllerType.SCSI);
        Checkpoints cps = vm.checkpoints();
        vm.start().await();
        guest.write(0, 0, bytes("base"));
        String a = cps.create("A").await();

        // disabled
        cps.setType(CheckpointType.DISABLED).await();
        List<Path> before = files();
        MethodFailedException off = assertThrows(MethodFailedException.class, () -> cps.create("no").await());
        assertEquals(5, off.returnCode().getAsLong(), off.getMessage());
        assertEquals(before, files());
        assertEquals(1, cps.list().size());

        // production only, guest cannot quiesce
        cps.setType(CheckpointType.PRODUCTION_ONLY).await();
        lab.write(java.time.Duration.ofSeconds(5), t -> {
            io.hyperv4j.sim.v2.storage.StorageModel.of(lab).vm(vm.id()).guestCanQuiesce(false);
            return null;
        });
        MethodFailedException po = assertThrows(MethodFailedException.class, () -> cps.create("no").await());
        assertEquals(2, po.returnCode().getAsLong(), po.getMessage());
        assertEquals(before, files());
        // production with fallback takes a standard checkpoint instead
        cps.setType(CheckpointType.PRODUCTION).await();
        String fb = cps.create("fallback").await();
        assertEquals(CheckpointType.STANDARD, cps.byId(fb).orElseThrow().type());
        assertTrue(cps.byId(fb).orElseThrow().savedState());
        before = files();

        // apply while running
        InvalidStateException running = assertThrows(InvalidStateException.class, () -> cps.apply(cps.byId(a).orElseThrow()).await());
        assertEquals(32775, running.returnCode().getAsLong(), running.getMessage());
        assertEquals(before, files());
        assertArrayEquals(bytes("base"), guest.read(0, 0, 4));

        // another operation in flight
        var saving = vm.save();
        MethodFailedException busy = assertThrows(MethodFailedException.class, () -> cps.create("busy").await());
        assertEquals(5, busy.returnCode().getAsLong(), busy.getMessage());
        MethodFailedException busyTree = assertThrows(MethodFailedException.class, () -> cps.deleteSubtree(cps.byId(a).orElseThrow()).await());
        assertEquals(32774, busyTree.returnCode().getAsLong(), busyTree.getMessage());
        saving.await();
        assertEquals(before, files());
        assertEquals(2, cps.list().size());
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private void checkAllFiles() throws Exception {
        List<Path> all = io.hyperv4j.sim.v2.storage.StorageModel.of(lab).vm(vm.id()).files();
        for (Path f : all) assertTrue(VirtualDisks.validate(f).ok(), f + " " + VirtualDisks.validate(f).problems());
        QemuImg.checkAll(all);
    }

    private static List<String> permutation(List<String> items, int k) {
        List<String> pool = new ArrayList<>(items);
        List<String> out = new ArrayList<>();
        for (int n = pool.size(); n > 0; n--) {
            int f = factorial(n - 1);
            out.add(pool.remove(k / f));
            k %= f;
        }
        return out;
    }

    private static int factorial(int n) {
        return n <= 1 ? 1 : n * factorial(n - 1);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
