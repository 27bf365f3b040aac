package io.hyperv4j.sim.cimv2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimNetworkAdapter;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VirtualMachines;
import io.hyperv4j.vm.VmSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: the root\cimv2 classes clients read on connect answer with the host's figures, to the
 * queries os-win's hostutils and libvirt's Hyper-V driver send. (Before: root\cimv2 was not served,
 * so every such query failed with an invalid namespace.)
 */
class HostSystemProviderTest {

    @Test
    void theHostDescribesItselfAsWindowsDoes() {
        try (Lab lab = Lab.builder().host("HV01", 16, 65536).build(); CimSession s = lab.session("HV01")) {
            lab.addNetworkAdapter("HV01", new SimNetworkAdapter("Intel(R) Ethernet 10G", 10_000_000_000L, ""));
            CimInstance cs = s.query("root\\cimv2", "SELECT * FROM Win32_ComputerSystem").get(0);
            assertEquals("HV01", cs.getString("Name"));
            assertEquals(65536L * 1024 * 1024, cs.getLong("TotalPhysicalMemory"));
            assertEquals(16, cs.getLong("NumberOfLogicalProcessors"));
            CimInstance os = s.query("root\\cimv2", "SELECT Version, ProductType, TotalVisibleMemorySize, FreePhysicalMemory FROM Win32_OperatingSystem").get(0);
            assertTrue(os.getString("Version").startsWith("10.0"), os.getString("Version"));
            assertEquals(3, os.getLong("ProductType"), "a server");
            long freeBefore = os.getLong("FreePhysicalMemory");
            CimInstance cpu = s.query("root\\cimv2", "SELECT * FROM Win32_Processor WHERE Architecture = 9").get(0);
            assertEquals(16, cpu.getLong("NumberOfLogicalProcessors"));
            List<CimInstance> nics = s.query("root\\cimv2", "SELECT * FROM Win32_NetworkAdapter WHERE PhysicalAdapter = TRUE");
            assertEquals(1, nics.size());
            CimInstance conf = s.query("root\\cimv2", "SELECT * FROM Win32_NetworkAdapterConfiguration WHERE IPEnabled = TRUE").get(0);
            assertEquals(nics.get(0).getString("MACAddress"), conf.getString("MACAddress"));
            assertEquals(nics.get(0).getString("GUID"), conf.getString("SettingID"));

            // the memory a running VM takes shows as less free memory
            VirtualMachine vm = new VirtualMachines(s, Duration.ofMinutes(1)).create(VmSpec.builder("big").memoryMb(4096).build());
            vm.start().await(Duration.ofMinutes(1));
            long freeAfter = s.query("root\\cimv2", "SELECT * FROM Win32_OperatingSystem").get(0).getLong("FreePhysicalMemory");
            assertEquals(freeBefore - 4096L * 1024, freeAfter);
            assertEquals(cs, s.get(cs.path()));
        }
    }
}
