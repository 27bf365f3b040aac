package io.hyperv4j.sim.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.cim.CimDateTime;
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

class JobsTest {
    private final V2Fixture f = new V2Fixture();

    @AfterEach
    void close() {
        f.close();
    }

    /** A running VM with 32 GB: saving it takes about a minute at 500 MB/s. */
    private ObjectPath bigRunningVm() {
        ObjectPath vm = f.defined("big", V2Fixture.memory(32768));
        f.requestState(vm, 2);
        f.settle();
        return vm;
    }

    private int jobState(ObjectPath job) {
        return (int) f.session.get(job).getLong("JobState");
    }

    @Test
    void percentCompleteAdvancesWithTheClockAndTheJobCompletes() {
        ObjectPath vm = bigRunningVm();
        MethodResult r = f.requestState(vm, 6);
        ObjectPath job = r.job();
        CimInstance j0 = f.session.get(job);
        assertEquals(4, j0.getLong("JobState"));
        assertEquals(0, j0.getLong("PercentComplete"));
        assertEquals("00000000000500.000000:000", j0.get("TimeBeforeRemoval").asDateTime().toString());
        assertEquals(14, j0.getLong("JobType"));
        assertTrue(j0.get("Cancellable").asBoolean());

        // half of the save at the storage model's rate (32 GB at 1,018 MiB/s: about 33 s, plus the state overhead)
        Duration half = io.hyperv4j.substrate.StorageModel.CALIBRATED.save(32768L << 20).dividedBy(2).withNanos(0);
        f.lab.clock().advance(half);
        CimInstance j1 = f.session.get(job);
        long pct = j1.getLong("PercentComplete");
        assertTrue(pct >= 35 && pct <= 65, "about half way: " + pct);
        assertEquals(4, j1.getLong("JobState"));
        assertEquals(half, j1.get("ElapsedTime").asDateTime().toDuration());
        assertEquals(32773, f.state(vm));

        f.settle();
        CimInstance j2 = f.session.get(job);
        assertEquals(7, j2.getLong("JobState"));
        assertEquals(100, j2.getLong("PercentComplete"));
        assertEquals(6, f.state(vm));
        Duration total = j2.get("ElapsedTime").asDateTime().toDuration();
        f.lab.clock().advance(Duration.ofMinutes(1));
        assertEquals(total, f.session.get(job).get("ElapsedTime").asDateTime().toDuration(), "frozen once finished");
    }

    @Test
    void aFinishedJobDisappearsFiveMinutesAfterItEnds() {
        ObjectPath vm = f.defined("short");
        MethodResult r = f.requestState(vm, 2);
        f.lab.clock().advance(Duration.ofSeconds(30)); // start is done within seconds
        assertEquals(7, jobState(r.job()));
        f.lab.clock().advance(Duration.ofMinutes(4));
        assertEquals(7, jobState(r.job()), "still there before five minutes pass");
        f.lab.clock().advance(Duration.ofMinutes(1));
        CimException e = assertThrows(CimException.class, () -> f.session.get(r.job()));
        assertEquals(CimError.NOT_FOUND, e.error());
    }

    @Test
    void terminatingACancellableJobRollsTheVmBack() {
        ObjectPath vm = f.defined("rollback");
        MethodResult r = f.requestState(vm, 2);
        assertEquals(32770, f.state(vm));
        MethodResult c = f.session.invoke(r.job(), "RequestStateChange", Map.of("RequestedState", CimValue.uint16(4)));
        assertEquals(0, c.returnValue());
        CimInstance job = f.session.get(r.job());
        assertEquals(8, job.getLong("JobState"));
        assertFalse(job.getString("ErrorDescription").isEmpty());
        assertEquals(3, f.state(vm));
        f.settle();
        assertEquals(3, f.state(vm), "a terminated start never completes");
        assertEquals(4096, f.requestState(vm, 2).returnValue(), "the VM is free again");
    }

    @Test
    void killGivesJobState9() {
        ObjectPath vm = bigRunningVm();
        MethodResult r = f.requestState(vm, 6);
        assertEquals(0, f.session.invoke(r.job(), "RequestStateChange", Map.of("RequestedState", CimValue.uint16(5))).returnValue());
        assertEquals(9, jobState(r.job()));
        assertEquals(2, f.state(vm), "a cancelled save leaves the VM running");
    }

    @Test
    void refusedJobStateChanges() {
        ObjectPath vm = f.defined("refuse");
        f.requestState(vm, 2);
        f.settle();
        MethodResult pause = f.requestState(vm, 9);
        Map<String, CimValue> terminate = Map.of("RequestedState", CimValue.uint16(4));
        assertEquals(4097, f.session.invoke(pause.job(), "RequestStateChange", terminate).returnValue(), "not cancellable");
        assertEquals(1, f.session.invoke(pause.job(), "RequestStateChange", Map.of("RequestedState", CimValue.uint16(3))).returnValue());
        assertEquals(4098, f.session.invoke(pause.job(), "RequestStateChange", Map.of("RequestedState", CimValue.uint16(4),
                "TimeoutPeriod", CimValue.datetime(CimDateTime.interval(Duration.ofSeconds(5))))).returnValue());
        f.settle();
        assertEquals(7, jobState(pause.job()));
        assertEquals(4097, f.session.invoke(pause.job(), "RequestStateChange", terminate).returnValue(), "already finished");
        assertEquals(9, f.state(vm));
    }

