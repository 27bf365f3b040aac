package io.hyperv4j.sim.v2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.MethodFailedException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmSecurity;
import io.hyperv4j.vm.VmSecuritySettings;
import io.hyperv4j.vm.VmSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: Msvm_SecurityService and Msvm_SecuritySettingData as a Windows client enables a vTPM
 * (SetKeyProtector with the settings as an embedded instance, then ModifySecuritySettings with
 * TpmEnabled and EncryptStateAndVmMigrationTraffic), reading back every effect.
 */
class SecurityServiceTest {
    private static final byte[] PROTECTOR = {1, 2, 3, (byte) 0xff};
    private static final byte[] NEWER = {9, 8, 7};
    private static final VmSecuritySettings NONE = new VmSecuritySettings(false, false, false, false, false, false);

    @TempDir
    Path dir;

    @Test
    void aNewVmHasEveryFlagOffAndItsSettingsBelongToItsConfiguration() {
        Lab lab = Lab.standalone();
        VirtualMachine vm = lab.connect(Lab.DEFAULT_HOST).vms().create(VmSpec.builder("fresh").build());
        assertEquals(NONE, vm.security().settings(), "the page's defaults for a new VM");
        try (CimSession s = lab.session(Lab.DEFAULT_HOST)) {
            List<CimInstance> parts = s.query(V2.NAMESPACE, "SELECT * FROM Msvm_SecuritySettingData WHERE InstanceID LIKE 'Microsoft:" + vm.id() + "%'");
            assertEquals(1, parts.size());
            assertEquals(s.query(V2.NAMESPACE, "SELECT * FROM Msvm_VirtualSystemSettingData").size(),
                    s.query(V2.NAMESPACE, "SELECT * FROM Msvm_SecuritySettingData").size(), "one per VM");
            assertTrue(parts.get(0).getString("InstanceID").startsWith("Microsoft:" + vm.id()), "found with InstanceID LIKE 'Microsoft:<VM>%'");
            assertEquals(1, s.query(V2.NAMESPACE, "SELECT * FROM Msvm_SecurityService").size());
        }
    }

    @Test
    void aTpmNeedsAKeyProtectorAnOffVmAndGenerationTwo() {
        Lab lab = Lab.standalone();
        HyperVHost host = lab.connect(Lab.DEFAULT_HOST);
        VirtualMachine vm = host.vms().create(VmSpec.builder("tpm").generation(2).build());
        VmSecurity sec = vm.security();
        MethodFailedException noKey = assertThrows(MethodFailedException.class, () -> sec.modify(NONE.withTpm(true)));
        assertEquals(6, noKey.returnCode().getAsLong(), "Incompatible Parameters: no key protector yet");
        assertEquals(NONE, sec.settings(), "unchanged");

        sec.setKeyProtector(PROTECTOR);
        assertArrayEquals(PROTECTOR, sec.keyProtector());
        sec.modify(NONE.withTpm(true).withEncryptedStateAndMigrationTraffic(true));
        assertEquals(NONE.withTpm(true).withEncryptedStateAndMigrationTraffic(true), sec.settings());

        vm.start().await();
        MethodFailedException running = assertThrows(MethodFailedException.class, () -> sec.modify(NONE));
        assertEquals(5, running.returnCode().getAsLong(), "Invalid State: the TPM goes only while the VM is off");
        assertTrue(sec.settings().tpmEnabled(), "unchanged");
        sec.modify(sec.settings().withEncryptedStateAndMigrationTraffic(false));
        assertEquals(false, sec.settings().encryptStateAndMigrationTraffic(), "other flags change while it runs");

        VirtualMachine gen1 = host.vms().create(VmSpec.builder("old").generation(1).build());
        gen1.security().setKeyProtector(PROTECTOR);
        assertEquals(6, assertThrows(MethodFailedException.class, () -> gen1.security().modify(NONE.withTpm(true))).returnCode().getAsLong(),
                "generation 1 has no TPM");
    }

    @Test
    void setKeyProtectorKeepsTheLastKnownGoodOneAndTheLabFileKeepsBoth() {
        Lab lab = Lab.standalone();
        VirtualMachine vm = lab.connect(Lab.DEFAULT_HOST).vms().create(VmSpec.builder("keys").build());
        VmSecurity sec = vm.security();
        assertArrayEquals(new byte[0], sec.keyProtector(), "none set");
        assertEquals(32775, assertThrows(MethodFailedException.class, sec::restoreLastKnownGoodKeyProtector).returnCode().getAsLong(),
                "nothing to restore");
        sec.setKeyProtector(PROTECTOR);
        sec.setKeyProtector(NEWER);
        assertArrayEquals(NEWER, sec.keyProtector());

        Path file = dir.resolve("lab.json");
        lab.save(file);
        VmSecurity again = Lab.load(file).connect(Lab.DEFAULT_HOST).vms().findById(vm.id()).orElseThrow().security();
        assertArrayEquals(NEWER, again.keyProtector(), "saved with the lab");
        again.restoreLastKnownGoodKeyProtector();
        assertArrayEquals(PROTECTOR, again.keyProtector(), "back to the one before");
    }

    @Test
    void rawCallsWithBadInputAreRefusedAndChangeNothing() {
        Lab lab = Lab.standalone();
        VirtualMachine vm = lab.connect(Lab.DEFAULT_HOST).vms().create(VmSpec.builder("raw").build());
        try (CimSession s = lab.session(Lab.DEFAULT_HOST)) {
            ObjectPath svc = s.query(V2.NAMESPACE, "SELECT * FROM Msvm_SecurityService").get(0).path();
            CimInstance settings = s.query(V2.NAMESPACE, "SELECT * FROM Msvm_SecuritySettingData WHERE InstanceID LIKE 'Microsoft:" + vm.id() + "%'").get(0);
            CimValue key = CimValue.array(CimType.UINT8, List.of(1L, 2L));
            io.hyperv4j.cim.CimException notXml = assertThrows(io.hyperv4j.cim.CimException.class,
                    () -> s.invoke(svc, "SetKeyProtector", Map.of("SecuritySettingData", CimValue.string("not xml"), "KeyProtector", key)));
            assertEquals(io.hyperv4j.cim.CimError.INVALID_OBJECT, notXml.error(), "not an embedded instance: " + notXml.getMessage());
            CimInstance other = settings.toBuilder().put("InstanceID", CimValue.string("Microsoft:00000000-0000-0000-0000-000000000000\\x")).build();
            assertEquals(32773, s.invoke(svc, "SetKeyProtector", Map.of("SecuritySettingData", CimValue.string(other.toString()), "KeyProtector", key)).returnValue(),
                    "settings of no VM");
            assertEquals(32773, s.invoke(svc, "SetKeyProtector", Map.of("SecuritySettingData", CimValue.string(settings.toString()),
                    "KeyProtector", CimValue.array(CimType.UINT8, List.of()))).returnValue(), "an empty key protector");
            assertEquals(4, s.invoke(svc, "ModifySecuritySettings", Map.of("SecuritySettingData", CimValue.string(other.toString()))).returnValue());
            assertEquals(0, s.invoke(svc, "SetSecurityPolicy", Map.of("SecuritySettingData", CimValue.string(settings.toString()),
                    "SecurityPolicy", CimValue.array(CimType.UINT8, List.of(5L)))).returnValue());
        }
        assertArrayEquals(new byte[0], vm.security().keyProtector(), "no refused call set a protector");
    }
}
