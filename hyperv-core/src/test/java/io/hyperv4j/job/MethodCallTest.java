package io.hyperv4j.job;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.InvalidStateException;
import io.hyperv4j.MethodFailedException;
import io.hyperv4j.NotFoundException;
import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MethodCallTest {
    final ScriptedSession session = new ScriptedSession();
    final ObjectPath vm = ObjectPath.of("root\\virtualization\\v2", "Msvm_ComputerSystem", Map.of("Name", "X"));
    final AtomicInteger stateReads = new AtomicInteger();

    MethodCall call() {
        return MethodCall.on(session, vm, "RequestStateChange", ReturnCodes.Family.MSVM)
                .with("RequestedState", CimValue.uint16(9))
                .attempting("pause VM 'a' (X)")
                .currentState(() -> {
                    stateReads.incrementAndGet();
                    return io.hyperv4j.vm.VmState.OFF;
                });
    }

    @Test
    void zeroIsDoneAtOnce() {
        Operation<String> op = call().invoke(r -> "paused");
        assertInstanceOf(CompletedOperation.class, op);
        assertEquals(100, op.progress());
        assertEquals("paused", op.await());
        assertFalse(op.cancel());
        assertEquals(0, stateReads.get(), "the state is only read for a refusal");
        assertTrue(session.invoked.get(0).contains("RequestedState=9"), session.invoked.toString());
    }

    @Test
    void jobStartedIsTrackedUntilTheJobEnds() {
        ObjectPath job = ObjectPath.of(null, "Msvm_ConcreteJob", Map.of("InstanceID", "J9"));
        ObjectPath stored = ObjectPath.of("root\\virtualization\\v2", "Msvm_ConcreteJob", Map.of("InstanceID", "J9"));
        session.put(CimInstance.builder("Msvm_ConcreteJob").path(stored).put("JobState", CimValue.uint16(4)).build());
        session.methods = (p, m) -> new MethodResult(4096, Map.of("Job", CimValue.ref(job)));
        Operation<String> op = call().invoke(r -> "paused");
        assertInstanceOf(JobOperation.class, op, "a namespace-less Job reference is read in the target's namespace");
        session.script.add(() -> session.modify(CimInstance.builder("Msvm_ConcreteJob").path(stored)
                .put("JobState", CimValue.uint16(7)).put("ErrorCode", CimValue.uint16(0)).build(), true));
        assertEquals("paused", op.await());
    }

    @Test
    void invalidStateIsTypedAndCarriesTheStateReadAtRefusal() {
        session.methods = (p, m) -> new MethodResult(32775, Map.of());
        InvalidStateException e = assertThrows(InvalidStateException.class, () -> call().invoke(r -> "paused"));
        assertEquals(java.util.Optional.of(io.hyperv4j.vm.VmState.OFF), e.currentState());
        assertEquals(1, stateReads.get(), "read once, at the refusal");
        assertTrue(e.getMessage().contains("pause VM 'a' (X)") && e.getMessage().contains("32775"), e.getMessage());
    }

    @Test
    void aMissingTargetIsNotFoundAndAJobWithoutReferenceIsReported() {
        session.methods = (p, m) -> { throw new CimException(CimError.NOT_FOUND, "no such VM"); };
        NotFoundException nf = assertThrows(NotFoundException.class, () -> call().invoke(r -> "x"));
        assertTrue(nf.getMessage().contains("pause VM 'a' (X)"), nf.getMessage());
        session.methods = (p, m) -> new MethodResult(4096, Map.of());
        MethodFailedException e = assertThrows(MethodFailedException.class, () -> call().invoke(r -> "x"));
        assertTrue(e.getMessage().contains("no Job reference"), e.getMessage());
    }

    @Test
    void accessDeniedByWmiIsTypedAndKeepsTheWbemErrorAsCause() {
        CimException denied = new CimException(CimError.ACCESS_DENIED, "not a member of Hyper-V Administrators");
        session.methods = (p, m) -> { throw denied; };
        io.hyperv4j.AccessDeniedException e = assertThrows(io.hyperv4j.AccessDeniedException.class,
                () -> call().invoke(r -> "x"));
        assertTrue(e.getMessage().startsWith("Cannot pause VM 'a' (X): access denied"), e.getMessage());
        assertSame(denied, e.getCause(), "the WBEM error stays reachable");
        assertTrue(e.returnCode().isEmpty(), "no ReturnValue: the call itself was refused");
    }
}
