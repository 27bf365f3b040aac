package io.hyperv4j.job;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.HyperVTimeoutException;
import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConditionOperationTest {
    static final String NS = "root\\virtualization\\v2";
    final ScriptedSession session = new ScriptedSession();
    final ObjectPath vmPath = ObjectPath.of(NS, "Msvm_ComputerSystem", Map.of("Name", "VM-1"));
    final String query = "SELECT * FROM __InstanceModificationEvent WITHIN 1 WHERE TargetInstance ISA"
            + " 'Msvm_ComputerSystem' AND TargetInstance.Name = 'VM-1'";

    CimInstance vm(int enabledState) {
        return CimInstance.builder("Msvm_ComputerSystem").path(vmPath)
                .put("Name", CimValue.string("VM-1"))
                .put("EnabledState", CimValue.uint16(enabledState))
                .build();
    }

    ConditionOperation<Long> untilOff() {
        return ConditionOperation.track(session, vmPath, query, "shut down VM-1", Duration.ofMinutes(1),
                cs -> cs.get("EnabledState").asLong() == 3,
                cs -> {
                    if (cs == null) throw new IllegalStateException("VM-1 disappeared");
                    return cs.get("EnabledState").asLong();
                });
    }

    @Test
    void completesOnTheEventThatMeetsTheConditionAndClosesItsSubscription() {
        session.put(vm(2));
        ConditionOperation<Long> op = untilOff();
        assertEquals(OperationState.RUNNING, op.state());
        assertEquals(1, session.subscriptionCount());
        session.script.add(() -> session.modify(vm(4), true));
        session.script.add(() -> session.modify(vm(3), true));
        session.script.add(() -> fail("waited beyond the condition"));
        assertEquals(3L, op.await());
        assertEquals(OperationState.SUCCEEDED, op.state());
        assertEquals(100, op.progress());
        assertEquals(0, session.subscriptionCount());
    }

    @Test
    void conditionMetWhileSubscribingLeavesNoSubscriptionOpen() {
        session.put(vm(2));
        session.duringSubscribe = () -> session.modify(vm(3), true);
        ConditionOperation<Long> op = untilOff();
        assertEquals(3L, op.await(Duration.ofSeconds(1)));
        assertEquals(0, session.subscriptionCount(), "the subscription made before the condition held is closed");
    }

    @Test
    void instanceGoneIsAnOutcomeTheResultFunctionJudges() {
        ConditionOperation<Long> op = untilOff(); // no such VM: the first read finds nothing
        assertEquals(OperationState.FAILED, op.state(), "state agrees with what await() reports");
        IllegalStateException e = assertThrows(IllegalStateException.class, op::await);
        assertEquals("VM-1 disappeared", e.getMessage());
        assertEquals(0, session.subscriptionCount());
    }

    @Test
    void failedFirstReadClosesTheSubscriptionAndRethrows() {
        session.put(vm(2));
        session.failGets = CimError.ACCESS_DENIED;
        CimException e = assertThrows(CimException.class, this::untilOff);
        assertEquals(CimError.ACCESS_DENIED, e.error());
        assertEquals(0, session.subscriptionCount(), "no subscription outlives a track() that threw");
    }

    @Test
    void timesOutWithTheDescriptionWhenTheConditionNeverHolds() {
        session.put(vm(2));
        ConditionOperation<Long> op = untilOff();
        HyperVTimeoutException e = assertThrows(HyperVTimeoutException.class, () -> op.await(Duration.ofSeconds(2)));
        assertTrue(e.getMessage().contains("shut down VM-1"), e.getMessage());
        assertEquals(OperationState.RUNNING, op.state());
        assertFalse(op.cancel());
    }
}
