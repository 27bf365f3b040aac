package io.hyperv4j.cli;

import io.hyperv4j.HyperVException;
import io.hyperv4j.OperationCancelledException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.Subscription;
import io.hyperv4j.cluster.FailoverCluster;
import io.hyperv4j.job.Operation;
import io.hyperv4j.job.OperationState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cluster jobs of the {@link JobTable} followed through the typed cluster API: each is the
 * operation of a move or drain already under way ({@code moveInProgress}, {@code drainInProgress}),
 * so a later command reads its state and progress, waits for it or cancels it. While a command has
 * the lab open, the objects of running jobs are watched so a job's end is recorded at the time the
 * cluster changed it, even when the command was doing something else (sampling counters).
 */
final class ClusterJobs implements AutoCloseable {
    private static final Instant FILETIME_EPOCH = Instant.parse("1601-01-01T00:00:00Z");
    private static final String NAMESPACE = "root\\MSCluster";

    private final CommandContext ctx;
    private final JobTable table;
    private final Map<String, Instant> lastChange = new ConcurrentHashMap<>();
    private final List<Subscription> watches = new ArrayList<>();

    ClusterJobs(CommandContext ctx, JobTable table) {
        this.ctx = ctx;
        this.table = table;
    }

    JobTable table() {
        return table;
    }

    /** Starts watching the objects of the running jobs (called once the lab is open). */
    void watch() {
        for (CliJob j : table.all()) {
            if (!j.running() || j.kind() == CliJob.Kind.ClusterCsvMove) continue;
            String cls = j.kind() == CliJob.Kind.ClusterGroupMove ? "MSCluster_ResourceGroup" : "MSCluster_Node";
            CimSession s;
            try {
                s = ctx.sessionOn(j.computerName());
            } catch (CommandFailedException hostGone) {
                continue; // refresh() records why the job cannot be followed
            }
            watches.add(s.subscribe(NAMESPACE, "SELECT * FROM __InstanceModificationEvent WHERE TargetInstance ISA '" + cls
                    + "' AND TargetInstance.Name = '" + j.target().replace("'", "\\'") + "'", e -> lastChange.put(j.id(), created(e))));
        }
    }

    private static Instant created(CimInstance event) {
        long ticks = event.longOr("TIME_CREATED", 0); // 100 ns since 1601: too many nanoseconds for a long
        return FILETIME_EPOCH.plusSeconds(ticks / 10_000_000).plusNanos(ticks % 10_000_000 * 100);
    }

    /** Starts recording a job the command just started; a volume move ends at once. */
    CliJob started(CliJob.Kind kind, String target, String destination, String command) {
        Instant now = ctx.now();
        boolean instant = kind == CliJob.Kind.ClusterCsvMove;
        CliJob j = new CliJob(JobTable.newId(), kind, ctx.computerName(), target, destination, command, now,
                instant ? now : null, instant ? CliJob.COMPLETED : CliJob.RUNNING, "");
        table.add(j);
        return j;
    }

    /** The operation of a running job, re-attached through the typed API. */
    Operation<?> operation(CliJob j) {
        FailoverCluster c = ctx.hyperVOn(j.computerName()).capability(FailoverCluster.class);
        return switch (j.kind()) {
            case ClusterGroupMove -> c.group(j.target()).moveInProgress(j.destination());
            case ClusterNodeDrain -> c.node(j.target()).drainInProgress();
            case ClusterCsvMove -> throw new IllegalStateException("a volume move has no operation to follow");
        };
    }

    /**
     * The job as it stands now: a running job the cluster has finished is recorded as ended; one
     * whose group, node or host is gone (removed from the cluster, the lab replaced) as failed.
     */
    CliJob refresh(CliJob j) {
        if (!j.running()) return j;
        try {
            return settle(j, operation(j));
        } catch (HyperVException | CommandFailedException gone) {
            CliJob failed = j.ended(CliJob.FAILED, ctx.now(), "cannot follow it any more: " + gone.getMessage());
            table.replace(failed);
            return failed;
        }
    }

    /** Records how {@code op} (the job's operation) ended, if it has. */
    CliJob settle(CliJob j, Operation<?> op) {
        if (op.state() == OperationState.RUNNING) return j;
        CliJob ended;
        Instant at = lastChange.getOrDefault(j.id(), ctx.now());
        try {
            op.await(Duration.ZERO);
            ended = j.ended(CliJob.COMPLETED, at, "");
        } catch (OperationCancelledException e) {
            ended = j.ended(CliJob.STOPPED, at, e.getMessage());
        } catch (HyperVException e) {
            ended = j.ended(CliJob.FAILED, at, e.getMessage());
        }
        table.replace(ended);
        return ended;
    }

    /** Brings every running job up to date and writes the table; called before the lab is saved. */
    @Override
    public void close() {
        try {
            for (CliJob j : table.all()) if (j.running()) refresh(j);
            table.saveIfChanged();
        } finally {
            watches.forEach(Subscription::close);
            watches.clear();
        }
    }
}
