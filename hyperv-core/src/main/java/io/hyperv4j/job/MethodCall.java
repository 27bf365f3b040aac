package io.hyperv4j.job;

import io.hyperv4j.vm.VmState;
import io.hyperv4j.AccessDeniedException;
import io.hyperv4j.JobFailedException;
import io.hyperv4j.NotFoundException;
import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One Hyper-V method call with the handling every caller needs: 0 means done, 4096 means a job
 * to track, anything else is the typed exception for the method's return-code {@link
 * ReturnCodes.Family family}, with a message naming what was attempted on what.
 *
 * <pre>{@code
 * Operation<VmState> op = MethodCall.on(session, vmPath, "RequestStateChange", ReturnCodes.Family.MSVM)
 *         .with("RequestedState", CimValue.uint16(2))
 *         .attempting("start VM 'web01' (4F1D...)")
 *         .invoke(r -> readState());
 * }</pre>
 */
public final class MethodCall {
    private final CimSession session;
    private final ObjectPath target;
    private final String method;
    private final ReturnCodes.Family family;
    private final Map<String, CimValue> in = new LinkedHashMap<>();
    private String attempted;
    private Duration timeout = Duration.ofMinutes(15);
    private Supplier<VmState> currentState = () -> null;
    private Function<JobFailedException, RuntimeException> failureMapper = e -> e;
    private Supplier<?> ifJobExpired;

    private MethodCall(CimSession session, ObjectPath target, String method, ReturnCodes.Family family) {
        this.session = Objects.requireNonNull(session, "session");
        this.target = Objects.requireNonNull(target, "target");
        this.method = Objects.requireNonNull(method, "method");
        this.family = Objects.requireNonNull(family, "family");
        this.attempted = method + " on " + target;
    }

    public static MethodCall on(CimSession session, ObjectPath target, String method, ReturnCodes.Family family) {
        return new MethodCall(session, target, method, family);
    }

    /** Adds an in-parameter; one beyond {@link io.hyperv4j.cim.CimLimits} is refused before any call. */
    public MethodCall with(String name, CimValue value) {
        io.hyperv4j.cim.CimLimits.problem(target.className() + "." + method + "(" + name + ")", value).ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
        in.put(name, value);
        return this;
    }

    /** What is being done, for messages: "pause VM 'web01' (4F1D...)". */
    public MethodCall attempting(String attempted) {
        this.attempted = attempted;
        return this;
    }

    /** The default wait of the returned operation's {@link Operation#await()}. */
    public MethodCall timeout(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /** Reads the target's current state for an invalid-state message (only called on refusal). */
    public MethodCall currentState(Supplier<VmState> currentState) {
        this.currentState = currentState;
        return this;
    }

    /** Turns a failed job into a more specific exception (e.g. ErrorCode 32775 into invalid state). */
    public MethodCall onJobFailure(Function<JobFailedException, RuntimeException> failureMapper) {
        this.failureMapper = failureMapper;
        return this;
    }

    /**
     * What the operation yields when its job was removed before its end was seen (Hyper-V drops
     * finished jobs after TimeBeforeRemoval): typically a re-read of the affected element. Without
     * it, the outcome function is used as for a success.
     */
    public MethodCall ifJobExpired(Supplier<?> ifJobExpired) {
        this.ifJobExpired = ifJobExpired;
        return this;
    }

    /**
     * Invokes the method. {@code outcome} gives what the operation yields from the method's result
     * once the work is done: at once on 0, after the job otherwise. It may run on the event thread,
     * so it must be quick and must not call the session (read the host afterwards instead).
     */
    @SuppressWarnings("unchecked")
    public <T> Operation<T> invoke(Function<MethodResult, T> outcome) {
        MethodResult r;
        try {
            r = session.invoke(target, method, in);
        } catch (CimException e) {
            if (e.error() == CimError.NOT_FOUND)
                throw new NotFoundException("Cannot " + attempted + ": " + target.className() + " not found (" + e.getMessage() + ")", e);
            if (e.error() == CimError.ACCESS_DENIED) {
                AccessDeniedException denied =
                        new AccessDeniedException("Cannot " + attempted + ": access denied (" + e.getMessage() + ")", -1, null);
                denied.initCause(e); // keep the WBEM error (and its HRESULT) reachable
                throw denied;
            }
            throw e;
        }
        long code = r.returnValue();
        if (code == ReturnCodes.COMPLETED) return new CompletedOperation<>(attempted, outcome.apply(r));
        if (code == ReturnCodes.JOB_STARTED && r.job() != null) {
            ObjectPath job = r.job().namespace() == null
                    ? new ObjectPath(r.job().server(), target.namespace(), r.job().className(), r.job().keys())
                    : r.job();
            Supplier<T> success = () -> outcome.apply(r);
            Supplier<T> expired = ifJobExpired == null ? success : (Supplier<T>) ifJobExpired;
            return JobOperation.track(session, job, attempted, timeout, success, expired, failureMapper);
        }
        if (code == ReturnCodes.JOB_STARTED) {
            throw new io.hyperv4j.MethodFailedException("Cannot " + attempted + ": Hyper-V reported a job (4096) but returned"
                    + " no Job reference to follow", code, ReturnCodes.name(family, code));
        }
        VmState state = null;
        if (ReturnCodes.isInvalidState(family, code)) {
            try {
                state = currentState.get();
            } catch (RuntimeException ignored) {
                // the refusal matters more than the state we could not read
            }
        }
        throw ReturnCodes.toException(family, code, attempted, state);
    }
}
