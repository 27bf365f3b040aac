package io.hyperv4j.sim.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.cim.CimDateTime;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.Lab;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: ModifySystemSettings and DefineSystem apply every writable Msvm_VirtualSystemSettingData
 * property (before: AutomaticStartupAction, the data roots, VirtualNumaEnabled, ChassisAssetTag, ...
 * returned 0 and stayed as they were), refuse values outside the documented value maps and ranges
 * with a failed job naming the problem, refuse firmware-level changes of a running VM, and change
 * nothing when they refuse.
 */
class SystemSettingsTest {

    /** A new value for every writable property of a generation 2 VM (each differs from New-VM's). */
    private static Map<String, CimValue> gen2Changes() {
        Map<String, CimValue> m = new LinkedHashMap<>();
        m.put("AutomaticStartupAction", CimValue.uint16(4));
        m.put("AutomaticStartupActionDelay", CimValue.datetime(CimDateTime.interval(Duration.ofSeconds(90))));
        m.put("AutomaticStartupActionSequenceNumber", CimValue.uint16(7));
        m.put("AutomaticShutdownAction", CimValue.uint16(4));
        m.put("AutomaticCriticalErrorAction", CimValue.uint16(0));
        m.put("AutomaticCriticalErrorActionTimeout", CimValue.datetime(CimDateTime.interval(Duration.ofMinutes(5))));
        m.put("AutomaticSnapshotsEnabled", CimValue.bool(true));
        m.put("IncrementalBackupEnabled", CimValue.bool(true));
        m.put("LockOnDisconnect", CimValue.bool(true));
        m.put("EnhancedSessionTransportType", CimValue.uint16(1));
        m.put("AllowReducedFcRedundancy", CimValue.bool(true));
        m.put("NetworkBootPreferredProtocol", CimValue.uint16(4097));
        m.put("ConsoleMode", CimValue.uint16(3));
        m.put("PauseAfterBootFailure", CimValue.bool(true));
        m.put("BootSourceOrder", CimValue.strings(List.of()));
        m.put("VirtualNumaEnabled", CimValue.bool(false));
        m.put("LowMmioGapSize", CimValue.uint64(256));
        m.put("HighMmioGapSize", CimValue.uint64(4096));
        m.put("BIOSSerialNumber", CimValue.string("SN-1"));
        m.put("BaseBoardSerialNumber", CimValue.string("BB-1"));
        m.put("ChassisSerialNumber", CimValue.string("CH-1"));
        m.put("ChassisAssetTag", CimValue.string("ASSET-42"));
        m.put("BIOSNumLock", CimValue.bool(true));
        m.put("AllowFullSCSICommandSet", CimValue.bool(true));
        m.put("GuestControlledCacheTypes", CimValue.bool(true));
        m.put("DebugPortEnabled", CimValue.uint16(1));
        m.put("DebugPort", CimValue.uint32(50000));
        m.put("DebugChannelId", CimValue.uint32(3));
        m.put("SecureBootEnabled", CimValue.bool(false));
        m.put("SecureBootTemplateId", CimValue.string("272e7447-90a4-4563-a4b9-8e4ab00526ce"));
        m.put("BIOSGUID", CimValue.string("{11111111-2222-3333-4444-555555555555}"));
        m.put("SnapshotDataRoot", CimValue.string("D:\\Checkpoints"));
        m.put("SwapFileDataRoot", CimValue.string("\\\\filer\\paging\\vm1"));
        return m;
    }

    private static CimInstance current(V2Fixture f, ObjectPath vm) {
        return f.session.get(V2.settings(V2Fixture.HOST, (String) vm.key("Name")));
    }

    private static MethodResult modify(V2Fixture f, CimInstance vssd) {
        return f.session.invoke(f.service(), "ModifySystemSettings", Map.of("SystemSettings", CimValue.object(vssd)));
    }

    private static MethodResult modify(V2Fixture f, ObjectPath vm, String property, CimValue value) {
        return modify(f, current(f, vm).toBuilder().put(property, value).build());
    }

    @Test
    void everyWritablePropertyIsCoveredHere() {
        Set<String> covered = new TreeSet<>(gen2Changes().keySet());
        covered.add("BootOrder"); // generation 1, below
        assertEquals(new TreeSet<>(SystemSettings.writableNames()), covered);
    }

    @Test
    void eachWritablePropertyRoundTripsThroughModifySystemSettingsAlone() {
        try (V2Fixture f = new V2Fixture()) {
            ObjectPath vm = f.defined("vm1");
            for (var e : gen2Changes().entrySet()) {
                CimInstance before = current(f, vm);
                MethodResult r = modify(f, vm, e.getKey(), e.getValue());
                assertEquals(0, r.returnValue(), e.getKey());
                CimInstance after = current(f, vm);
                assertEquals(e.getValue(), after.get(e.getKey()), e.getKey());
                for (String other : after.properties().keySet())
                    if (!other.equals(e.getKey())) assertEquals(before.get(other), after.get(other), e.getKey() + " changed " + other);
            }
        }
    }

