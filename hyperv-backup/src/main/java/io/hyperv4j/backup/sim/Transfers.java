package io.hyperv4j.backup.sim;

import io.hyperv4j.sim.Fabric;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimActivity;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.SimJob;
import io.hyperv4j.sim.Txn;
import io.hyperv4j.substrate.FlowNetwork.FlowSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A protection job's bytes as a flow on the lab's fabric: they leave (or, for a restore, reach)
 * the protected host's adapter on the backup network and cross the protection server's adapter,
 * shared by {@link io.hyperv4j.substrate.FlowNetwork}'s rule with every other flow there (a live
 * migration, a management server's copy, redirected CSV I/O). Alone a flow runs at the rate the
 * calibration gives the job ({@link BackupTimings}), so the paper's durations hold; shared, it runs
 * slower and the job ends later. Every rate change moves the job's end and republishes the job's
 * activity (what the performance counters follow). Called under the lab lock.
 */
final class Transfers {
    /** The protection server on the fabric (seed 004's DPMSV): its adapter is a link like the hosts'. */
    static final String SERVER = "DPMSV";
    /** The network backups cross unless told otherwise (seed 004's dedicated backup network). */
    static final String DEFAULT_NETWORK = "Management";
    /** The server's adapter (1000BASE-T, section 6.1) and a host's when it has none on the network. */
    static final double GIGABIT_BYTES = 125e6;
    /** One I/O of a backup's read. */
    private static final int IO_BYTES = 1 << 20;
    /** A job whose flow gets nothing for now waits this long at most before it is rescheduled again. */
    private static final Duration STALLED = Duration.ofDays(365);

    private final Lab lab;
    String network = DEFAULT_NETWORK;

    Transfers(Lab lab) {
        this.lab = lab;
    }

    /**
     * The links a job on {@code host} crosses: its adapter and the server's on the backup network, then
     * {@code storage} (links the caller made, e.g. the LU a pair job reads). An adapter's link that
     * exists keeps its speed (the model of its network made it); a new one takes the host's adapter's
     * speed, else a gigabit's.
     */
    List<String> links(String host, List<String> storage) {
        SimHost h = lab.host(host);
        double hostBytes = h == null ? GIGABIT_BYTES : h.adapterOn(network).map(a -> a.bitsPerSecond() / 8.0).orElse(GIGABIT_BYTES);
        String out = Fabric.adapter(host, network), server = Fabric.adapter(SERVER, network);
        if (lab.fabric().link(out) == null) lab.fabric().link(out, hostBytes, Double.POSITIVE_INFINITY);
        if (lab.fabric().link(server) == null) lab.fabric().link(server, GIGABIT_BYTES, Double.POSITIVE_INFINITY);
        List<String> all = new java.util.ArrayList<>(List.of(out, server));
        all.addAll(storage);
        return List.copyOf(all);
    }

    /**
     * Starts the job's transfer now: {@code mb} megabytes that alone take {@code window}, after which
     * the job has {@code tail} left (its fixed overhead). Nothing moves for an empty window.
     *
     * @param activity the activity's kind (a {@code SimActivity.BACKUP} kind)
     * @param storage  storage links the bytes cross besides the adapters (existing links of the fabric)
     * @return the flow, or null when nothing is to move
     */
    Transfer start(String jobId, String activity, String vmId, String host, List<String> storage, double mb, Duration window, Duration tail) {
        long bytes = Math.round(mb * BackupLab.MB);
        if (bytes <= 0 || window.toMillis() <= 0) return null;
        return open(jobId, activity, vmId, host, storage, bytes, bytes / (window.toNanos() / 1e9), tail);
    }

    /**
     * A transfer saved with the lab while it ran, again: its bytes not yet through at the demand it
     * had, or, when they were through, the activity of its tail until it ends.
     *
     * @param saved what {@link Transfer#save} wrote
     * @return the transfer, or null when nothing of it is left
     */
    Transfer resume(String jobId, String vmId, String host, com.fasterxml.jackson.databind.JsonNode saved, Instant now) {
        String activity = saved.path("activity").asText();
        Duration tail = Duration.parse(saved.path("tail").asText());
        long left = saved.path("bytesLeft").asLong();
        List<String> storage = new java.util.ArrayList<>();
        saved.path("storage").forEach(x -> storage.add(x.asText()));
        if (left > 0) return open(jobId, activity, vmId, host, storage, left, saved.path("demand").asDouble(), tail);
        Instant tailEnds = saved.hasNonNull("tailEnds") ? Instant.parse(saved.get("tailEnds").asText()) : null;
        if (tailEnds == null || !tailEnds.isAfter(now)) return null;
        Transfer t = new Transfer(jobId, activity, vmId, host, tail);
        t.tailEnds = tailEnds;
        t.shown = lab.activities().publish(activity + SimActivity.BACKUP_TAIL, vmId, host, SERVER, network, 0, now, tailEnds);
        return t;
    }

