package io.hyperv4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.HyperVException;
import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.job.JobOperation;
import io.hyperv4j.cim.JobState;
import io.hyperv4j.job.Operation;
import io.hyperv4j.vm.Msvm;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code hyperv job ...}: the long operations in flight, like PowerShell's Get-Job, Wait-Job and
 * Stop-Job: the hosts' Msvm_ConcreteJob instances (every host of a lab) and the cluster moves and
 * drains started with {@code --as-job} (the lab's job table). Each shows its state and progress.
 */
public final class JobNoun implements NounCommand {
    private static final List<Verb> VERBS = List.of(
            Verb.of("list", "List the jobs: the hosts' Msvm_ConcreteJob and the cluster jobs started with --as-job (Get-Job)"),
            Verb.of("get", "Show one job, its state and progress (Get-Job -Id)").arg("ID"),
            Verb.of("wait", "Wait for a job to end, showing its progress (Wait-Job); exit 1 if it failed or was stopped").arg("ID")
                    .option("--timeout", "DURATION", "how long to wait on the target's clock, e.g. 90s, 10m (default: the operation's)"),
            Verb.of("cancel", "Stop a running job (Stop-Job): a live migration stops and the VM keeps running on its source").arg("ID"));

    @Override
    public String name() {
        return "job";
    }

    @Override
    public String summary() {
        return "long operations in flight, like Get-Job: list, get, wait, cancel";
    }

    @Override
    public List<Verb> verbs() {
        return VERBS;
    }

    /** A job as the tool shows it, whatever kind it is. */
    record View(String id, String name, String jobType, String state, int percent, String location, String command,
                Instant begin, Instant end, String error) {
        ObjectNode json() {
            ObjectNode o = JsonNodeFactory.instance.objectNode().put("Id", id).put("Name", name).put("JobType", jobType)
                    .put("State", state).put("PercentComplete", percent).put("Location", location).put("Command", command)
                    .put("BeginTime", begin == null ? null : begin.toString()).put("EndTime", end == null ? null : end.toString());
            return o.put("Error", error);
        }

        String text() {
            Map<String, String> lines = new java.util.LinkedHashMap<>();
            json().fields().forEachRemaining(e -> lines.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
            return CimText.list(lines);
        }
    }

    @Override
    public void run(Verb verb, ParsedArgs args, CommandContext ctx) {
        switch (verb.name()) {
            case "list" -> list(ctx);
            case "get" -> {
                View v = find(ctx, args.arg("ID")).view();
                ctx.output().result(v.json(), v.text());
            }
            case "wait" -> waitFor(ctx, args);
            case "cancel" -> cancel(ctx, args.arg("ID"));
            default -> throw new IllegalStateException(verb.name());
        }
    }

    private static void list(CommandContext ctx) {
        List<View> all = new ArrayList<>();
        ClusterJobs cluster = ctx.clusterJobs();
        for (CliJob j : cluster.table().all()) all.add(view(cluster.refresh(j), cluster));
        for (String host : ctx.hostNames())
            for (CimInstance job : ctx.sessionOn(host).query(Msvm.NAMESPACE, "SELECT * FROM " + Msvm.CONCRETE_JOB)) all.add(view(host, job));
        all.sort(java.util.Comparator.comparing(View::begin, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())));
        ArrayNode json = JsonNodeFactory.instance.arrayNode();
        StringBuilder text = new StringBuilder();
        String row = "%-36s %-18s %-10s %4s  %-10s %s%n";
        if (!all.isEmpty()) text.append(String.format(Locale.ROOT, row, "Id", "JobType", "State", "%", "Location", "Name"));
        for (View v : all) {
            json.add(v.json());
            text.append(String.format(Locale.ROOT, row, v.id(), v.jobType(), v.state(), v.percent(), v.location(), v.name()));
        }
        ctx.output().result(json, text.toString().stripTrailing());
    }

    /** One job, found by its Id among the cluster jobs, then on the hosts. */
    private interface Found {
        View view();

        Operation<?> operation(Duration timeout);

        /** After its operation ended (or was cancelled): the job as it now stands. */
        View settled(Operation<?> op);
    }

    private static Found find(CommandContext ctx, String id) {
        ClusterJobs cluster = ctx.clusterJobs();
        Optional<CliJob> mine = cluster.table().find(id);
        if (mine.isPresent()) {
            CliJob j = mine.get();
            return new Found() {
                public View view() { return JobNoun.view(cluster.refresh(j), cluster); }
                public Operation<?> operation(Duration timeout) { return cluster.operation(j); }
                public View settled(Operation<?> op) { return JobNoun.view(cluster.settle(j, op), cluster); }
            };
        }
        for (String host : ctx.hostNames()) {
            CimSession s = ctx.sessionOn(host);
            ObjectPath path = ObjectPath.of(Msvm.NAMESPACE, Msvm.CONCRETE_JOB, Map.of("InstanceID", id.toUpperCase(Locale.ROOT)));
            CimInstance job;
            try {
                job = s.get(path);
            } catch (CimException e) {
                if (e.error() == CimError.NOT_FOUND) continue;
                throw e;
            }
            return new Found() {
                public View view() { return JobNoun.view(host, s.get(path)); }
                public Operation<?> operation(Duration timeout) {
                    return JobOperation.track(s, job.path(), job.stringOr("Caption", "job " + id), timeout, () -> null, () -> null, null);
                }
                public View settled(Operation<?> op) {
                    try {
                        return JobNoun.view(host, s.get(path));
                    } catch (CimException gone) { // removed since (TimeBeforeRemoval): the operation says how it ended
                        if (gone.error() != CimError.NOT_FOUND) throw gone;
                        return new View(id, op.description(), Msvm.CONCRETE_JOB, op.state().toString(), op.progress(), host, "", null, null, "");
                    }
                }
            };
        }
        throw new CommandFailedException("no job '" + id + "': not a cluster job of this lab, nor an Msvm_ConcreteJob on "
                + String.join(", ", ctx.hostNames()) + " (a finished host job is removed five minutes after it ends)");
    }

    private void waitFor(CommandContext ctx, ParsedArgs args) {
        Found f = find(ctx, args.arg("ID"));
        Duration timeout = args.option("--timeout").map(t -> Durations.parse("job", "--timeout", t)).orElse(CimNoun.JOB_TIMEOUT);
        View before = f.view();
        if (before.state().equals(CliJob.RUNNING)) {
            Operation<?> op = f.operation(timeout);
            try {
                ctx.progress(before.name()).follow(op, timeout);
            } catch (HyperVException ended) {
                // the job's own failure: shown below with the job, and the exit code says it
            }
            before = f.settled(op);
        }
        ctx.output().result(before.json(), before.text());
        if (!before.state().equals(CliJob.COMPLETED))
            throw new CommandFailedException("job " + before.id() + " " + before.state().toLowerCase(Locale.ROOT)
                    + (before.error().isEmpty() ? "" : ": " + before.error()));
    }

    private static void cancel(CommandContext ctx, String id) {
        Found f = find(ctx, id);
        View before = f.view();
        if (!before.state().equals(CliJob.RUNNING))
            throw new CommandFailedException("job " + before.id() + " is not running (" + before.state() + ")");
        Operation<?> op = f.operation(CimNoun.JOB_TIMEOUT);
        if (!op.cancel())
            throw new CommandFailedException("job " + before.id() + " (" + before.name() + ") cannot be cancelled now"
                    + (before.jobType().equals(CliJob.Kind.ClusterNodeDrain.name()) ? "; resume the node to stop its drain" : ""));
        View after = f.settled(op);
        ctx.output().result(after.json(), after.text());
    }

    static View view(CliJob j, ClusterJobs cluster) {
        int percent = j.state().equals(CliJob.COMPLETED) ? 100 : j.running() ? cluster.operation(j).progress() : 0;
        String name = switch (j.kind()) {
            case ClusterGroupMove -> "move of '" + j.target() + "' to " + j.destination();
            case ClusterNodeDrain -> "drain of node " + j.target() + (j.destination().isEmpty() ? "" : " to " + j.destination());
            case ClusterCsvMove -> "move of " + j.target() + " to " + j.destination();
        };
        return new View(j.id(), name, j.kind().name(), j.state(), percent, j.computerName(), j.command(), j.begin(), j.end(), j.error());
    }

    /** An Msvm_ConcreteJob: JobState 7 Completed, 8 and 9 Stopped (terminated, killed), 10 Failed, otherwise Running. */
    static View view(String host, CimInstance job) {
        JobState s = JobState.of(job.longOr("JobState", -1));
        String state = s == JobState.COMPLETED || s == JobState.COMPLETED_WITH_WARNINGS ? CliJob.COMPLETED
                : s == JobState.TERMINATED || s == JobState.KILLED ? CliJob.STOPPED
                : s == JobState.EXCEPTION ? CliJob.FAILED : CliJob.RUNNING;
        Instant begin = job.instant("StartTime").orElse(null);
        Instant end = null;
        if (!state.equals(CliJob.RUNNING)) end = job.instant("TimeOfLastStateChange").orElse(null);
        return new View(job.stringOr("InstanceID", ""), job.stringOr("Caption", ""), Msvm.CONCRETE_JOB, state,
                job.intOr("PercentComplete", 0), host, job.stringOr("Description", ""), begin, end, job.stringOr("ErrorDescription", ""));
    }
}
