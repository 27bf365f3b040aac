package io.hyperv4j.examples;

import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.vm.DvdDrive;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An installation ISO in a generation 1 VM's DVD drive, as Set-VMDvdDrive -Path puts it there and
 * takes it out again, then a generation 2 VM's DVD drive added on SCSI (Add-VMDvdDrive) and removed.
 * Public API only: the embedded simulator by default (with a throwaway ISO file),
 * a real host with {@code DvdMediaExample wmi://hv01 D:\ISO\setup.iso}.
 */
public final class DvdMediaExample {
    private DvdMediaExample() {}

    public static void main(String[] args) throws IOException {
        Path iso = args.length > 1 ? Path.of(args[1]) : Files.createTempFile("setup", ".iso");
        try (HyperVHost host = args.length > 0 ? HyperV.connect(java.net.URI.create(args[0])) : HyperV.simulator()) {
            VirtualMachine vm = host.vms().create(VmSpec.builder("install01").generation(1).build());
            DvdDrive dvd = vm.dvdDrive();
            System.out.println("New VM: DVD " + dvd.media().orElse("empty"));
            dvd.insert(iso);
            System.out.println("Inserted: " + dvd.media().map(p -> p.equals(iso.toAbsolutePath().toString()) ? "the ISO" : p).orElse("empty"));
            dvd.eject();
            System.out.println("Ejected: DVD " + dvd.media().orElse("empty"));
            vm.remove().await();

            // generation 2 has no DVD drive until Add-VMDvdDrive puts one on a SCSI slot; it joins the boot order
            VirtualMachine gen2 = host.vms().create(VmSpec.builder("install02").generation(2).build());
            DvdDrive scsiDvd = gen2.dvdDrive();
            scsiDvd.add();
            scsiDvd.insert(iso);
            System.out.println("Generation 2 boot order: " + gen2.bootSources().stream().map(b -> b.description()).toList());
            scsiDvd.remove();
            System.out.println("After Remove-VMDvdDrive: " + gen2.bootSources().size() + " boot entries");
            gen2.remove().await();
        } finally {
            if (args.length <= 1) Files.deleteIfExists(iso);
        }
    }
}
