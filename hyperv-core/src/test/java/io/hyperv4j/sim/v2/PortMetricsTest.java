package io.hyperv4j.sim.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.GuestLoad;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.vm.SwitchType;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VirtualMachines;
import io.hyperv4j.vm.VmSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each connected adapter's port carries its own traffic metrics, found as os-win's metricsutils finds them. */
class PortMetricsTest {
    private static final String IN = "Aggregated Filtered Incoming Network Traffic";
    private static final String OUT = "Aggregated Filtered Outgoing Network Traffic";

    private static long value(List<CimInstance> values, String name) {
        List<CimInstance> found = ResourceMeteringTest.byName(values, name);
        assertEquals(1, found.size(), name + " in " + values);
        return Long.parseLong(found.get(0).getString("MetricValue"));
    }

    @Test
    void eachConnectedPortHasItsOwnTrafficSummingToTheVmsTotal() {
        Lab lab = Lab.standalone();
        HyperVHost host = lab.connect(Lab.DEFAULT_HOST);
        VirtualMachine vm = host.vms().create(VmSpec.builder("two-ports").build());
        host.switches().create("metered", SwitchType.INTERNAL, null);
        vm.networkAdapters().connect(VirtualMachines.DEFAULT_ADAPTER, "metered");
        vm.networkAdapters().add("second", false, null);
        vm.networkAdapters().connect("second", "metered");
        vm.networkAdapters().add("unplugged", false, null);
        lab.vm(vm.id()).guestLoad(new GuestLoad(0.1, 0, 0, 4096, 0, 3 << 20, 1 << 20));
        vm.metrics().enable();
        vm.start().await();
        lab.clock().advance(Duration.ofSeconds(601)); // an odd number of megabytes in: the ports cannot split it evenly
        vm.turnOff().await();
        try (CimSession s = lab.session(Lab.DEFAULT_HOST)) {
            ObjectPath vssd = V2.settings(Lab.DEFAULT_HOST, vm.id());
            // os-win: the VM's port allocations, each matched to its adapter by Parent, then the values on the port
            List<CimInstance> ports = s.associators(vssd, V2.VSSD_COMPONENT, "Msvm_EthernetPortAllocationSettingData");
            List<CimInstance> nics = s.associators(vssd, V2.VSSD_COMPONENT, "Msvm_SyntheticEthernetPortSettingData");
            assertEquals(2, ports.size(), "only connected adapters have a port");
            Map<String, Long> in = new HashMap<>(), out = new HashMap<>();
            for (CimInstance port : ports) {
                CimInstance nic = nics.stream().filter(n -> n.path().equals(ObjectPath.parse(port.getString("Parent")))).findFirst().orElseThrow();
                List<CimInstance> values = s.associators(port.path(), "Msvm_MetricForME", "Msvm_BaseMetricValue");
                assertEquals(2, values.size(), "incoming and outgoing traffic of " + nic.getString("ElementName"));
                for (CimInstance v : values) {
                    assertEquals(nic.getString("ElementName"), v.getString("MeasuredElementName"));
                    assertEquals(v, s.get(v.path()), "found by its path");
                    assertEquals(1, s.associators(v.path(), "Msvm_MetricInstance", null).size(), "linked to its definition");
                    assertEquals(List.of(port.path()), s.associators(v.path(), "Msvm_MetricForME", null).stream().map(CimInstance::path).toList());
                }
                in.put(nic.getString("ElementName"), value(values, IN));
                out.put(nic.getString("ElementName"), value(values, OUT));
            }
            List<CimInstance> totals = s.associators(vm.path(), "Msvm_MetricForME", "Msvm_BaseMetricValue");
            long totalIn = value(totals, IN), totalOut = value(totals, OUT);
            assertTrue(totalIn > 1500, "3 MB a second for ten minutes: " + totalIn);
            assertEquals(totalIn, in.values().stream().mapToLong(Long::longValue).sum(), "ports add up to the VM: " + in);
            assertEquals(totalOut, out.values().stream().mapToLong(Long::longValue).sum(), "ports add up to the VM: " + out);
            long a = in.get(VirtualMachines.DEFAULT_ADAPTER), b = in.get("second");
            assertTrue(Math.abs(a - b) <= 1 && a > 0, "one traffic stream spread evenly: " + in);
        }
    }
}