    private Transfer open(String jobId, String activity, String vmId, String host, List<String> storage, long bytes, double demand, Duration tail) {
        Transfer t = new Transfer(jobId, activity, vmId, host, tail);
        FlowSpec spec = new FlowSpec(activity, bytes, demand, IO_BYTES, links(host, storage));
        t.flow = lab.fabric().start(spec, at -> lab.write(Duration.ofMinutes(1), x -> {
            ended(x, t, at);
            return null;
        }), f -> lab.write(Duration.ofMinutes(1), x -> {
            rateChanged(x, t, f);
            return null;
        }));
        return t;
    }

    /** A running transfer: its flow and the activity showing it now. */
    final class Transfer {
        final String jobId, activity, vmId, host;
        final Duration tail;
        Fabric.Flow flow;
        io.hyperv4j.sim.SimActivity shown;
        Instant tailEnds;

        Transfer(String jobId, String activity, String vmId, String host, Duration tail) {
            this.jobId = jobId;
            this.activity = activity;
            this.vmId = vmId;
            this.host = host;
            this.tail = tail;
        }

        /** Stops the flow and its activity now (the job ended or failed first). */
        void close(Instant now) {
            if (flow != null) flow.close();
            show(null, now, 0);
        }

        /** What {@link #resume} needs to take the transfer up again after a load: the bytes left and their demand, or the tail's end. */
        void save(com.fasterxml.jackson.databind.node.ObjectNode into) {
            into.put("activity", activity).put("tail", tail.toString());
            if (flow != null && flow.isRunning()) {
                into.put("bytesLeft", Math.max(0, Math.round(flow.spec().bytes() - flow.moved()))).put("demand", flow.spec().demandBytesPerSecond());
                var storage = into.putArray("storage"); // the links past the two adapters (the storage the bytes cross)
                flow.spec().links().stream().skip(2).forEach(storage::add);
            }
            if (tailEnds != null) into.put("tailEnds", tailEnds.toString());
        }

        /** Ends the activity shown and, when {@code end} is later than now, shows the new rate until it. */
        void show(Instant end, Instant now, double rate) {
            if (shown != null) lab.activities().end(shown.id(), now);
            shown = end != null && end.isAfter(now) ? lab.activities().publish(activity, vmId, host, SERVER, network, rate, now, end) : null;
        }
    }

    /** The flow's rate changed (it started, or another flow joined or left its links): the job ends when its bytes are through, plus its tail. */
    private void rateChanged(Txn txn, Transfer t, Fabric.Flow f) {
        SimJob job = lab.jobs().get(t.jobId);
        if (job == null || job.state().isTerminal() || !f.isRunning()) return;
        Instant now = txn.now();
        var end = f.projectedEnd();
        lab.jobs().reschedule(txn, job, end.map(e -> Duration.between(startOf(job), e).plus(t.tail)).orElse(Duration.between(startOf(job), now).plus(STALLED)));
        t.show(end.orElse(null), now, f.rate());
    }

    private void ended(Txn txn, Transfer t, Instant at) {
        t.show(null, at, 0);
        if (!t.tail.isZero()) { // what follows the transfer (an express full's scan) loads the host too
            t.tailEnds = at.plus(t.tail);
            t.shown = lab.activities().publish(t.activity + SimActivity.BACKUP_TAIL, t.vmId, t.host, SERVER, network, 0, at, t.tailEnds);
        }
        SimJob job = lab.jobs().get(t.jobId);
        if (job == null || job.state().isTerminal()) return;
        lab.jobs().reschedule(txn, job, Duration.between(startOf(job), at).plus(t.tail));
    }

    private static Instant startOf(SimJob job) {
        return job.started() != null ? job.started() : job.submitted();
    }
}
