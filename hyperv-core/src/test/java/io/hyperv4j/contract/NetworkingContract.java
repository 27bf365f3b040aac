package io.hyperv4j.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.vm.NetworkAdapter;
import io.hyperv4j.vm.NetworkAdapters;
import io.hyperv4j.vm.SwitchType;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VirtualMachines;
import io.hyperv4j.vm.VmSpec;
import io.hyperv4j.vm.VmSwitches;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Switches and adapters, the same on every backend: a private switch, New-VM's adapter connected with
 * a VLAN, disconnected, everything removed again (names hv4j-contract-...).
 */
abstract class NetworkingContract {
    protected abstract HyperVHost openHost();

    @Test
    void anAdapterConnectsTaggedAndDisconnects() {
        try (HyperVHost host = openHost()) {
            VmSwitches switches = new VmSwitches(host.session(), Duration.ofMinutes(2));
            String sw = "hv4j-contract-sw";
            switches.create(sw, SwitchType.PRIVATE, null);
            VirtualMachine vm = host.vms().create(VmSpec.builder("hv4j-contract-net").build());
            try {
                NetworkAdapters nics = vm.networkAdapters();
                assertEquals(VirtualMachines.DEFAULT_ADAPTER, nics.list().get(0).name());
                assertEquals(sw, nics.connect(VirtualMachines.DEFAULT_ADAPTER, sw).switchName());
                NetworkAdapter tagged = nics.setVlan(VirtualMachines.DEFAULT_ADAPTER, 7);
                assertEquals(7, tagged.accessVlanId());
                assertEquals(12, tagged.macAddress().length());
                nics.disconnect(VirtualMachines.DEFAULT_ADAPTER);
                assertNull(nics.list().get(0).switchName());
            } finally {
                vm.remove().await();
                switches.remove(sw);
            }
        }
    }
}