    /**
     * What ModifySystemSettings changed travels with an exported VM: exported, destroyed, imported and
     * realized, the VM has every changed value (before, the definition carried none of them).
     */
    @Test
    void changedSettingsTravelWithAnExportedVm(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        try (V2Fixture f = new V2Fixture()) {
            ObjectPath vm = f.defined("traveller");
            CimInstance.Builder changed = current(f, vm).toBuilder();
            gen2Changes().forEach(changed::put);
            assertEquals(0, modify(f, changed.build()).returnValue());
            String id = (String) vm.key("Name");
            f.session.invoke(f.service(), "ExportSystemDefinition", Map.of("ComputerSystem", CimValue.ref(vm),
                    "ExportDirectory", CimValue.string(dir.toString())));
            assertEquals(4096, f.session.invoke(f.service(), "DestroySystem", Map.of("AffectedSystem", CimValue.ref(vm))).returnValue());
            f.lab.clock().advance(Duration.ofSeconds(10));
            java.nio.file.Path definition = dir.resolve(SystemDefinitions.DEFINITIONS_FOLDER).resolve(id + ".vmcx");
            ObjectPath planned = f.session.invoke(f.service(), "ImportSystemDefinition", Map.of("SystemDefinitionFile",
                    CimValue.string(definition.toString()), "GenerateNewSystemIdentifier", CimValue.bool(false))).out().get("ImportedSystem").asPath();
            assertEquals(0, f.session.invoke(f.service(), "RealizePlannedSystem", Map.of("PlannedSystem", CimValue.ref(planned))).returnValue());
            CimInstance back = current(f, vm);
            for (var e : gen2Changes().entrySet()) assertEquals(e.getValue(), back.get(e.getKey()), e.getKey());
        }
    }

    @Test
    void bootOrderOfAGenerationOneVmIsAPermutationOfFourDevices() {
        try (V2Fixture f = new V2Fixture()) {
            ObjectPath vm = defineGen1(f, "legacy");
            assertEquals(0, modify(f, vm, "BootOrder", CimValue.array(CimType.UINT16, List.of(2L, 1L, 3L, 0L))).returnValue());
            assertEquals(List.of(2L, 1L, 3L, 0L), current(f, vm).get("BootOrder").asList());
            assertRefused(f, vm, "BootOrder", CimValue.array(CimType.UINT16, List.of(2L, 2L, 3L, 0L)), 32773, "4 different devices");
            assertRefused(f, vm, "BootOrder", CimValue.array(CimType.UINT16, List.of(2L, 1L, 3L, 9L)), 32773, "BootOrder 9");
            assertRefused(f, vm, "SecureBootEnabled", CimValue.bool(true), 32773, "generation 2");
        }
    }

    @Test
    void valuesOutsideTheDocumentedMapsAndRangesAreRefusedAndChangeNothing() {
        try (V2Fixture f = new V2Fixture()) {
            ObjectPath vm = f.defined("vm1");
            assertRefused(f, vm, "AutomaticStartupAction", CimValue.uint16(5), 32773, "AutomaticStartupAction 5");
            assertRefused(f, vm, "AutomaticShutdownAction", CimValue.uint16(1), 32773, "AutomaticShutdownAction 1");
            assertRefused(f, vm, "ConsoleMode", CimValue.uint16(4), 32773, "ConsoleMode 4");
            assertRefused(f, vm, "NetworkBootPreferredProtocol", CimValue.uint16(4), 32773, "NetworkBootPreferredProtocol");
            assertRefused(f, vm, "LowMmioGapSize", CimValue.uint64(64), 32773, "128 to 3584");
            assertRefused(f, vm, "LowMmioGapSize", CimValue.uint64(4000), 32773, "128 to 3584");
            assertRefused(f, vm, "BIOSGUID", CimValue.string("not-a-guid"), 32773, "not a GUID");
            assertRefused(f, vm, "SnapshotDataRoot", CimValue.string("relative\\dir"), 32773, "absolute Windows path");
            assertRefused(f, vm, "AutomaticStartupActionDelay", CimValue.datetime(CimDateTime.parse("20240101000000.000000+000")),
                    32773, "interval");
            assertRefused(f, vm, "BootOrder", CimValue.array(CimType.UINT16, List.of(0L, 1L, 2L, 3L)), 32773, "BootSourceOrder");
            assertRefused(f, vm, "BootSourceOrder", CimValue.strings(List.of("x")), 32773, "boot sources");
        }
    }

