package io.hyperv4j.examples;

import io.hyperv4j.ConnectOptions;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.InvalidStateException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.vm.AutomaticStartAction;
import io.hyperv4j.vm.AutomaticStopAction;
import io.hyperv4j.vm.BootDevice;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmSpec;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A VM's startup settings and its devices: set the automatic start and stop actions and the BIOS
 * boot order (Set-VM, Set-VMBios), see the running VM's logical devices through Msvm_SystemDevice
 * as a WMI client would, and see a running VM refuse a stop-action change. On a real host the same
 * calls work on {@code wmi://...}.
 */
public final class VmSettingsExample {
    private VmSettingsExample() {}

    public static void main(String[] args) {
        try (Lab lab = Lab.builder().seed(1).host("HV01", 16, 65536).build();
             CimSession session = lab.session("HV01");
             HyperVHost host = new HyperVHost(URI.create("sim:standalone"), session, ConnectOptions.defaults())) {
            VirtualMachine vm = host.vms().create(VmSpec.builder("example-legacy").generation(1).processors(2).build());
            System.out.println("New-VM defaults: " + vm.startupSettings());
            vm.setAutomaticStart(AutomaticStartAction.START, Duration.ofMinutes(2)).await();
            vm.setAutomaticStop(AutomaticStopAction.SHUT_DOWN).await();
            vm.setBootOrder(List.of(BootDevice.IDE_HARD_DRIVE, BootDevice.CD, BootDevice.PXE, BootDevice.FLOPPY)).await();
            System.out.println("Now:             " + vm.startupSettings());

            vm.start().await();
            Map<String, Integer> devices = new TreeMap<>();
            for (CimInstance d : session.associators(vm.path(), "Msvm_SystemDevice", null)) devices.merge(d.className(), 1, Integer::sum);
            System.out.println("Devices of the running VM: " + devices);
            try {
                vm.setAutomaticStop(AutomaticStopAction.TURN_OFF).await();
            } catch (InvalidStateException e) {
                System.out.println("Refused while running: " + e.getMessage());
            }
            vm.turnOff().await();
            System.out.println("Devices once off: " + session.associators(vm.path(), "Msvm_SystemDevice", null).size());
        }
    }
}
