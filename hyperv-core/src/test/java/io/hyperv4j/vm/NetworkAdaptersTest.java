package io.hyperv4j.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.InvalidParameterException;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimNetworkAdapter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: the typed switch and adapter API (New-VMSwitch, Add/Connect/Disconnect-VMNetworkAdapter,
 * Set-VMNetworkAdapterVlan) against the simulator; a new VM has New-VM's adapter. (Before: there were
 * no switches, and adding an adapter returned 4.)
 */
class NetworkAdaptersTest {
    private static final Duration T = Duration.ofMinutes(1);

    @Test
    void switchesAndAdaptersRoundTrip() {
        try (Lab lab = Lab.standalone(); CimSession s = lab.session(Lab.DEFAULT_HOST)) {
            lab.addNetworkAdapter(Lab.DEFAULT_HOST, new SimNetworkAdapter("Intel(R) Ethernet 10G", 10_000_000_000L, ""));
            VmSwitches switches = new VmSwitches(s, T);
            assertEquals(new VmSwitch(switches.create("Ext", SwitchType.EXTERNAL, "Intel(R) Ethernet 10G").id(), "Ext", SwitchType.EXTERNAL,
                    "Intel(R) Ethernet 10G"), switches.get("Ext"));
            assertEquals(SwitchType.INTERNAL, switches.create("Int", SwitchType.INTERNAL, null).type());
            assertEquals(SwitchType.PRIVATE, switches.create("Priv", SwitchType.PRIVATE, null).type());
            assertThrows(InvalidParameterException.class, () -> switches.create("Priv", SwitchType.PRIVATE, null), "names are unique");
            assertThrows(InvalidParameterException.class, () -> switches.create("Ext2", SwitchType.EXTERNAL, "Intel(R) Ethernet 10G"),
                    "an adapter takes one switch");
            assertEquals(List.of("Ext", "Int", "Priv"), switches.list().stream().map(VmSwitch::name).sorted().toList());

            VirtualMachine vm = new VirtualMachines(s, T).create(VmSpec.builder("web").generation(1).build());
            NetworkAdapters nics = vm.networkAdapters();
            NetworkAdapter first = nics.list().get(0);
            assertEquals(VirtualMachines.DEFAULT_ADAPTER, first.name());
            assertNull(first.switchName());
            assertEquals(SwitchType.INTERNAL, switches.get("Int").type());
            assertEquals("Int", nics.connect(VirtualMachines.DEFAULT_ADAPTER, "Int").switchName());
            assertEquals(42, nics.setVlan(VirtualMachines.DEFAULT_ADAPTER, 42).accessVlanId());
            assertEquals(7, nics.setVlan(VirtualMachines.DEFAULT_ADAPTER, 7).accessVlanId());
            assertEquals(0, nics.setVlan(VirtualMachines.DEFAULT_ADAPTER, 0).accessVlanId());
            assertEquals(0, nics.setVlanTrunk(VirtualMachines.DEFAULT_ADAPTER, 10, List.of(10, 20, 30)).accessVlanId(), "a trunk has no access VLAN");
            io.hyperv4j.cim.CimInstance trunk = s.query("root\\virtualization\\v2", "SELECT * FROM Msvm_EthernetSwitchPortVlanSettingData WHERE OperationMode = 2").get(0);
            assertEquals(10L, trunk.getLong("NativeVlanId"));
            assertEquals(List.of(10L, 20L, 30L), trunk.list("TrunkVlanIdArray"));
            assertEquals(42, nics.setVlan(VirtualMachines.DEFAULT_ADAPTER, 42).accessVlanId(), "back to access mode");
            assertThrows(InvalidParameterException.class, () -> nics.setVlanTrunk(VirtualMachines.DEFAULT_ADAPTER, 10, List.of()));
            assertEquals(42, nics.list().get(0).accessVlanId(), "a refused trunk changed nothing");
            nics.setVlan(VirtualMachines.DEFAULT_ADAPTER, 0);

            NetworkAdapter legacy = nics.add("boot", true, "00-15-5D-AA-BB-CC");
            assertEquals("00155DAABBCC", legacy.macAddress());
            assertTrue(legacy.legacy() && legacy.staticMac());
            assertEquals("Priv", nics.connect("boot", "Priv").switchName());
            nics.disconnect("boot");
            assertNull(nics.list().stream().filter(n -> n.name().equals("boot")).findFirst().orElseThrow().switchName());
            nics.remove("boot");
            assertEquals(1, nics.list().size());

            switches.remove("Int");
            assertNull(nics.list().get(0).switchName(), "a removed switch leaves its adapters disconnected");
        }
    }
}