    @Test
    void oneBadValueAmongGoodOnesChangesNothing() {
        try (V2Fixture f = new V2Fixture()) {
            ObjectPath vm = f.defined("vm1");
            CimInstance before = current(f, vm);
            CimInstance sent = before.toBuilder().put("ChassisAssetTag", CimValue.string("NEW")).put("AutomaticStartupAction", CimValue.uint16(4))
                    .put("ConsoleMode", CimValue.uint16(9)).build();
            assertEquals(4096, modify(f, sent).returnValue());
            assertEquals(before, current(f, vm));
        }
    }

    @Test
    void aRunningVmTakesRuntimeSettingsAndRefusesFirmwareOnesWithInvalidState() {
        try (V2Fixture f = new V2Fixture()) {
            ObjectPath vm = f.defined("vm1");
            f.requestState(vm, 2);
            f.settle();
            assertEquals(2, f.state(vm));
            assertEquals(0, modify(f, vm, "AutomaticStartupAction", CimValue.uint16(2)).returnValue());
            assertEquals(2L, current(f, vm).getLong("AutomaticStartupAction"));
            for (var e : gen2Changes().entrySet())
                if (SystemSettings.offOnly(e.getKey())) assertRefused(f, vm, e.getKey(), e.getValue(), 32775, "only while vm1 is off");
            // sending back what was read is no change, so it is accepted while running
            assertEquals(0, modify(f, current(f, vm)).returnValue());
        }
    }

    @Test
    void defineSystemAppliesTheWritableSettingsItIsGivenAndRefusesBadOnesWithoutCreatingAVm() {
        try (V2Fixture f = new V2Fixture()) {
            CimInstance.Builder vssd = V2Fixture.vssd("made").toBuilder();
            gen2Changes().forEach(vssd::put);
            MethodResult r = f.session.invoke(f.service(), "DefineSystem", Map.of("SystemSettings", CimValue.object(vssd.build())));
            assertEquals(4096, r.returnValue());
            f.settle();
            CimInstance made = current(f, r.get("ResultingSystem").asPath());
            gen2Changes().forEach((k, v) -> assertEquals(v, made.get(k), k));

            CimInstance bad = V2Fixture.vssd("bad").toBuilder().put("AutomaticShutdownAction", CimValue.uint16(9)).build();
            MethodResult refused = f.session.invoke(f.service(), "DefineSystem", Map.of("SystemSettings", CimValue.object(bad)));
            assertEquals(4096, refused.returnValue());
            assertEquals(32773L, f.job(refused).getLong("ErrorCode"));
            assertTrue(f.session.query(V2.NAMESPACE, "SELECT * FROM Msvm_ComputerSystem WHERE ElementName = 'bad'").isEmpty());
        }
    }

    @Test
    void changedSettingsAreSavedWithTheLab(@TempDir Path dir) {
        Path file = dir.resolve("lab.json");
        String id;
        try (V2Fixture f = new V2Fixture()) {
            ObjectPath vm = f.defined("vm1");
            id = (String) vm.key("Name");
            CimInstance.Builder b = current(f, vm).toBuilder();
            gen2Changes().forEach(b::put);
            assertEquals(0, modify(f, b.build()).returnValue());
            f.lab.save(file);
        }
        try (Lab back = Lab.load(file)) {
            CimInstance vssd = back.session(V2Fixture.HOST).get(V2.settings(V2Fixture.HOST, id));
            gen2Changes().forEach((k, v) -> assertEquals(v, vssd.get(k), k));
        }
    }

    private static ObjectPath defineGen1(V2Fixture f, String name) {
        CimInstance vssd = V2Fixture.vssd(name).toBuilder().put("VirtualSystemSubType", CimValue.string("Microsoft:Hyper-V:SubType:1")).build();
        MethodResult r = f.session.invoke(f.service(), "DefineSystem", Map.of("SystemSettings", CimValue.object(vssd)));
        f.settle();
        return r.get("ResultingSystem").asPath();
    }

    private static void assertRefused(V2Fixture f, ObjectPath vm, String property, CimValue value, long msvmCode, String why) {
        CimInstance before = current(f, vm);
        MethodResult r = modify(f, vm, property, value);
        assertEquals(4096, r.returnValue(), property);
        CimInstance job = f.job(r);
        assertEquals(10L, job.getLong("JobState"), property);
        assertEquals(msvmCode, job.getLong("ErrorCode"), property);
        assertTrue(job.getString("ErrorDescription").contains(why), property + ": " + job.getString("ErrorDescription"));
        assertEquals(before, current(f, vm), property + " changed the VM though refused");
    }
}
