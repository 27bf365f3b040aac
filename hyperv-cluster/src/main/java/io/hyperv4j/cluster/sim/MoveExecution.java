package io.hyperv4j.cluster.sim;

import static io.hyperv4j.cluster.sim.ClusterError.ERROR_CANCELLED;
import static io.hyperv4j.cluster.sim.ClusterError.ERROR_INVALID_STATE;

import io.hyperv4j.cluster.migration.Limits;
import io.hyperv4j.cluster.migration.LiveMigrationInput;
import io.hyperv4j.cluster.migration.LiveMigrationModel;
import io.hyperv4j.cluster.migration.LiveMigrationPlan;
import io.hyperv4j.cluster.migration.MigrationLink;
import io.hyperv4j.sim.Fabric;
import io.hyperv4j.substrate.Seconds;
import io.hyperv4j.substrate.StorageModel;
import java.util.ArrayList;
import io.hyperv4j.cluster.migration.QuickMigrationModel;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.substrate.FlowNetwork;
import java.util.List;
import io.hyperv4j.sim.Scheduler;
import io.hyperv4j.sim.ShownFlow;
import io.hyperv4j.sim.SimActivity;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.Txn;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs moves on the lab clock once {@link ClusterEngine#move} accepted them: a live migration's
 * pre-copy rounds (the guest writing its memory, the dirty pages copied as flows on the lab's fabric,
 * each round decided by the model from what the last one took), the pause and the switch of ownership; a quick migration's save, move and restore; a cancel. Called under the lab lock.
 */
final class MoveExecution {
    private static final Logger LOG = LoggerFactory.getLogger(MoveExecution.class);
    private static final Duration LOCK = Duration.ofMinutes(5);
    private static final long MIB = 1024L * 1024;
    /** The kinds of a quick migration's flows on its storage's link. */
    static final String QUICK_SAVE = "cluster/quick-migration/save", QUICK_RESTORE = "cluster/quick-migration/restore";

    private final ClusterEngine engine;

    MoveExecution(ClusterEngine engine) {
        this.engine = engine;
    }

    void startLive(Txn txn, SimMigration m, SimVm vm) {
        GuestMemory mem = engine.memoryOf(vm);
        mem.markAllDirty();
        m.destinationImage = GuestMemory.empty();
        afterSetup(m);
    }

    /** The setup, then the first round (or, when even the least pause is over the blackout limit, the cancel). */
    private void afterSetup(SimMigration m) {
        publish(m, SimActivity.LIVE_MIGRATION_SETUP, 0, m.started, m.livePlan.setup());
        Instant copyStart = m.started.plus(m.livePlan.setup());
        if (m.livePlan.cancelled() && m.livePlan.rounds().isEmpty()) at(m, copyStart, txn -> cancelOverLimit(txn, m));
        else at(m, copyStart, txn -> beginRound(txn, m, 0, engine.lab.vm(m.group.vmId).memoryMb() * MIB));
    }

    /**
     * The plan's input for {@code m} now: the VM's memory and workload, its network's full speed
     * (what the pages could use alone) and round trip.
     */
    LiveMigrationInput input(SimVm vm, SimNetwork net, java.util.Optional<Duration> blackoutLimit, double bitsPerSecond) {
        VmTraits t = engine.traits(vm.id());
        long bytes = vm.memoryMb() * MIB;
        return new LiveMigrationInput(bytes, t.workload.dirtyBytesPerSecond(), t.workload.workingSetBytes(bytes), t.passThroughDisks,
                new MigrationLink(bitsPerSecond, net.roundTrip), blackoutLimit);
    }

    /**
     * The plan of a live migration about to start on {@code net}: its rounds projected at what a new
     * flow would get on both adapters now (the lab's other flows, other migrations included, keep
     * theirs). It is planned again after every round with the rate the round achieved.
     */
    LiveMigrationPlan plan(SimVm vm, SimNode source, SimNode dest, SimNetwork net, java.util.Optional<Duration> blackoutLimit) {
        double bits = net.bitsPerSecond;
        for (String link : adapters(net, source, dest)) bits = Math.min(bits, engine.lab.fabric().newcomerShare(link) * 8);
        return engine.liveModel().plan(input(vm, net, blackoutLimit, bits));
    }

    /** The two nodes' adapters on {@code net} as links of the lab's fabric, made or resized to the network's speed. */
    List<String> adapters(SimNetwork net, SimNode a, SimNode b) {
        String from = Fabric.adapter(a.name, net.name), to = Fabric.adapter(b.name, net.name);
        engine.lab.fabric().link(from, net.bitsPerSecond / 8, Double.POSITIVE_INFINITY);
        engine.lab.fabric().link(to, net.bitsPerSecond / 8, Double.POSITIVE_INFINITY);
        return List.of(from, to);
    }

    /**
     * Takes up a move restored from a lab file where it was saved: the hardware's current phase is
     * published again (the activity log is not saved), a copy under way goes on with the bytes it
     * had left, and the steps still to come follow, so the move goes on as if the lab had never been
     * closed. Steps due while the lab was closed run as soon as it is loaded.
     */
    void resume(SimMigration m) {
        if (m.kind == SimMigration.Kind.QUICK) {
            resumeQuick(m);
            return;
        }
        if (m.group.owner == m.destination) {
            Instant switched = m.pausedAt.plus(m.outage);
            publish(m, SimActivity.LIVE_MIGRATION_CLEANUP, 0, switched, m.livePlan.cleanup());
            at(m, switched.plus(m.livePlan.cleanup()), txn -> endLive(txn, m, "COMPLETED", null, ""));
        } else if (m.phase == SimMigration.Phase.BLACKOUT) {
            copy(m, SimActivity.LIVE_MIGRATION_BLACKOUT, m.copyLeft, false, afterPauseCopy(m), end -> at(m, end.plus(afterPauseCopy(m)), txn -> switchOver(txn, m)));
        } else if (m.round >= 0) {
            long bytes = m.livePlan.rounds().get(m.round).bytes();
            int round = m.round;
            copy(m, SimActivity.LIVE_MIGRATION_COPY, m.copyLeft, false, sync(m), end -> at(m, end.plus(sync(m)), txn -> afterRound(txn, m, round, bytes)));
        } else {
            afterSetup(m);
        }
    }

    /** At a round's start: the guest's writes during the previous round are dirty; send the dirty pages. */
    private void beginRound(Txn txn, SimMigration m, int round, long bytes) {
        SimVm vm = engine.lab.vm(m.group.vmId);
        if (vm == null) return;
        txn.touch(m.group);
        m.phase = SimMigration.Phase.COPYING;
        m.round = round;
        m.roundStarted = txn.now();
        GuestMemory mem = engine.memoryOf(vm);
        if (round > 0) guestWrites(vm, mem, bytes);
        mem.copyDirtyTo(m.destinationImage);
        copy(m, SimActivity.LIVE_MIGRATION_COPY, bytes, true, sync(m), end -> at(m, end.plus(sync(m)), t2 -> afterRound(t2, m, round, bytes)));
    }

    /**
     * A round's pages are through and synchronised: the model decides from what the round took (at
     * the rate its share of the links gave it) whether another round follows or the VM pauses, and
     * the plan is projected again from here.
     */
    private void afterRound(Txn txn, SimMigration m, int round, long bytes) {
        SimVm vm = engine.lab.vm(m.group.vmId);
        if (vm == null) return;
        txn.touch(m.group);
        SimNetwork net = m.source.cluster.network(m.network);
        LiveMigrationInput in = input(vm, net, m.blackoutLimit, net.bitsPerSecond);
        double seconds = Limits.toSeconds(Duration.between(m.roundStarted, txn.now()));
        double copying = seconds - engine.liveModel().syncSeconds(in);
        double rate = copying > 0 ? bytes / copying : engine.liveModel().throughput(in.link());
        LiveMigrationModel.Step next = engine.liveModel().afterRound(in, round, bytes, seconds, rate);
        List<LiveMigrationPlan.Round> done = new ArrayList<>(m.livePlan.rounds().subList(0, round));
        done.add(new LiveMigrationPlan.Round(round, bytes, Limits.seconds(seconds)));
        txn.touch(m.group);
        m.replan(engine.liveModel().continueFrom(in, done, next, rate));
        if (!next.pause()) beginRound(txn, m, round + 1, next.bytes());
        else if (m.livePlan.cancelled()) cancelOverLimit(txn, m);
        else pause(txn, m, next.bytes());
    }

    private void cancelOverLimit(Txn txn, SimMigration m) {
        endLive(txn, m, "CANCELLED", ERROR_CANCELLED, "the pause would last " + m.livePlan.projectedBlackout().toMillis()
                + " ms, over the blackout limit; the VM keeps running on " + m.source.name);
    }

    /** The synchronisation round trips after each copy. */
    private Duration sync(SimMigration m) {
        return Limits.seconds(engine.liveModel().parameters().roundTripsPerRound() * Limits.toSeconds(m.source.cluster.network(m.network).roundTrip));
    }

    /** What the pause takes after its last pages are through: synchronisation, the switch, the pass-through disks. */
    private Duration afterPauseCopy(SimMigration m) {
        SimVm vm = engine.lab.vm(m.group.vmId);
        return sync(m).plus(engine.liveModel().parameters().switchoverFixed())
                .plus(engine.liveModel().passThroughPause(vm == null ? 0 : engine.traits(vm.id()).passThroughDisks));
    }

    /**
     * Sends {@code bytes} of pages (or, resuming, {@code wireBytes} already on the wire's scale)
     * across both nodes' adapters as a flow of the lab's fabric: it shares them fairly with the
     * other migrations, transfers, redirected I/O and backups there, speeds up when they end, and
     * the published activity follows its rate, spanning {@code tail} after the pages too (the
     * phase's synchronisation or the rest of the pause). {@code then} gets the instant the pages are through.
     */
    private void copy(SimMigration m, String kind, long bytes, boolean pages, Duration tail, Consumer<Instant> then) {
        release(m);
        SimNetwork net = m.network == null ? null : m.source.cluster.network(m.network);
        double efficiency = engine.liveModel().parameters().protocolEfficiency();
        long wire = pages ? (long) Math.ceil(bytes / efficiency) : bytes;
        Instant now = engine.lab.clock().now();
        if (net == null || wire <= 0) {
            m.copyLeft = 0;
            then.accept(now);
            return;
        }
        double demand = engine.liveModel().throughput(new MigrationLink(net.bitsPerSecond, net.roundTrip)) / efficiency;
        m.copyLeft = wire;
        m.fabricFlow = engine.lab.fabric().start(new FlowNetwork.FlowSpec(kind, wire, demand, 1 << 16, adapters(net, m.source, m.destination)),
                then, f -> f.projectedEnd().ifPresent(end -> {
                    // the pages at the flow's rate until they are through, then the phase's tail (a round's
                    // synchronisation, the rest of the pause) with nothing on the wire: the phase spans what it did
                    Instant at = engine.lab.clock().now();
                    engine.lab.activities().endAll(m.group.vmId, at);
                    publish(m, kind, f.rate() * efficiency, at, Duration.between(at, end));
                    publish(m, kind, 0, end, tail);
                }));
    }

    /** Ends the migration's flow on the fabric. */
    static void release(SimMigration m) {
        if (m.fabricFlow != null) m.fabricFlow.close();
        m.fabricFlow = null;
        if (m.shownFlow != null) m.shownFlow.end();
        m.shownFlow = null;
    }

    /** Tells the lab's activity log what the hardware does for this phase, so counter models follow the move. */
    private void publish(SimMigration m, String kind, double bytesPerSecond, Instant start, Duration duration) {
        if (duration.isZero() || duration.isNegative()) return;
        engine.lab.activities().publish(kind, m.group.vmId, m.source.name, m.destination.name, m.network, bytesPerSecond, start, start.plus(duration));
    }

    private void guestWrites(SimVm vm, GuestMemory mem, long bytes) {
        long memBytes = Math.max(1, vm.memoryMb() * MIB);
        int pages = (int) Math.min(GuestMemory.PAGES, Math.round((double) bytes * GuestMemory.PAGES / memBytes));
        if (bytes > 0) pages = Math.max(1, pages);
        int ws = (int) Math.ceil(engine.traits(vm.id()).workload.workingSetFraction() * GuestMemory.PAGES);
        mem.write(engine.lab.random(), pages, ws);
    }

    /** Pre-copy is over: the VM pauses, its last pages and device state cross, then the switch. */
    private void pause(Txn txn, SimMigration m, long residual) {
        SimVm vm = engine.lab.vm(m.group.vmId);
        txn.touch(m.group);
        txn.touch(vm);
        m.phase = SimMigration.Phase.BLACKOUT;
        m.pausedAt = txn.now();
        GuestMemory mem = engine.memoryOf(vm);
        guestWrites(vm, mem, residual);
        vm.state(PowerState.PAUSED, txn.now());
        mem.copyDirtyTo(m.destinationImage); // the last pages, with the VM paused
        copy(m, SimActivity.LIVE_MIGRATION_BLACKOUT, residual, true, afterPauseCopy(m), end -> at(m, end.plus(afterPauseCopy(m)), t2 -> switchOver(t2, m)));
    }

    private void switchOver(Txn txn, SimMigration m) {
        SimVm vm = engine.lab.vm(m.group.vmId);
        SimCluster c = m.source.cluster;
        txn.touch(m.group);
        long sourceDigest = engine.memoryOf(vm).digest();
        long destDigest = m.destinationImage.digest();
        engine.lab.moveVm(txn, vm, engine.lab.host(m.destination.name));
        vm.state(PowerState.RUNNING, txn.now());
        engine.memory.put(vm.id(), m.destinationImage);
        release(m);
        m.group.owner = m.destination;
        m.sourceDigest = sourceDigest;
        m.destinationDigest = destDigest;
        m.outage = Duration.between(m.pausedAt, txn.now()); // measured: the pause as the shared links made it
        publish(m, SimActivity.LIVE_MIGRATION_CLEANUP, 0, txn.now(), m.livePlan.cleanup());
        at(m, txn.now().plus(m.livePlan.cleanup()), t2 -> endLive(t2, m, "COMPLETED", null, ""));
        LOG.debug("{} now runs on {} in cluster {}", m.group.name, m.destination.name, c.name);
    }

    private void endLive(Txn txn, SimMigration m, String outcome, ClusterError why, String detail) {
        SimGroup g = m.group;
        if (g.migration != m) return;
        txn.touch(g);
        g.migration = null;
        cancelTasks(m);
        Duration outage = outcome.equals("COMPLETED") ? m.outage : Duration.ZERO;
        if (!outcome.equals("COMPLETED")) {
            engine.lab.activities().endAll(g.vmId, txn.now());
            g.failed(why, detail);
            SimVm vm = engine.lab.vm(g.vmId);
            if (vm != null && vm.host().name().equalsIgnoreCase(m.source.name) && vm.state() == PowerState.PAUSED) {
                txn.touch(vm);
                vm.state(PowerState.RUNNING, txn.now());
            }
        }
        record(m, txn.now(), outage, outcome, detail);
        afterMove(txn, m, outcome.equals("COMPLETED"));
    }

    void startQuick(Txn txn, SimMigration m, SimVm vm) {
        at(m, m.started.plus(m.quickPlan.prepare()), t2 -> save(t2, m, groupBytes(m.group)));
    }

    /**
     * The VM stops answering and its memory is written to its storage as a flow on the storage's
     * link (the CSV or the role's disk), sharing it with every other save, restore and I/O there.
     */
    private void save(Txn txn, SimMigration m, long bytes) {
        quickPhase(txn, m, SimMigration.Phase.SAVING, PowerState.SAVING, SimGroup.State.PENDING, false);
        if (m.pausedAt == null) m.pausedAt = txn.now();
        StorageModel storage = engine.quickModel().parameters().storage();
        storageCopy(m, QUICK_SAVE, bytes, storage.saveBytesPerSecond(), t2 -> {
            quickPhase(t2, m, SimMigration.Phase.MOVING, PowerState.SAVED, null, false);
            at(m, t2.now().plus(m.quickPlan.move()), t3 -> restore(t3, m, groupBytes(m.group)));
        });
    }

    /** The memory of all the role's VMs that exist: a quick migration saves and restores them together. */
    long groupBytes(SimGroup g) {
        long mb = 0;
        for (String id : g.vmIds()) {
            SimVm v = engine.lab.vm(id);
            if (v != null) mb += v.memoryMb();
        }
        return mb * MIB;
    }

    /** Ownership has moved: the destination reads the memory back from the storage, as a flow on its link. */
    private void restore(Txn txn, SimMigration m, long bytes) {
        quickPhase(txn, m, SimMigration.Phase.RESTORING, PowerState.RESUMING, null, true);
        storageCopy(m, QUICK_RESTORE, bytes, engine.quickModel().parameters().storage().restoreBytesPerSecond(), t2 -> {
            quickPhase(t2, m, SimMigration.Phase.FINISHING, PowerState.RUNNING, SimGroup.State.ONLINE, false);
            m.outage = Duration.between(m.pausedAt, t2.now()); // measured: the save and restore as the shared storage made them
            finishQuick(m, t2.now());
        });
    }

    /** The job's work after the restore, while the VM runs on the destination; then the record. */
    private void finishQuick(SimMigration m, Instant restored) {
        at(m, restored.plus(m.quickPlan.finish()), t2 -> {
            SimVm v = engine.lab.vm(m.group.vmId);
            SimGroup g = m.group;
            t2.touch(g);
            g.migration = null;
            cancelTasks(m);
            long d = engine.memoryOf(v).digest();
            m.sourceDigest = d;
            m.destinationDigest = d;
            record(m, t2.now(), m.outage, "COMPLETED", "");
            afterMove(t2, m, true);
        });
    }

    /** Takes up a quick migration loaded from a lab file in its phase (a copy under way goes on with the bytes it had left). */
    private void resumeQuick(SimMigration m) {
        StorageModel storage = engine.quickModel().parameters().storage();
        switch (m.phase) {
            case PREPARING -> startQuick(null, m, null);
            case SAVING -> storageCopy(m, QUICK_SAVE, m.copyLeft, storage.saveBytesPerSecond(), t2 -> {
                quickPhase(t2, m, SimMigration.Phase.MOVING, PowerState.SAVED, null, false);
                at(m, t2.now().plus(m.quickPlan.move()), t3 -> restore(t3, m, groupBytes(m.group)));
            });
            case MOVING -> at(m, m.roundStarted.plus(m.quickPlan.move()), t3 -> restore(t3, m, groupBytes(m.group)));
            case RESTORING -> storageCopy(m, QUICK_RESTORE, m.copyLeft, storage.restoreBytesPerSecond(), t2 -> {
                quickPhase(t2, m, SimMigration.Phase.FINISHING, PowerState.RUNNING, SimGroup.State.ONLINE, false);
                m.outage = Duration.between(m.pausedAt, t2.now());
                finishQuick(m, t2.now());
            });
            default -> finishQuick(m, m.roundStarted);
        }
    }

    /**
     * Moves {@code bytes} between the VM's memory and its storage as a flow on the storage's link,
     * wanting {@code demand} bytes a second; {@code then} runs when they are through. A role whose
     * storage is no link (no CSV or disk of its own) takes the time the storage model gives alone.
     */
    private void storageCopy(SimMigration m, String kind, long bytes, double demand, Consumer<Txn> then) {
        release(m);
        String link = engine.storage().storageLink(m.source.cluster, m.group);
        Instant now = engine.lab.clock().now();
        m.copyLeft = bytes;
        if (link == null || bytes <= 0) {
            at(m, now.plus(Seconds.of(Math.max(0, bytes) / demand)), then);
            return;
        }
        // shown as the storage work it is, by the host doing it: the source saves, the destination restores (it owns the VM by then)
        m.shownFlow = new ShownFlow(engine.lab, kind.equals(QUICK_SAVE) ? SimActivity.STATE_SAVE : SimActivity.STATE_RESTORE, m.group.vmId,
                engine.lab.vm(m.group.vmId).host().name(), null, link);
        m.fabricFlow = engine.lab.fabric().start(new FlowNetwork.FlowSpec(kind, bytes, demand, 1 << 20, List.of(link)), end -> at(m, end, then),
                m.shownFlow);
    }

    /**
     * Enters a quick migration's {@code phase}: the VM's state, the role's state if given, and with
     * {@code handOver} the VM and the role go to the destination.
     */
    private void quickPhase(Txn t2, SimMigration m, SimMigration.Phase phase, PowerState vmState, SimGroup.State groupState, boolean handOver) {
        t2.touch(m.group);
        if (handOver) {
            m.group.owner = m.destination;
            m.source.cluster.carryDisks(t2, m.group, m.destination);
        }
        for (String id : m.group.vmIds()) { // every VM of the role: those sharing its disk go with it
            SimVm v = engine.lab.vm(id);
            if (v == null) continue;
            if (handOver) engine.lab.moveVm(t2, v, engine.lab.host(m.destination.name));
            t2.touch(v);
            v.state(vmState, t2.now());
        }
        if (groupState != null) m.group.state = groupState;
        m.phase = phase;
        m.roundStarted = t2.now();
    }

    /** Cancels a live migration still copying: the VM keeps running on its source, untouched. */
    void cancel(Txn txn, SimGroup g) {
        SimMigration m = g.migration;
        if (m == null) throw ClusterEngine.refusal(ERROR_INVALID_STATE, "'" + g.name + "' has no move in progress");
        if (m.kind != SimMigration.Kind.LIVE || m.phase == SimMigration.Phase.BLACKOUT || g.owner == m.destination)
            throw ClusterEngine.refusal(ERROR_INVALID_STATE, "the move of '" + g.name + "' is past the point where it can be cancelled (" + m.phase + ")");
        endLive(txn, m, "CANCELLED", ERROR_CANCELLED, "cancelled by request");
    }

    void record(SimMigration m, Instant end, Duration outage, String outcome, String detail) {
        m.source.cluster.history.add(new MigrationRecord(m.group.name, m.group.vmId, m.kind.name(), m.source.name,
                m.destination.name, m.started, end, outage, outcome, detail, m.sourceDigest, m.destinationDigest,
                m.network == null ? "" : m.network));
    }

    private void afterMove(Txn txn, SimMigration m, boolean ok) {
        if (m.fromDrain) {
            if (ok) {
                txn.touch(m.group);
                m.group.drainedFrom = m.source.name;
            } else if (m.source.drainStatus == SimNode.DrainStatus.IN_PROGRESS) {
                txn.touch(m.source);
                m.source.drainStatus = SimNode.DrainStatus.FAILED;
            }
        }
        engine.drains().pump(txn, m.source.cluster);
    }

    private void at(SimMigration m, Instant when, Consumer<Txn> body) {
        Scheduler.Task task = engine.lab.clock().scheduleAt(when, t -> engine.lab.write(LOCK, txn -> {
            if (m.group.migration != m) return null;
            body.accept(txn);
            return null;
        }));
        m.tasks.add(task);
    }

    static void cancelTasks(SimMigration m) {
        m.tasks.forEach(Scheduler.Task::cancel);
        m.tasks.clear();
        release(m);
    }

}
