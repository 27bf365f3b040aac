package io.hyperv4j.scvmm.storage;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.NotSupportedException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Both LU-mapping bindings on a real Windows machine: what the simulator answers must be what
 * Windows answers. Read-only unless HYPERV4J_SAN_LUN names an LU that may be shown to and hidden
 * from HYPERV4J_SAN_INITIATOR (an unused test initiator), which round-trips a mapping.
 */
@EnabledOnOs(OS.WINDOWS)
class WindowsSanStorageTest {

    @Test
    void theStorageManagementApiListsTheHostsDisksAndInitiators() {
        try (HyperVHost host = HyperV.connect(URI.create("wmi://."))) {
            SanStorage s;
            try {
                s = host.capability(SanStorage.class);
            } catch (NotSupportedException e) {
                return; // Windows Server 2008 R2: the VDS test below covers it
            }
            if (s.binding() != MappingBinding.STORAGE_MANAGEMENT_API) return;
            List<HostDisk> disks = s.rescan();
            assertTrue(disks.stream().anyMatch(HostDisk::boot), "the boot disk is listed: " + disks);
            assertNotNull(s.initiators());
            for (Lun l : s.luns()) assertFalse(l.name().isEmpty(), l.toString());
        }
    }

    @Test
    void theVirtualDiskServiceLoadsAndListsHardwareProviderLuns() {
        SanStorage s = SanStorage.virtualDiskService(Duration.ofMinutes(2));
        assertEquals(MappingBinding.VIRTUAL_DISK_SERVICE, s.binding());
        List<Lun> luns = s.luns(); // LoadService, WaitForServiceReady, QueryProviders, QuerySubSystems, QueryLuns, GetProperties
        for (Lun l : luns) assertTrue(l.sizeBytes() > 0, l.toString());
        s.rescan(); // Reenumerate, Refresh
        assertThrows(NotSupportedException.class, s::maskingSets);
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "HYPERV4J_SAN_LUN", matches = ".+")
    void aMappingRoundTripsThroughBothBindings() {
        String lun = System.getenv("HYPERV4J_SAN_LUN"), initiator = System.getenv("HYPERV4J_SAN_INITIATOR");
        assertNotNull(initiator, "set HYPERV4J_SAN_INITIATOR to an initiator that may see the LU");
        SanStorage vds = SanStorage.virtualDiskService(Duration.ofMinutes(2));
        vds.map(lun, List.of(initiator));
        vds.unmap(lun, List.of(initiator));
        try (HyperVHost host = HyperV.connect(URI.create("wmi://."))) {
            SanStorage smapi = host.capability(SanStorage.class);
            if (smapi.binding() != MappingBinding.STORAGE_MANAGEMENT_API) return;
            smapi.map(lun, List.of(initiator));
            assertTrue(smapi.maskingSets().stream().anyMatch(m -> m.virtualDiskNames().contains(smapi.lun(lun).name())));
            smapi.unmap(lun, List.of(initiator));
        }
    }
}
