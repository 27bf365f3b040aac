package io.hyperv4j.sim.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 11: a new VM's settings carry what a real host fills in, per the documented types and value maps. */
class NewVmSettingsTest {

    private static CimInstance settingsOf(V2Fixture f, String name, int generation) {
        CimInstance vssd = CimInstance.builder(V2.VSSD).put("ElementName", CimValue.string(name))
                .put("VirtualSystemSubType", CimValue.string("Microsoft:Hyper-V:SubType:" + generation)).build();
        ObjectPath vm = f.session.invoke(f.service(), "DefineSystem", Map.of("SystemSettings", CimValue.object(vssd)))
                .get("ResultingSystem").asPath();
        return f.session.get(V2.settings(V2Fixture.HOST, (String) vm.key("Name")));
    }

    @Test
    void bootFirmwareFollowsTheGeneration() {
        try (V2Fixture f = new V2Fixture()) {
            CimInstance g1 = settingsOf(f, "g1", 1);
            assertEquals(List.of(0L, 1L, 2L, 3L), g1.list("BootOrder"), "the documented default: floppy, CD, IDE, PXE");
            assertEquals(false, g1.get("SecureBootEnabled").value());
            assertTrue(g1.get("SecureBootTemplateId").isNull(), "secure boot is generation 2 only");
            CimInstance g2 = settingsOf(f, "g2", 2);
            assertEquals(List.of(), g2.list("BootOrder"), "a UEFI VM boots from BootSourceOrder");
            assertEquals(true, g2.get("SecureBootEnabled").value());
            assertEquals(V2Renderer.WINDOWS_SECURE_BOOT_TEMPLATE, g2.getString("SecureBootTemplateId"));
        }
    }

    @Test
    void filesAreRelativeToTheirDataRootsAndIdentitiesAreTheVms() {
        try (V2Fixture f = new V2Fixture()) {
            CimInstance a = settingsOf(f, "a", 2);
            CimInstance b = settingsOf(f, "b", 2);
            String id = a.getString("VirtualSystemIdentifier");
            assertEquals("Virtual Machines\\" + id + ".vmcx", a.getString("ConfigurationFile"));
            assertEquals("Virtual Machines\\" + id + ".vmgs", a.getString("GuestStateFile"));
            assertEquals(a.getString("ConfigurationDataRoot"), a.getString("GuestStateDataRoot"));
            assertTrue(a.getString("BIOSSerialNumber").matches("(\\d{4}-){6}\\d{2}"), a.getString("BIOSSerialNumber"));
            assertTrue(a.getString("BIOSGUID").matches("\\{[0-9A-F-]{36}}"), a.getString("BIOSGUID"));
            assertNotEquals(a.getString("BIOSSerialNumber"), b.getString("BIOSSerialNumber"), "each VM its own serial");
            assertEquals(a, f.session.get(a.path()), "the same every time it is read");
        }
    }

    @Test
    void numaLimitsAreOneHostNode() {
        try (V2Fixture f = new V2Fixture()) {
            CimInstance vssd = settingsOf(f, "n", 2);
            String id = vssd.getString("VirtualSystemIdentifier");
            assertEquals(true, vssd.get("VirtualNumaEnabled").value());
            assertEquals(16, f.session.get(V2.processor(V2Fixture.HOST, id)).getLong("MaxProcessorsPerNumaNode"));
            assertEquals(65536, f.session.get(V2.memory(V2Fixture.HOST, id)).getLong("MaxMemoryBlocksPerNumaNode"));
        }
    }
}
