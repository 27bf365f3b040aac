package io.hyperv4j.sim.v2;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.sim.Fabric;
import io.hyperv4j.cim.JobState;
import io.hyperv4j.sim.JobHandler;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.LabJson;
import io.hyperv4j.sim.Scheduler;
import io.hyperv4j.sim.ShownFlow;
import io.hyperv4j.sim.SimActivity;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.SimJob;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.Txn;
import io.hyperv4j.substrate.FlowNetwork;
import io.hyperv4j.substrate.Seconds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bytes of a Msvm_VirtualSystemMigrationService migration as flows of the lab's {@link Fabric},
 * the way the cluster's live migration moves its pages: after the setup, the disk files cross both
 * hosts' adapters on the migration network and both hosts' storage links (one host's storage link
 * for a storage migration), then the memory crosses both adapters, then the pause and the clean-up.
 * Each flow shares its links with every other move there, so two migrations on one link each take
 * about twice as long; the job's end follows the flows' rates, and each phase is published on the
 * lab's activity log (the live-migration kinds) so counter models see the bytes. A flow under way
 * is saved with the lab and taken up with the bytes it had left.
 */
final class MigrationFlows {
    private static final Duration LOCK = Duration.ofSeconds(30);
    /** Job data: the network crossed, and each phase's wire bytes and the rate it asks for. */
    static final String NETWORK = "network", BITS = "bitsPerSecond", DISK = "disk", MEMORY = "memory";
    private static final String BYTES = "WireBytes", SECTION = "migrationFlows";

    /** A phase's flow and the activity showing it. */
    private record Copy(String phase, Fabric.Flow flow, ShownFlow shown) {}

    private final Map<String, Copy> copies = new ConcurrentHashMap<>();
    private final Map<String, Scheduler.Task> setups = new ConcurrentHashMap<>();

    /** The job data the flows of a migration need (and a saved lab takes them up from). */
    static void describe(Map<String, String> data, MigrationCosts.Link link, long memoryBytes, long diskBytes, boolean local) {
        data.put(NETWORK, link.network());
        data.put(BITS, Long.toString(link.bitsPerSecond()));
        data.put(DISK + BYTES, Long.toString(local ? diskBytes : MigrationCosts.wireBytes(diskBytes)));
        data.put(MEMORY + BYTES, Long.toString(memoryBytes == 0 ? 0 : MigrationCosts.wireBytes(memoryBytes)));
    }

    /** A migration job started: its setup runs now, its flows (if it moves bytes) start after it. */
    void begin(Lab lab, SimJob job) {
        if (job.data(NETWORK) == null) return;
        SimVm vm = lab.vm(job.affectedVmId());
        Instant now = lab.clock().now();
        lab.activities().publish(SimActivity.LIVE_MIGRATION_SETUP, vm.id(), job.hostName(), job.data("destination"), job.data(NETWORK),
                0, now, now.plus(MigrationCosts.SETUP));
        setups.put(job.id(), lab.clock().scheduleAt(now.plus(MigrationCosts.SETUP), at -> next(lab, job.id(), null)));
    }

    /** Starts the phase after {@code done} (null: after the setup), or, when no bytes are left, the pause and clean-up. */
    private void next(Lab lab, String jobId, String done) {
        lab.write(LOCK, txn -> {
            setups.remove(jobId);
            SimJob job = lab.job(jobId);
            if (job == null || job.state() != JobState.RUNNING) return null;
            if (done == null && bytes(job, DISK) > 0) start(lab, job, DISK, bytes(job, DISK));
            else if (!MEMORY.equals(done) && bytes(job, MEMORY) > 0) start(lab, job, MEMORY, bytes(job, MEMORY));
            else tail(txn, job);
            return null;
        });
    }

    private static long bytes(SimJob job, String phase) {
        String v = job.data(phase + BYTES);
        return v == null ? 0 : Long.parseLong(v);
    }

    /** The phase's bytes (or what it had left) as a flow; the job's end follows its rate. */
    private void start(Lab lab, SimJob job, String phase, long bytes) {
        SimVm vm = lab.vm(job.affectedVmId());
        SimHost from = lab.host(job.hostName()), to = lab.host(job.data("destination"));
        boolean local = from == to;
        long bits = Long.parseLong(job.data(BITS));
        List<String> links = new ArrayList<>();
        if (!local) {
            links.add(adapter(lab, from, job.data(NETWORK)));
            links.add(adapter(lab, to, job.data(NETWORK)));
        }
        if (phase.equals(DISK)) {
            links.add(lab.fabric().vmStorageLink(vm));
            if (!local) links.add(lab.fabric().localStorageLink(to.name()));
        }
        double demand = phase.equals(DISK) ? MigrationCosts.diskDemand(bits, local) : bits / 8.0;
        String id = job.id();
        ShownFlow shown = new ShownFlow(lab, SimActivity.LIVE_MIGRATION_COPY, vm.id(), from.name(), local ? null : to.name(),
                local ? links.get(0) : job.data(NETWORK));
        Fabric.Flow flow = lab.fabric().start(new FlowNetwork.FlowSpec("v2/migrate/" + phase + "/" + vm.name(), bytes, demand, 1 << 16, links),
                at -> {
                    copies.remove(id);
                    next(lab, id, phase);
                }, f -> {
                    shown.accept(f);
                    f.projectedEnd().ifPresent(end -> lab.write(LOCK, t -> {
                        SimJob j = lab.job(id);
                        if (j != null && !j.state().isTerminal()) lab.jobs().reschedule(t, j, Duration.between(started(j), end).plus(after(j, phase)));
                        return null;
                    }));
                });
        copies.put(id, new Copy(phase, flow, shown));
    }

