package io.hyperv4j.sim.v2;

import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.v2.storage.StorageModel;
import io.hyperv4j.sim.v2.storage.VmStorage;
import io.hyperv4j.vhd.OpenMode;
import io.hyperv4j.vhd.VirtualDisk;
import io.hyperv4j.vhd.VirtualDisks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/** A test VM's first drive as its guest and the host see it: writes through it, its current file, a disk's whole content. */
final class GuestDisk {
    private GuestDisk() {}

    static VmStorage storage(Lab lab, String vmId) {
        return StorageModel.of(lab).vm(vmId);
    }

    /** The file the VM's first drive writes to now. */
    static Path currentFile(Lab lab, String vmId) {
        return lab.read(Duration.ofSeconds(5), () -> storage(lab, vmId).drives().iterator().next().current());
    }

    /** The guest writes {@code text} at {@code offset} of its first drive. */
    static void guestWrite(Lab lab, String vmId, long offset, String text) {
        lab.write(Duration.ofSeconds(5), txn -> {
            VmStorage st = storage(lab, vmId);
            st.guestWrite(st.drives().iterator().next().id(), offset, text.getBytes(StandardCharsets.UTF_8));
            return null;
        });
    }

    /**
     * Gives a VM with a disk checkpoints a and b (b a child of a, each after a guest write), then
     * applies a and writes again, so its state is on a branch.
     *
     * @return each checkpoint's GUID, a first, with the disk's bytes it holds
     */
    static java.util.LinkedHashMap<String, byte[]> checkpointTree(Lab lab, io.hyperv4j.vm.VirtualMachine vm) {
        java.util.LinkedHashMap<String, byte[]> at = new java.util.LinkedHashMap<>();
        guestWrite(lab, vm.id(), 0, "first");
        String a = vm.checkpoints().create("a").await();
        at.put(a, content(currentFile(lab, vm.id())));
        guestWrite(lab, vm.id(), 1 << 20, "second");
        String b = vm.checkpoints().create("b").await();
        at.put(b, content(currentFile(lab, vm.id())));
        vm.checkpoints().apply(vm.checkpoints().byId(a).orElseThrow()).await(); // a branch: the VM now runs on a child of a's disk
        guestWrite(lab, vm.id(), 2 << 20, "third, on the branch");
        return at;
    }

    /** Every byte of a disk, read through its chain. */
    static byte[] content(Path disk) {
        try (VirtualDisk d = VirtualDisks.open(disk, OpenMode.READ_ONLY)) {
            byte[] b = new byte[(int) d.size()];
            d.read(0, b, 0, b.length);
            return b;
        }
    }
}
