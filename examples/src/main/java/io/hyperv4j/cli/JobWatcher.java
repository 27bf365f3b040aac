package io.hyperv4j.cli;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.cim.Subscription;
import io.hyperv4j.cim.Wql;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Waits for a CIM job (Msvm_ConcreteJob and kin) to reach a final JobState, reporting
 * PercentComplete as it goes. Works on any transport: it listens for modification events of the
 * job and waits through {@link CimSession#await}, so on a simulated lab the virtual clock moves.
 */
final class JobWatcher {
    /** JobState values (CIM_ConcreteJob): 7 Completed, 8 Terminated, 9 Killed, 10 Exception. */
    static final int COMPLETED = 7;

    private JobWatcher() {}

    /** The job's final instance; fails with WBEM_E_TIMED_OUT when {@code timeout} passes first. */
    static CimInstance await(CimSession session, ObjectPath job, Duration timeout, Progress progress) {
        CompletableFuture<CimInstance> done = new CompletableFuture<>();
        String instanceId = String.valueOf(job.key("InstanceID"));
        String query = "SELECT * FROM __InstanceModificationEvent WITHIN 1 WHERE TargetInstance ISA "
                + Wql.quote(job.className()) + " AND TargetInstance.InstanceID = " + Wql.quote(instanceId);
        try (Subscription ignored = session.subscribe(job.namespace() == null ? CimNoun.DEFAULT_NAMESPACE : job.namespace(), query, event -> {
            CimValue target = event.get("TargetInstance");
            if (target != null && !target.isNull()) observe(target.asInstance(), progress, done);
        })) {
            observe(session.get(job), progress, done);
            CimInstance last = session.await(done, timeout);
            progress.finish(stateName(state(last)));
            return last;
        } catch (CimException e) {
            progress.finish("not finished: " + e.error().symbol());
            throw e;
        }
    }

    private static void observe(CimInstance job, Progress progress, CompletableFuture<CimInstance> done) {
        int state = state(job);
        CimValue pct = job.get("PercentComplete");
        int percent = pct == null || pct.isNull() ? 0 : pct.asInt();
        progress.update(isFinal(state) && state == COMPLETED ? 100 : percent, stateName(state));
        if (isFinal(state)) done.complete(job);
    }

    static int state(CimInstance job) {
        CimValue v = job.get("JobState");
        if (v == null || v.isNull()) throw new CimException(CimError.INVALID_OBJECT, job.className() + " has no JobState");
        return v.asInt();
    }

    static boolean isFinal(int state) {
        return (state >= 7 && state <= 10) || state == 32768;
    }

    /** Completed, or completed with warnings (32768, as os-win treats it). */
    static boolean succeeded(int state) {
        return state == COMPLETED || state == 32768;
    }

    static String stateName(int state) {
        return switch (state) {
            case 2 -> "New";
            case 3 -> "Starting";
            case 4 -> "Running";
            case 5 -> "Suspended";
            case 6 -> "Shutting Down";
            case 7 -> "Completed";
            case 8 -> "Terminated";
            case 9 -> "Killed";
            case 10 -> "Exception";
            case 11 -> "Service";
            case 32768 -> "Completed with warnings";
            default -> "JobState " + state;
        };
    }

    /** "ErrorCode 32775: Invalid state for this operation" from a failed job's properties. */
    static String failure(CimInstance job) {
        String description = job.getString("ErrorDescription");
        if (description == null || description.isBlank()) description = job.getString("ErrorSummaryDescription");
        CimValue code = job.get("ErrorCode");
        String codeText = code == null || code.isNull() ? "" : "ErrorCode " + code.asString() + ": ";
        return "job " + stateName(state(job)).toLowerCase(java.util.Locale.ROOT) + " (" + codeText
                + (description == null ? "no description" : description) + ")";
    }
}