    /** A host's adapter on the network as a link of the fabric, at the adapter's speed (the management link's default). */
    private static String adapter(Lab lab, SimHost host, String network) {
        long bits = host.adapterOn(network).map(a -> a.bitsPerSecond()).orElse(MigrationCosts.DEFAULT_BITS_PER_SECOND);
        String link = Fabric.adapter(host.name(), network);
        lab.fabric().link(link, bits / 8.0, Double.POSITIVE_INFINITY);
        return link;
    }

    private static Instant started(SimJob job) {
        return job.started() != null ? job.started() : job.submitted();
    }

    /** What the job does after the phase's bytes are through: the memory alone (after the disks), the pause, the clean-up. */
    private static Duration after(SimJob job, String phase) {
        long memory = bytes(job, MEMORY);
        Duration tail = (memory > 0 ? MigrationCosts.SWITCHOVER : Duration.ZERO).plus(MigrationCosts.CLEANUP);
        if (phase.equals(DISK) && memory > 0) tail = tail.plus(Seconds.of(memory / (Long.parseLong(job.data(BITS)) / 8.0)));
        return tail;
    }

    /** The bytes are through: the pause (when memory moved) and the clean-up end the job. */
    private static void tail(Txn txn, SimJob job) {
        Lab lab = txn.lab();
        Instant now = txn.now();
        Duration pause = bytes(job, MEMORY) > 0 ? MigrationCosts.SWITCHOVER : Duration.ZERO;
        String to = job.data("destination"), net = job.data(NETWORK);
        if (!pause.isZero()) lab.activities().publish(SimActivity.LIVE_MIGRATION_BLACKOUT, job.affectedVmId(), job.hostName(), to, net, 0, now, now.plus(pause));
        lab.activities().publish(SimActivity.LIVE_MIGRATION_CLEANUP, job.affectedVmId(), job.hostName(), to, net, 0, now.plus(pause),
                now.plus(pause).plus(MigrationCosts.CLEANUP));
        lab.jobs().reschedule(txn, job, Duration.between(started(job), now).plus(pause).plus(MigrationCosts.CLEANUP));
    }

    /** Stops what the job still has on the fabric (it ended, or was cancelled). */
    void end(SimJob job, Instant at) {
        Scheduler.Task setup = setups.remove(job.id());
        if (setup != null) setup.cancel();
        Copy c = copies.remove(job.id());
        if (c == null) return;
        c.flow().close();
        c.shown().end(at);
    }

    /** {@code inner}, with the job's flows stopped first. */
    JobHandler around(JobHandler inner) {
        return new JobHandler() {
            @Override
            public void complete(Txn txn, SimJob job) {
                end(job, txn.now());
                inner.complete(txn, job);
            }

            @Override
            public void cancelled(Txn txn, SimJob job) {
                end(job, txn.now());
                txn.lab().activities().endAll(job.affectedVmId(), txn.now());
                inner.cancelled(txn, job);
            }
        };
    }

    /** The phase and bytes left of each flow under way, by job id. */
    void save(ObjectNode into) {
        ObjectNode section = JsonNodeFactory.instance.objectNode();
        copies.forEach((id, c) -> {
            if (!c.flow().isRunning()) return;
            ObjectNode o = section.putObject(id);
            o.put("phase", c.phase());
            o.put("left", Math.max(0, (long) Math.ceil(c.flow().spec().bytes() - c.flow().moved())));
        });
        if (!section.isEmpty()) into.set(SECTION, section);
    }

    /**
     * Takes up the migrations a lab was saved in the middle of, once every provider has loaded: a
     * flow goes on with the bytes it had left, a setup ends when it would have.
     */
    void load(Lab lab, LabJson from) {
        Map<String, Map.Entry<String, Long>> left = new LinkedHashMap<>();
        if (from.has(SECTION)) {
            LabJson section = from.object(SECTION);
            for (String id : section.fields().keySet()) {
                if (!LabJson.GUID.matcher(id).matches()) throw section.invalid(id, "expected a job id (GUID)");
                LabJson o = section.object(id);
                String phase = o.string("phase");
                if (!phase.equals(DISK) && !phase.equals(MEMORY)) throw o.invalid("phase", "expected disk or memory, not " + phase);
                left.put(id, Map.entry(phase, o.integer("left", 0, Long.MAX_VALUE)));
            }
        }
        lab.clock().scheduleAt(lab.clock().now(), now -> lab.write(LOCK, t -> {
            for (SimHost h : lab.hosts())
                for (SimJob job : h.jobs()) {
                    if (!MigrationService.isMigration(job) || job.state() != JobState.RUNNING || job.data(NETWORK) == null) continue;
                    var l = left.get(job.id());
                    if (l != null) start(lab, job, l.getKey(), l.getValue());
                    else if (started(job).plus(MigrationCosts.SETUP).isAfter(now))
                        setups.put(job.id(), lab.clock().scheduleAt(started(job).plus(MigrationCosts.SETUP), at -> next(lab, job.id(), null)));
                }
            return null;
        }));
    }
}
