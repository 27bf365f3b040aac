package io.hyperv4j.job;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.HyperVTimeoutException;
import io.hyperv4j.InvalidStateException;
import io.hyperv4j.JobFailedException;
import io.hyperv4j.OperationCancelledException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JobOperationTest {
    static final String NS = "root\\virtualization\\v2";
    final ScriptedSession session = new ScriptedSession();
    final ObjectPath jobPath = ObjectPath.of(NS, "Msvm_ConcreteJob", Map.of("InstanceID", "JOB-1"));
    final AtomicInteger reads = new AtomicInteger();

    CimInstance job(int state, int percent, long errorCode, boolean cancellable) {
        return CimInstance.builder("Msvm_ConcreteJob").path(jobPath)
                .put("InstanceID", CimValue.string("JOB-1"))
                .put("JobState", CimValue.uint16(state))
                .put("PercentComplete", CimValue.uint16(percent))
                .put("ErrorCode", CimValue.uint16(errorCode))
                .put("ErrorDescription", CimValue.string(errorCode == 0 ? "" : "The VM is in the wrong state"))
                .put("ErrorSummaryDescription", CimValue.string(errorCode == 0 ? "" : "Operation failed"))
                .put("Cancellable", CimValue.bool(cancellable))
                .build();
    }

    JobOperation<String> track() {
        return JobOperation.track(session, jobPath, "start VM 'a' (X)", Duration.ofMinutes(1),
                () -> "done#" + reads.incrementAndGet(), () -> "reread#" + reads.incrementAndGet(), e -> e);
    }

    @Test
    void completesFromPushedEventsAndReportsRisingProgress() {
        session.put(job(4, 0, 0, true));
        JobOperation<String> op = track();
        List<Integer> seen = new CopyOnWriteArrayList<>();
        op.onProgress(seen::add);
        session.script.add(() -> session.modify(job(4, 40, 0, true), true));
        session.script.add(() -> session.modify(job(4, 80, 0, true), true));
        session.script.add(() -> session.modify(job(7, 100, 0, false), true));
        session.script.add(() -> fail("waited beyond completion"));

        assertEquals(OperationState.RUNNING, op.state());
        assertEquals("done#1", op.await());
        assertEquals(List.of(40, 80, 100), seen);
        assertEquals(100, op.progress());
        assertEquals(OperationState.SUCCEEDED, op.state());
        assertEquals(0, session.subscriptionCount(), "subscription closed after completion");
        assertTrue(op.completionObservedNanos() > 0);
        assertEquals("done#1", op.await(), "result is computed once");
        assertEquals(1, reads.get());
    }

    @Test
    void jobFinishedBeforeFirstReadIsNotMissed() {
        session.put(job(7, 100, 0, false));
        JobOperation<String> op = track();
        assertTrue(op.isDone());
        assertEquals("done#1", op.await(Duration.ofSeconds(1)));
    }

    @Test
    void jobEndingWhileSubscribingLeavesNoSubscriptionOpen() {
        session.put(job(4, 0, 0, true));
        session.duringSubscribe = () -> session.modify(job(7, 100, 0, false), true);
        JobOperation<String> op = track();
        assertEquals(OperationState.SUCCEEDED, op.state());
        assertEquals("done#1", op.await(Duration.ofSeconds(1)));
        assertEquals(0, session.subscriptionCount(), "the subscription made before the job ended is closed");
    }

    @Test
    void expiredJobIsResolvedFromTheAffectedElementNotAsAnError() {
        JobOperation<String> op = track(); // no such job: removed after TimeBeforeRemoval
        assertEquals(OperationState.SUCCEEDED, op.state());
        assertEquals("reread#1", op.await());
    }

    @Test
    void failedJobCarriesItsErrorDetails() {
        session.put(job(4, 10, 0, false));
        JobOperation<String> op = track();
        session.script.add(() -> session.modify(job(10, 10, 32775, false), true));
        // A refusal code in the job is typed as the same code returned at once would be, with the job's reason.
        InvalidStateException refused = assertThrows(InvalidStateException.class, op::await);
        assertEquals(32775, refused.returnCode().getAsLong());
        assertEquals(java.util.Optional.of("The VM is in the wrong state"), refused.hostMessage());
        assertTrue(refused.getMessage().contains("The VM is in the wrong state"), refused.getMessage());
        JobFailedException e = assertInstanceOf(JobFailedException.class, refused.getCause());
        assertEquals(10, e.jobState());
        assertEquals(32775, e.errorCode());
        assertEquals("Operation failed", e.errorSummaryDescription());
        assertEquals("The VM is in the wrong state", e.errorDescription());
        assertEquals("JOB-1", e.jobId());
        assertTrue(e.getMessage().contains("start VM 'a'") && e.getMessage().contains("Invalid state for this operation"), e.getMessage());
        assertEquals(OperationState.FAILED, op.state());
        assertThrows(InvalidStateException.class, op::await, "the failure is stable");
        assertEquals(0, reads.get(), "a failed job yields no result");
    }

    @Test
    void completedStateWithErrorCodeIsAFailureAndWarningsWithoutErrorAreSuccess() {
        session.put(job(7, 100, 32768, false));
        assertThrows(JobFailedException.class, () -> track().await());
        session.put(job(32768, 100, 0, false));
        assertEquals("done#1", track().await());
    }

    @Test
    void timeoutSaysHowFarTheJobGotAndLeavesItRunning() {
        session.put(job(4, 0, 0, true));
        JobOperation<String> op = track();
        session.script.add(() -> session.modify(job(4, 30, 0, true), true));
        HyperVTimeoutException e = assertThrows(HyperVTimeoutException.class, () -> op.await(Duration.ofSeconds(3)));
        assertTrue(e.getMessage().contains("30%") && e.getMessage().contains("PT3S") && e.getMessage().contains("JOB-1"), e.getMessage());
        assertEquals(OperationState.RUNNING, op.state());
        session.script.add(() -> session.modify(job(7, 100, 0, false), true));
        assertEquals("done#1", op.await(), "can be awaited again");
    }

    @Test
    void aMissedCompletionEventIsFoundByTheRecheckAtTimeout() {
        session.put(job(4, 0, 0, true));
        JobOperation<String> op = track();
        session.script.add(() -> session.modify(job(7, 100, 0, false), false));
        assertEquals("done#1", op.await(Duration.ofSeconds(1)));
    }

    @Test
    void cancelTerminatesACancellableJob() {
        session.put(job(4, 20, 0, true));
        session.methods = (p, m) -> {
            assertEquals(jobPath, p);
            assertEquals("RequestStateChange", m);
            session.script.add(() -> session.modify(job(8, 20, 0, false), true));
            return new MethodResult(4096, Map.of());
        };
        JobOperation<String> op = track();
        assertTrue(op.cancel());
        assertTrue(session.invoked.get(0).contains("RequestedState=4"), session.invoked.toString());
        assertThrows(OperationCancelledException.class, op::await);
        assertEquals(OperationState.CANCELLED, op.state());
        assertFalse(op.cancel(), "nothing left to cancel");
    }

    @Test
    void cancellingAJobThatWasRemovedMeanwhileIsNotAnError() {
        session.put(job(4, 20, 0, true));
        JobOperation<String> op = track();
        session.delete(jobPath); // finished and removed after TimeBeforeRemoval, unseen
        session.methods = (p, m) -> { throw new io.hyperv4j.cim.CimException(io.hyperv4j.cim.CimError.NOT_FOUND, p.toString()); };
        assertFalse(op.cancel(), "nothing left to cancel");
        assertEquals(OperationState.SUCCEEDED, op.state());
        assertEquals("reread#1", op.await(Duration.ofSeconds(1)));
    }

    @Test
    void aJobThatIsNotCancellableIsNotAskedTo() {
        session.put(job(4, 20, 0, false));
        JobOperation<String> op = track();
        assertFalse(op.cancel());
        assertTrue(session.invoked.isEmpty());
    }

    @Test
    void futureCompletesWithTheResultAsTheEventArrives() {
        session.put(job(4, 0, 0, false));
        JobOperation<String> op = track();
        var f = op.toCompletableFuture();
        assertFalse(f.isDone());
        session.modify(job(7, 100, 0, false), true);
        assertTrue(f.isDone(), "completed on the event, so a virtual clock need not wait for another thread");
        assertEquals("done#1", f.join());
        f.complete("tampered");
        assertEquals("done#1", op.toCompletableFuture().join(), "callers cannot change the result");
    }

    @Test
    void futureCarriesAFailure() throws Exception {
        session.put(job(4, 0, 0, false));
        JobOperation<String> op = track();
        var f = op.toCompletableFuture();
        session.modify(job(9, 50, 0, false), true);
        var e = assertThrows(java.util.concurrent.ExecutionException.class, () -> f.get(5, java.util.concurrent.TimeUnit.SECONDS));
        assertInstanceOf(JobFailedException.class, e.getCause());
    }

    @Test
    void withoutEventsTheJobIsReadWhileWaiting() {
        session.eventsSupported = false;
        session.stepsPerAwait = 1;
        session.put(job(4, 0, 0, false));
        JobOperation<String> op = track();
        List<Integer> seen = new CopyOnWriteArrayList<>();
        op.onProgress(seen::add);
        session.script.add(() -> session.modify(job(4, 50, 0, false), false));
        session.script.add(() -> session.modify(job(7, 100, 0, false), false));
        assertEquals("done#1", op.await(Duration.ofSeconds(10)));
        assertEquals(List.of(50, 100), seen);
    }

    @Test
    void withoutEventsTheTimeoutStillHolds() {
        session.eventsSupported = false;
        session.put(job(4, 0, 0, false));
        JobOperation<String> op = track();
        assertThrows(HyperVTimeoutException.class, () -> op.await(Duration.ofSeconds(2)));
    }
}
