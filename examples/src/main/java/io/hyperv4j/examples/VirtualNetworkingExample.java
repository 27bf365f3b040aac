package io.hyperv4j.examples;

import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.vm.NetworkAdapter;
import io.hyperv4j.vm.NetworkAdapters;
import io.hyperv4j.vm.SwitchType;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VirtualMachines;
import io.hyperv4j.vm.VmSpec;
import io.hyperv4j.vm.VmSwitch;
import io.hyperv4j.vm.VmSwitches;
import java.net.URI;

/**
 * Virtual networking as New-VMSwitch and the VM network adapter cmdlets do it: an internal and a
 * private switch, a VM whose New-VM adapter is connected with a VLAN, a legacy adapter with a static
 * MAC address, then everything removed. Public API only: the embedded simulator by default, a real
 * host with {@code VirtualNetworkingExample wmi://hv01}.
 */
public final class VirtualNetworkingExample {
    private VirtualNetworkingExample() {}

    public static void main(String[] args) {
        try (HyperVHost host = args.length > 0 ? HyperV.connect(URI.create(args[0])) : HyperV.simulator()) {
            VmSwitches switches = host.switches();
            VmSwitch tenant = switches.create("example-tenant", SwitchType.INTERNAL, null);
            VmSwitch lab = switches.create("example-lab", SwitchType.PRIVATE, null);
            System.out.println("Switches: " + tenant.name() + " (" + tenant.type() + "), " + lab.name() + " (" + lab.type() + ")");

            VirtualMachine vm = host.vms().create(VmSpec.builder("net01").generation(1).build());
            NetworkAdapters nics = vm.networkAdapters();
            nics.connect(VirtualMachines.DEFAULT_ADAPTER, tenant.name());
            nics.setVlan(VirtualMachines.DEFAULT_ADAPTER, 42);
            nics.add("pxe", true, "00-15-5D-00-10-01");
            nics.connect("pxe", lab.name());
            for (NetworkAdapter n : nics.list())
                System.out.println("  " + n.name() + (n.legacy() ? " (legacy)" : "") + " " + n.macAddress() + " -> " + n.switchName()
                        + (n.accessVlanId() == 0 ? "" : " VLAN " + n.accessVlanId()));

            nics.setVlanTrunk("pxe", 10, java.util.List.of(10, 20, 30)); // Set-VMNetworkAdapterVlan -Trunk -NativeVlanId 10 -AllowedVlanIdList 10,20,30
            System.out.println("pxe trunks VLANs 10, 20, 30 (native 10)");

            switches.remove(lab.name());
            System.out.println("After removing " + lab.name() + ", pxe is connected to " + nics.list().get(1).switchName());
            vm.remove().await();
            switches.remove(tenant.name());
        }
    }
}
