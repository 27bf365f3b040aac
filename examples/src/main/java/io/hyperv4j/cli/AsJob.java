package io.hyperv4j.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.job.JobOperation;
import io.hyperv4j.job.Operation;
import io.hyperv4j.vm.Msvm;
import java.util.Locale;
import java.util.Map;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * {@code --as-job}: a long operation returns at once with the job to follow ({@code hyperv job
 * get|wait|cancel ID}); the lab keeps it going between commands.
 */
final class AsJob {
    static final String FLAG = "--as-job";
    static final String HELP = "return at once, printing the job's Id to follow with 'hyperv job get|wait|cancel ID'";
    static final String CLUSTER_HELP = "return at once with a job kept with the lab: 'hyperv job get|wait|cancel ID'";

    private AsJob() {
    }

    /** Prints a job just started: its Id, what it does, and how to follow it. */
    static void started(CommandContext ctx, JobNoun.View job) {
        ObjectNode json = job.json();
        ctx.output().result(json, "Started job " + job.id() + " on " + job.location() + ": " + job.name() + " (" + job.state() + ")\n"
                + "Follow it with: hyperv job get " + job.id() + "   (or job wait / job cancel)");
    }

    static void started(CommandContext ctx, CliJob job) {
        started(ctx, JobNoun.view(job, ctx.clusterJobs()));
    }

    /**
     * Prints an operation of a host just started: the Msvm_ConcreteJob to follow (InstanceID, path),
     * or that it completed without a job. {@code subject} and {@code subjectId} name what it acts on.
     */
    static void started(CommandContext ctx, String subject, String subjectId, Operation<?> op) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("Name", subject);
        json.put("Id", subjectId.toLowerCase(Locale.ROOT));
        json.put("Operation", op.description());
        json.put("ComputerName", ctx.computerName());
        if (op instanceof JobOperation<?> job) {
            CimInstance seen = job.lastSeenJob();
            ObjectPath path = seen != null && seen.path() != null ? seen.path()
                    : new ObjectPath(ctx.session().host(), Msvm.NAMESPACE, Msvm.CONCRETE_JOB, Map.of("InstanceID", job.jobId()));
            json.put("InstanceID", job.jobId());
            json.put("Job", path.toString());
            json.put("PercentComplete", op.progress());
            ctx.output().result(json, "Started job " + job.jobId() + " on " + ctx.computerName() + ": " + op.description() + "\n"
                    + "Follow it with: hyperv job get " + job.jobId() + "   (or job wait / job cancel; raw: hyperv cim get '" + path + "')");
        } else {
            json.putNull("InstanceID");
            json.putNull("Job");
            json.put("PercentComplete", op.progress());
            ctx.output().result(json, op.description() + ": " + (op.isDone() ? "completed without a job" : "in progress (no job to follow)"));
        }
    }

    /** The command line that started a job, for its Command property: words with spaces quoted. */
    static String command(String verb, String... words) {
        return verb + " " + Arrays.stream(words).map(w -> w.contains(" ") ? "'" + w + "'" : w).collect(Collectors.joining(" "));
    }
}
