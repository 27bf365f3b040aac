package io.hyperv4j.scvmm.storage;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.NotFoundException;
import io.hyperv4j.scvmm.sim.HostEvent;
import io.hyperv4j.scvmm.sim.SanLab;
import io.hyperv4j.sim.Lab;
import java.util.List;
import org.junit.jupiter.api.Test;

class SanStorageTest {

    @Test
    void aSanTransferMovesTheLuFromOneHostsInitiatorsToTheOthersInAFewCalls() {
        try (Lab lab = Lab.fromTemplate("seed000-san"); HyperVHost host1 = lab.connect("host1"); HyperVHost host2 = lab.connect("host2")) {
            SanStorage from = host1.capability(SanStorage.class), to = host2.capability(SanStorage.class);
            assertSame(from, host1.capability(SanStorage.class));
            assertEquals(MappingBinding.STORAGE_MANAGEMENT_API, from.binding());
            Lun lu1 = from.lun("LU1");
            assertTrue(from.diskOf(lu1).isPresent());
            assertTrue(to.diskOf(lu1).isEmpty());
            assertThrows(NotFoundException.class, () -> to.rescanFor("LU1"), "host2 is cabled but not mapped");

            from.unmap("LU1", from.initiators());
            to.map("LU1", to.initiators());
            HostDisk disk = to.rescanFor("LU1");

            assertEquals(lu1.sizeBytes(), disk.sizeBytes());
            assertEquals(1, disk.number());
            assertTrue(from.diskOf(lu1).isEmpty());
            assertEquals(List.of("Disk", "mpio", "mpio", "mpio", "VDS Basic Provider"),
                    SanLab.of(lab).events("host1").stream().map(HostEvent::source).toList());
            assertTrue(SanLab.of(lab).events("host2").isEmpty());
            MaskingSet ms2 = to.maskingSets().stream().filter(m -> m.friendlyName().equals("host2")).findFirst().orElseThrow();
            assertEquals(List.of("LU1"), ms2.virtualDiskNames());
        }
    }

    @Test
    void mappingToInitiatorsNoMaskingSetHoldsCreatesOne() {
        try (Lab lab = Lab.fromTemplate("seed000-san"); HyperVHost host2 = lab.connect("host2")) {
            SanStorage s = host2.capability(SanStorage.class);
            int before = s.maskingSets().size();
            s.map("LU2", List.of("iqn.1991-05.com.microsoft:host9"));
            assertEquals(before + 1, s.maskingSets().size());
            assertTrue(s.initiatorIds().stream().anyMatch(i -> i.initiatorAddress().equals("iqn.1991-05.com.microsoft:host9") && i.type() == 5));
        }
    }

    @Test
    void aThinLuOverCommitsThePoolAndARefusalNamesItsReason() {
        try (Lab lab = Lab.fromTemplate("seed000-san"); HyperVHost host1 = lab.connect("host1")) {
            SanStorage s = host1.capability(SanStorage.class);
            StoragePool dp = s.pools().stream().filter(p -> p.provisioningDefault() == Provisioning.THIN).findFirst().orElseThrow();
            Lun big = s.createLun(dp.friendlyName(), "thin-10T", 10L << 40).await();
            assertTrue(big.sizeBytes() > dp.sizeBytes(), "virtual capacity beyond the pool's physical capacity");
            assertEquals(0, big.allocatedBytes());
            StoragePool rg = s.pools().stream().filter(p -> p.provisioningDefault() == Provisioning.FIXED).findFirst().orElseThrow();
            String before = SanLab.of(lab).snapshot();
            StorageRefusedException e = assertThrows(StorageRefusedException.class, () -> s.createLun(rg.friendlyName(), "too-big", 100L << 40).await());
            assertEquals(StorageRefusal.NOT_ENOUGH_FREE_SPACE, e.reason());
            assertEquals(before, SanLab.of(lab).snapshot());
        }
    }

    @Test
    void aFixedLuIsFormattedByAStorageJobTheOperationFollows() {
        try (Lab lab = Lab.fromTemplate("seed000-san"); HyperVHost host1 = lab.connect("host1")) {
            SanStorage s = host1.capability(SanStorage.class);
            StoragePool rg = s.pools().stream().filter(p -> p.friendlyName().equals("RG001")).findFirst().orElseThrow();
            java.time.Instant start = lab.clock().now();
            io.hyperv4j.job.Operation<Lun> op = s.createLun(rg.friendlyName(), "data", 400_000_000_000L);
            assertFalse(op.isDone(), "400 GB are formatted at 2 GB/s: 200 s");
            java.util.List<Integer> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            op.onProgress(seen::add);
            Lun lun = op.await(java.time.Duration.ofMinutes(10));
            assertEquals(200, java.time.Duration.between(start, lab.clock().now()).toSeconds());
            assertEquals("data", lun.friendlyName());
            assertEquals(Provisioning.FIXED, lun.provisioning());
            assertEquals(100, op.progress());
            assertEquals(100, seen.get(seen.size() - 1));
            assertTrue(s.luns().contains(lun));
        }
    }
}
