package io.hyperv4j.sim.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VmLifecycleTest {
    private final V2Fixture f = new V2Fixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void defineSystemCreatesAnOffVmWithItsSettingsAndAJob() {
        MethodResult r = f.define("web01", V2Fixture.processors(4), V2Fixture.memory(4096));
        assertEquals(4096, r.returnValue());
        ObjectPath vm = r.get("ResultingSystem").asPath();
        CimInstance cs = f.session.get(vm);
        assertEquals("Virtual Machine", cs.getString("Caption"));
        assertEquals("web01", cs.getString("ElementName"));
        assertEquals(3, cs.getLong("EnabledState"));
        String guid = cs.getString("Name");
        assertTrue(guid.matches("[0-9A-F-]{36}"), guid);

        CimInstance vssd = f.session.get(V2.settings(V2Fixture.HOST, guid));
        assertEquals("web01", vssd.getString("ElementName"));
        assertEquals("Microsoft:Hyper-V:SubType:2", vssd.getString("VirtualSystemSubType"));
        assertEquals(4, f.session.get(V2.processor(V2Fixture.HOST, guid)).getLong("VirtualQuantity"));
        assertEquals(4096, f.session.get(V2.memory(V2Fixture.HOST, guid)).getLong("VirtualQuantity"));

        CimInstance job = f.job(r);
        assertEquals(4, job.getLong("JobState"));
        f.settle();
        job = f.job(r);
        assertEquals(7, job.getLong("JobState"));
        assertEquals(100, job.getLong("PercentComplete"));
        assertEquals(0, job.getLong("ErrorCode"));
    }

    @Test
    void theHostIsAComputerSystemToo() {
        CimInstance host = f.session.get(V2.computerSystem(V2Fixture.HOST, V2Fixture.HOST));
        assertEquals("Hosting Computer System", host.getString("Caption"));
        assertEquals(V2Fixture.HOST, host.getString("Name"));
    }

    @Test
    void startGoesThroughStartingToRunning() {
        ObjectPath vm = f.defined("app");
        MethodResult r = f.requestState(vm, 2);
        assertEquals(4096, r.returnValue());
        assertNotNull(r.job());
        assertEquals(32770, f.state(vm));
        assertEquals(2, f.session.get(vm).getLong("RequestedState"));
        assertEquals(12, f.job(r).getLong("JobType"));
        f.settle();
        assertEquals(2, f.state(vm));
        assertEquals(7, f.job(r).getLong("JobState"));
        assertTrue(f.session.get(vm).getLong("OnTimeInMilliseconds") > 0);
    }

    @Test
    void fullCycleRunPauseResumeSaveRestoreTurnOff() {
        ObjectPath vm = f.defined("cycle", V2Fixture.memory(8192));
        int[][] steps = {{2, 32770, 2}, {9, 32776, 9}, {2, 32777, 2}, {32776, 32776, 9}, {32777, 32777, 2},
                {6, 32773, 6}, {2, 32770, 2}, {32773, 32773, 6}, {3, 32774, 3}, {2, 32770, 2}, {11, 32770, 2}, {3, 32774, 3}};
        for (int[] s : steps) {
            MethodResult r = f.requestState(vm, s[0]);
            assertEquals(4096, r.returnValue(), "request " + s[0]);
            assertEquals(s[1], f.state(vm), "transitional state for " + s[0]);
            f.settle();
            assertEquals(s[2], f.state(vm), "final state for " + s[0]);
        }
    }

    @Test
    void invalidTransitionsReturn32775AndChangeNothing() {
        ObjectPath vm = f.defined("idle");
        CimInstance before = f.session.get(vm);
        for (int req : new int[] {3, 6, 9, 32777, 10, 11, 4}) {
            assertEquals(32775, f.requestState(vm, req).returnValue(), "request " + req + " on an off VM");
            assertEquals(before, f.session.get(vm));
        }
        f.requestState(vm, 2);
        f.settle();
        assertEquals(32775, f.requestState(vm, 2).returnValue(), "start a running VM");
    }

    @Test
    void aSecondRequestWhileOneIsInFlightReturns32774() {
        ObjectPath vm = f.defined("busy");
        assertEquals(4096, f.requestState(vm, 2).returnValue());
        CimInstance during = f.session.get(vm);
        assertEquals(32774, f.requestState(vm, 3).returnValue());
        assertEquals(32774, f.requestState(vm, 2).returnValue());
        assertEquals(during, f.session.get(vm));
        f.settle();
        assertEquals(2, f.state(vm));
    }

    @Test
    void saveTakesLongerForMoreMemory() {
        ObjectPath small = f.defined("small", V2Fixture.memory(1024));
        ObjectPath big = f.defined("big", V2Fixture.memory(32768));
        f.requestState(small, 2);
        f.requestState(big, 2);
        f.settle();
        MethodResult s = f.requestState(small, 6);
        MethodResult b = f.requestState(big, 6);
        f.settle();
        Duration ds = f.job(s).get("ElapsedTime").asDateTime().toDuration();
        Duration db = f.job(b).get("ElapsedTime").asDateTime().toDuration();
        assertTrue(db.compareTo(ds.multipliedBy(5)) > 0, ds + " vs " + db);
    }

    @Test
    void guestShutdownThroughTheShutdownComponent() {
        ObjectPath vm = f.defined("guest");
        String id = (String) vm.key("Name");
        ObjectPath sc = V2.shutdownComponent(V2Fixture.HOST, id);
        assertThrows(CimException.class, () -> f.session.get(sc), "no shutdown component while off");
        f.requestState(vm, 2);
        f.settle();
        MethodResult r = f.session.invoke(sc, "InitiateShutdown",
                Map.of("Force", CimValue.bool(false), "Reason", CimValue.string("maintenance")));
        assertEquals(0, r.returnValue());
        assertEquals(32774, f.state(vm));
        io.hyperv4j.sim.SimJob job = f.lab.host(V2Fixture.HOST).jobs().stream().reduce((a, b) -> b).orElseThrow();
        assertEquals(16, f.session.get(V2.job(V2Fixture.HOST, job.id())).getLong("JobType"));
        f.settle();
        assertEquals(3, f.state(vm));
    }

    @Test
    void destroySystemRefusesARunningVmAndRemovesAnOffOne() {
        ObjectPath vm = f.defined("doomed");
        f.requestState(vm, 2);
        f.settle();
        Map<String, CimValue> in = Map.of("AffectedSystem", CimValue.ref(vm));
        assertEquals(5, f.session.invoke(f.service(), "DestroySystem", in).returnValue());
        assertEquals(2, f.state(vm));
        f.requestState(vm, 3);
        f.settle();
        MethodResult r = f.session.invoke(f.service(), "DestroySystem", in);
        assertEquals(4096, r.returnValue());
        f.settle();
        CimException e = assertThrows(CimException.class, () -> f.session.get(vm));
        assertEquals(CimError.NOT_FOUND, e.error());
        assertEquals(0, f.lab.vmCount());
    }

    @Test
    void modifyResourceSettingsChangesProcessorsOnlyWhileOff() {
        ObjectPath vm = f.defined("tune");
        String id = (String) vm.key("Name");
        CimInstance proc = f.session.get(V2.processor(V2Fixture.HOST, id)).toBuilder()
                .put("VirtualQuantity", CimValue.uint64(8)).build();
        Map<String, CimValue> in = Map.of("ResourceSettings", CimValue.array(io.hyperv4j.cim.CimType.OBJECT, java.util.List.of(proc)));
        MethodResult ok = f.session.invoke(f.service(), "ModifyResourceSettings", in);
        assertEquals(0, ok.returnValue());
        assertEquals(8, f.session.get(V2.processor(V2Fixture.HOST, id)).getLong("VirtualQuantity"));

        f.requestState(vm, 2);
        f.settle();
        CimInstance more = proc.toBuilder().put("VirtualQuantity", CimValue.uint64(12)).build();
        Map<String, CimValue> in2 = Map.of("ResourceSettings", CimValue.array(io.hyperv4j.cim.CimType.OBJECT, java.util.List.of(more)));
        assertEquals(5, f.session.invoke(f.service(), "ModifyResourceSettings", in2).returnValue());
        assertEquals(8, f.session.get(V2.processor(V2Fixture.HOST, id)).getLong("VirtualQuantity"));

        CimInstance tooMany = proc.toBuilder().put("VirtualQuantity", CimValue.uint64(64)).build();
        f.requestState(vm, 3);
        f.settle();
        Map<String, CimValue> in3 = Map.of("ResourceSettings", CimValue.array(io.hyperv4j.cim.CimType.OBJECT, java.util.List.of(tooMany)));
        // Refused with the reason, as Hyper-V reports one: 4096 and a job that already failed (32773) saying why.
        MethodResult refused = f.session.invoke(f.service(), "ModifyResourceSettings", in3);
        assertEquals(4096, refused.returnValue(), "more than the host's 16 LPs");
        CimInstance job = f.job(refused);
        assertEquals(10, job.getLong("JobState"));
        assertEquals(32773, job.getLong("ErrorCode"));
        assertTrue(job.getString("ErrorDescription").contains("16 logical processors") && job.getString("ErrorDescription").contains("not 64"),
                job.getString("ErrorDescription"));
        assertEquals(8, f.session.get(V2.processor(V2Fixture.HOST, id)).getLong("VirtualQuantity"), "nothing changed");
    }

    @Test
    void modifySystemSettingsRenames() {
        ObjectPath vm = f.defined("old");
        String id = (String) vm.key("Name");
        CimInstance vssd = f.session.get(V2.settings(V2Fixture.HOST, id)).toBuilder()
                .put("ElementName", CimValue.string("new")).build();
        assertEquals(0, f.session.invoke(f.service(), "ModifySystemSettings",
                Map.of("SystemSettings", CimValue.object(vssd))).returnValue());
        assertEquals("new", f.session.get(vm).getString("ElementName"));
    }

    @Test
    void getSummaryInformationReportsRequestedFields() {
        ObjectPath vm = f.defined("sum", V2Fixture.processors(2), V2Fixture.memory(2048));
        String id = (String) vm.key("Name");
        f.requestState(vm, 2);
        f.settle();
        MethodResult r = f.session.invoke(f.service(), "GetSummaryInformation", Map.of(
                "SettingData", CimValue.array(io.hyperv4j.cim.CimType.REFERENCE, java.util.List.of(V2.settings(V2Fixture.HOST, id))),
                "RequestedInformation", CimValue.array(io.hyperv4j.cim.CimType.UINT32, java.util.List.of(1L, 4L, 100L, 103L, 105L))));
        assertEquals(0, r.returnValue());
        CimInstance s = (CimInstance) r.get("SummaryInformation").asList().get(0);
        assertEquals(id, s.getString("Name"));
        assertEquals("sum", s.getString("ElementName"));
        assertEquals(2, s.getLong("NumberOfProcessors"));
        assertEquals(2, s.getLong("EnabledState"));
        assertEquals(2048, s.getLong("MemoryUsage"));
        assertTrue(s.getLong("UpTime") > 0);
    }

    @Test
    void badCallsFailWithWbemErrorsAndChangeNothing() {
        ObjectPath vm = f.defined("strict");
        CimException e1 = assertThrows(CimException.class, () -> f.session.invoke(vm, "Frobnicate", Map.of()));
        assertEquals(CimError.INVALID_METHOD, e1.error());
        CimException e2 = assertThrows(CimException.class,
                () -> f.session.invoke(vm, "RequestStateChange", Map.of("Requested", CimValue.uint16(2))));
        assertEquals(CimError.INVALID_METHOD_PARAMETERS, e2.error());
        CimException e3 = assertThrows(CimException.class,
                () -> f.session.invoke(vm, "RequestStateChange", Map.of("RequestedState", CimValue.string("two"))));
        assertEquals(CimError.TYPE_MISMATCH, e3.error());
        assertEquals(3, f.state(vm));
        CimException e4 = assertThrows(CimException.class, () -> f.session.get(
                ObjectPath.of("root\\virtualization\\v2", "Msvm_NoSuchClass", Map.of("Name", "x"))));
        assertEquals(CimError.INVALID_CLASS, e4.error());
        assertTrue(e4.getMessage().contains("Msvm_NoSuchClass"));
        CimException e5 = assertThrows(CimException.class, () -> f.session.get(
                ObjectPath.of("root\\nowhere", "Msvm_ComputerSystem", Map.of("Name", "x"))));
        assertEquals(CimError.INVALID_NAMESPACE, e5.error());
        assertTrue(e5.getMessage().contains("root\\nowhere"));
        CimException e6 = assertThrows(CimException.class, () -> f.session.get(V2.computerSystem(V2Fixture.HOST, "NOPE")));
        assertEquals(CimError.NOT_FOUND, e6.error());
    }

    @Test
    void summaryForAllVmsAndForOneThatIsGone() {
        f.defined("one");
        f.defined("two");
        MethodResult all = f.session.invoke(f.service(), "GetSummaryInformation", Map.of(
                "RequestedInformation", CimValue.array(io.hyperv4j.cim.CimType.UINT32, java.util.List.of(1L))));
        assertEquals(java.util.Set.of("one", "two"), java.util.Set.copyOf(all.get("SummaryInformation").asList().stream()
                .map(o -> ((CimInstance) o).getString("ElementName")).toList()));
        MethodResult missing = f.session.invoke(f.service(), "GetSummaryInformation", Map.of(
                "SettingData", CimValue.array(io.hyperv4j.cim.CimType.REFERENCE,
                        java.util.List.of(V2.settings(V2Fixture.HOST, "00000000-0000-0000-0000-000000000000"))),
                "RequestedInformation", CimValue.array(io.hyperv4j.cim.CimType.UINT32, java.util.List.of(1L))));
        assertEquals(0, missing.returnValue());
        assertEquals("", ((CimInstance) missing.get("SummaryInformation").asList().get(0)).getString("Name"));
    }

    @Test
    void theGenerationOfAVmCannotChange() {
        ObjectPath vm = f.defined("gen2");
        CimInstance vssd = f.session.get(V2.settings(V2Fixture.HOST, (String) vm.key("Name"))).toBuilder()
                .put("VirtualSystemSubType", CimValue.string("Microsoft:Hyper-V:SubType:1"))
                .put("ElementName", CimValue.string("renamed")).build();
        assertEquals(4, f.session.invoke(f.service(), "ModifySystemSettings",
                Map.of("SystemSettings", CimValue.object(vssd))).returnValue());
        assertEquals("gen2", f.session.get(vm).getString("ElementName"), "nothing changed");
    }
}
