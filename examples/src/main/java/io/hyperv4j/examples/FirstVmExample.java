package io.hyperv4j.examples;

import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vm.Checkpoint;
import io.hyperv4j.vm.Checkpoints;
import io.hyperv4j.vm.ControllerType;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmSpec;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The first program: a VM with a new virtual disk and two checkpoints, back to the first one, then
 * everything removed. Public API only: the embedded simulator by default, a real host with
 * {@code FirstVmExample wmi://hv01} (the disk goes into a temporary folder of the host).
 */
public final class FirstVmExample {
    private FirstVmExample() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("hyperv4j-first-vm");
        try (HyperVHost host = args.length > 0 ? HyperV.connect(URI.create(args[0])) : HyperV.simulator()) {
            VirtualMachine vm = host.vms().create(VmSpec.builder("web01").processors(2).memoryMb(2048).build());
            Path vhdx = host.disks().create(dir.resolve("web01.vhdx"), DiskSpec.dynamic(VhdFormat.VHDX, 40L << 30)).await();
            System.out.println("Created " + vm.name() + " with " + vm.hardDisks().attach(vhdx, ControllerType.SCSI));

            Checkpoints checkpoints = vm.checkpoints();
            String clean = checkpoints.create("clean install").await();
            vm.start().await(Duration.ofMinutes(2));
            checkpoints.create("running").await();
            checkpoints.tree().forEach(line -> System.out.println("  " + line));

            vm.turnOff().await();
            Checkpoint first = checkpoints.byId(clean).orElseThrow();
            checkpoints.apply(first).await();
            System.out.println("Back to '" + first.name() + "' (" + first.type() + "): the VM is " + vm.state());

            for (Checkpoint root : checkpoints.roots()) checkpoints.deleteSubtree(root).await();
            System.out.println("Checkpoints left: " + checkpoints.list().size() + "; disk " + vm.hardDisks().list().get(0).path());
            vm.remove().await();
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
