package io.hyperv4j.examples;

import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.vm.BootDevice;
import io.hyperv4j.vm.BootSource;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmSpec;
import java.net.URI;
import java.util.List;

/**
 * Boot order as Set-VMFirmware -BootOrder and Set-VMBios -StartupOrder change it: a generation 2 VM
 * with two network adapters boots from the second one first, a generation 1 VM from its IDE disk
 * first. Public API only: the embedded simulator by default, a real host with
 * {@code BootOrderExample wmi://hv01}.
 */
public final class BootOrderExample {
    private BootOrderExample() {}

    public static void main(String[] args) {
        try (HyperVHost host = args.length > 0 ? HyperV.connect(URI.create(args[0])) : HyperV.simulator()) {
            VirtualMachine uefi = host.vms().create(VmSpec.builder("pxe01").generation(2).build());
            uefi.networkAdapters().add("Deploy", false, null);
            List<BootSource> sources = uefi.bootSources();
            System.out.println("Firmware order: " + describe(sources));
            uefi.setBootSourceOrder(List.of(sources.get(1), sources.get(0))).await();
            System.out.println("After Set-VMFirmware: " + describe(uefi.bootSources()));

            VirtualMachine bios = host.vms().create(VmSpec.builder("legacy01").generation(1).build());
            System.out.println("BIOS order: " + bios.startupSettings().bootOrder());
            bios.setBootOrder(List.of(BootDevice.IDE_HARD_DRIVE, BootDevice.CD, BootDevice.PXE, BootDevice.FLOPPY)).await();
            System.out.println("After Set-VMBios: " + bios.startupSettings().bootOrder());
            uefi.remove().await();
            bios.remove().await();
        }
    }

    private static List<String> describe(List<BootSource> sources) {
        return sources.stream().map(s -> s.type() + " " + s.firmwarePath()).toList();
    }
}
