package io.hyperv4j.scvmm.sim;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.schema.CimPropertyDef;
import io.hyperv4j.cim.schema.CimSchema;
import io.hyperv4j.sim.Lab;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowsStorageProviderTest {
    static final String NS = "root\\Microsoft\\Windows\\Storage";

    private static List<CimInstance> query(CimSession s, String cls) {
        return s.query(NS, "SELECT * FROM " + cls);
    }

    private static CimInstance one(CimSession s, String cls, String property, String value) {
        return query(s, cls).stream().filter(i -> value.equals(i.stringOr(property, null))).findFirst().orElseThrow();
    }

    private static long disks(CimSession s) {
        return query(s, "MSFT_Disk").stream().filter(d -> !d.booleanOr("IsBoot", false)).count();
    }

    @Test
    void everyInstanceCarriesEveryPropertyOfItsClass() {
        try (Lab lab = Lab.fromTemplate("seed000-san")) {
            CimSession s = lab.session("host1");
            CimInstance rg = one(s, "MSFT_StoragePool", "FriendlyName", "RG001");
            MethodResult job = s.invoke(rg.path(), "CreateVirtualDisk", Map.of("FriendlyName", CimValue.string("new"),
                    "Size", CimValue.uint64(10_000_000_000L), "RunAsJob", CimValue.bool(true)));
            assertEquals(4096, job.returnValue());
            assertEquals(4, s.get(job.reference("CreatedStorageJob").orElseThrow()).intOr("JobState", 0), "Running");
            CimSchema schema = CimSchema.forNamespace(NS);
            int seen = 0;
            for (String cls : List.of("MSFT_StorageSubSystem", "MSFT_VirtualDisk", "MSFT_MaskingSet", "MSFT_InitiatorId", "MSFT_TargetPort",
                    "MSFT_StoragePool", "MSFT_Disk", "MSFT_StorageSetting", "MSFT_InitiatorPort", "MSFT_StorageJob", "MSFT_MaskingSetToVirtualDisk",
                    "MSFT_StorageSubSystemToVirtualDisk", "MSFT_StoragePoolToVirtualDisk", "MSFT_VirtualDiskToDisk", "MSFT_MaskingSetToInitiatorId",
                    "MSFT_MaskingSetToTargetPort", "MSFT_StorageSubSystemToMaskingSet", "MSFT_StorageSubSystemToInitiatorId",
                    "MSFT_StorageSubSystemToTargetPort", "MSFT_StorageSubSystemToStoragePool")) {
                List<CimInstance> all = query(s, cls);
                assertFalse(all.isEmpty(), cls);
                for (CimInstance i : all) {
                    for (CimPropertyDef p : schema.allProperties(cls)) assertTrue(i.has(p.name()), cls + "." + p.name() + " missing");
                    seen++;
                }
            }
            assertTrue(seen > 20);
        }
    }

    @Test
    void aHostSeesAnLuOnlyWhileItIsMappedToItsInitiatorsAndFromItsNextRescan() {
        try (Lab lab = Lab.fromTemplate("seed000-san")) {
            CimSession h1 = lab.session("host1"), h2 = lab.session("host2");
            assertEquals(1, disks(h1));
            assertEquals(0, disks(h2));
            CimInstance ms2 = one(h2, "MSFT_MaskingSet", "FriendlyName", "host2");
            MethodResult add = h2.invoke(ms2.path(), "AddVirtualDisk", Map.of("VirtualDiskNames", CimValue.strings(List.of("LU1"))));
            assertEquals(0, add.returnValue());
            assertEquals(0, disks(h2), "not before the rescan");
            h2.invoke(new io.hyperv4j.cim.ObjectPath(null, NS, "MSFT_StorageSetting", Map.of()), "UpdateHostStorageCache", Map.of());
            assertEquals(1, disks(h2));
            assertTrue(SanLab.of(lab).events("host1").isEmpty());

            CimInstance ms1 = one(h1, "MSFT_MaskingSet", "FriendlyName", "host1");
            assertEquals(0, h1.invoke(ms1.path(), "RemoveVirtualDisk", Map.of("VirtualDiskNames", CimValue.strings(List.of("LU1")))).returnValue());
            assertEquals(0, disks(h1), "the disk goes when its last path goes");
            List<HostEvent> ev = SanLab.of(lab).events("host1");
            assertEquals(List.of("Disk/15", "mpio/16", "mpio/32", "mpio/18", "VDS Basic Provider/1"),
                    ev.stream().map(e -> e.source() + "/" + e.eventId()).toList());
            assertEquals("Unexpected failure. Error code: 2@01010013", ev.get(4).message());
        }
    }

    @Test
    void refusedCallsReturnTheirDocumentedCodeAndChangeNothing() {
        try (Lab lab = Lab.fromTemplate("seed000-san")) {
            CimSession h2 = lab.session("host2");
            String before = SanLab.of(lab).snapshot();
            CimInstance ms2 = one(h2, "MSFT_MaskingSet", "FriendlyName", "host2");
            assertEquals(50000, h2.invoke(ms2.path(), "AddVirtualDisk", Map.of("VirtualDiskNames", CimValue.strings(List.of("LU1", "LU99")))).returnValue());
            assertEquals(53000, h2.invoke(ms2.path(), "AddInitiatorId", Map.of("InitiatorIds", CimValue.strings(List.of("not-a-wwn")))).returnValue());
            CimInstance sub = query(h2, "MSFT_StorageSubSystem").get(0);
            assertEquals(40000, h2.invoke(sub.path(), "CreateVirtualDisk", Map.of("FriendlyName", CimValue.string("big"),
                    "Size", CimValue.uint64(100L << 40), "ProvisioningType", CimValue.uint16(2))).returnValue());
            assertEquals(before, SanLab.of(lab).snapshot());
        }
    }
}