    @Test
    void powerCycledHostKillsRunningJobsAndTurnsVmsOff() {
        ObjectPath vm = bigRunningVm();
        MethodResult r = f.requestState(vm, 6);
        f.lab.powerCycleHost(V2Fixture.HOST);
        CimInstance job = f.session.get(r.job());
        assertEquals(9, job.getLong("JobState"));
        assertEquals(32768, job.getLong("ErrorCode"));
        assertEquals(3, f.state(vm));
        f.settle();
        assertEquals(3, f.state(vm));
    }

    /** A saved (or imported saved) VM lands on its host taking no memory; restoring it is where the room is checked. */
    @Test
    void restoringASavedVmTheHostHasNoRoomForFailsWithOutOfMemoryAndLeavesItSaved() {
        ObjectPath a = f.defined("a", V2Fixture.memory(40960));
        ObjectPath b = f.defined("b", V2Fixture.memory(30720));
        f.requestState(a, 2);
        f.settle();
        f.requestState(a, 6);
        f.settle();
        assertEquals(6, f.state(a));
        f.requestState(b, 2); // fits now that a holds no memory
        f.settle();
        assertEquals(2, f.state(b));
        MethodResult r = f.requestState(a, 2);
        f.settle();
        CimInstance job = f.session.get(r.job());
        assertEquals(32778, job.getLong("ErrorCode"));
        assertTrue(job.getString("ErrorDescription").contains("40960 MB needed"), job.getString("ErrorDescription"));
        assertEquals(6, f.state(a), "still saved");
        assertEquals(2, f.state(b));
    }

    @Test
    void startingMoreMemoryThanTheHostHasFailsTheJobWithOutOfMemory() {
        ObjectPath a = f.defined("a", V2Fixture.memory(40960));
        ObjectPath b = f.defined("b", V2Fixture.memory(30720)); // 40 + 30 GB > 64 GB - 2 GB for the host
        f.requestState(a, 2);
        f.settle();
        MethodResult r = f.requestState(b, 2);
        assertEquals(4096, r.returnValue());
        f.settle();
        CimInstance job = f.session.get(r.job());
        assertEquals(10, job.getLong("JobState"));
        assertEquals(32778, job.getLong("ErrorCode"));
        assertTrue(job.getString("ErrorDescription").contains("Not enough memory"), job.getString("ErrorDescription"));
        assertEquals(3, f.state(b));
        assertEquals(2, f.state(a));

        MethodResult err = f.session.invoke(r.job(), "GetErrorEx", Map.of());
        assertEquals(0, err.returnValue());
        CimInstance e = (CimInstance) err.get("Errors").asList().get(0);
        assertEquals(job.getString("ErrorDescription"), e.getString("Message"));
        MethodResult one = f.session.invoke(r.job(), "GetError", Map.of());
        assertEquals(job.getString("ErrorDescription"), one.get("Error").asInstance().getString("Message"));

        MethodResult ok = f.session.invoke(f.session.query(io.hyperv4j.sim.v2.V2.NAMESPACE,
                "SELECT * FROM Msvm_ConcreteJob WHERE JobState = 7").get(0).path(), "GetErrorEx", Map.of());
        assertTrue(ok.get("Errors").asList().isEmpty(), "a successful job has no error");

        f.requestState(a, 3);
        f.settle();
        f.requestState(b, 2);
        f.settle();
        assertEquals(2, f.state(b), "with memory free it starts");
    }

    @Test
    void theHostOffersItsManagementService() {
        var svc = f.session.associators(V2.computerSystem(V2Fixture.HOST, V2Fixture.HOST), V2.HOSTED_SERVICE, V2.MANAGEMENT_SERVICE);
        assertEquals(1, svc.size());
        assertEquals(f.service().relative(), svc.get(0).path().relative());
    }

    @Test
    void aPoweredOffHostDoesNotAnswerUntilItIsBackOn() {
        ObjectPath vm = bigRunningVm();
        f.lab.powerOffHost(V2Fixture.HOST);
        io.hyperv4j.cim.CimException e = assertThrows(io.hyperv4j.cim.CimException.class, () -> f.session.get(vm));
        assertEquals(CimError.TRANSPORT_FAILURE, e.error());
        assertTrue(e.getMessage().contains(V2Fixture.HOST));
        assertThrows(io.hyperv4j.cim.CimException.class, () -> f.requestState(vm, 2));
        assertThrows(io.hyperv4j.cim.CimException.class, () -> f.session.query(V2.NAMESPACE, "SELECT * FROM Msvm_ComputerSystem"));
        f.lab.powerOnHost(V2Fixture.HOST);
        assertEquals(3, f.state(vm), "back on, with its VMs off");
        assertEquals(4096, f.requestState(vm, 2).returnValue());
    }
}
