package io.hyperv4j.cluster.sim;

import static io.hyperv4j.cluster.sim.ClusterError.ERROR_CANCELLED;
import static io.hyperv4j.cluster.sim.ClusterError.ERROR_INVALID_STATE;

import io.hyperv4j.cluster.migration.Limits;
import io.hyperv4j.cluster.migration.LiveMigrationPlan;
import io.hyperv4j.cluster.migration.QuickMigrationModel;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.substrate.FlowNetwork;
import java.util.List;
import io.hyperv4j.sim.Scheduler;
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
 * pre-copy rounds (the guest writing its memory, the dirty pages copied), the pause and the switch
 * of ownership; a quick migration's save, move and restore; a cancel. Called under the lab lock.
 */
final class MoveExecution {
    private static final Logger LOG = LoggerFactory.getLogger(MoveExecution.class);
    private static final Duration LOCK = Duration.ofMinutes(5);
    private static final long MIB = 1024L * 1024;

    private final ClusterEngine engine;

    MoveExecution(ClusterEngine engine) {
        this.engine = engine;
    }

    void startLive(Txn txn, SimMigration m, SimVm vm) {
        GuestMemory mem = engine.memoryOf(vm);
        mem.markAllDirty();
        m.destinationImage = GuestMemory.empty();
        publish(m, SimActivity.LIVE_MIGRATION_SETUP, 0, m.started, m.livePlan.setup());
        scheduleLive(m);
    }

    /**
     * Schedules the steps of a live migration it has not taken yet, at the plan's times: every step
     * when it starts, the rest when a lab saved mid-move is loaded (see {@link #resume}).
     */
    private void scheduleLive(SimMigration m) {
        LiveMigrationPlan plan = m.livePlan;
        Instant t = m.started.plus(plan.setup());
        for (int i = 0; i < plan.rounds().size(); i++) {
            final int round = i;
            if (round > m.round) at(m, t, txn2 -> beginRound(txn2, m, round));
            t = t.plus(plan.rounds().get(i).duration());
        }
        Instant preCopyEnd = t;
        if (plan.cancelled()) {
            at(m, preCopyEnd, txn2 -> endLive(txn2, m, "CANCELLED", ERROR_CANCELLED, "the pause would last "
                    + plan.projectedBlackout().toMillis() + " ms, over the blackout limit; the VM keeps running on " + m.source.name));
            return;
        }
        boolean switched = m.group.owner == m.destination;
        if (m.phase != SimMigration.Phase.BLACKOUT && !switched) at(m, preCopyEnd, txn2 -> pause(txn2, m));
        if (!switched) at(m, preCopyEnd.plus(plan.blackout()), txn2 -> switchOver(txn2, m));
        at(m, preCopyEnd.plus(plan.blackout()).plus(plan.cleanup()), txn2 -> endLive(txn2, m, "COMPLETED", null, ""));
    }

    /** A live migration still in setup was planned again (another move shares its link): its steps follow the new plan. */
    void reschedule(Txn txn, SimMigration m) {
        cancelTasks(m);
        engine.lab.activities().endAll(m.group.vmId, txn.now());
        Instant copyStart = m.started.plus(m.livePlan.setup());
        publish(m, SimActivity.LIVE_MIGRATION_SETUP, 0, txn.now(), Duration.between(txn.now(), copyStart));
        scheduleLive(m);
    }

    /**
     * Takes up a move restored from a lab file where it was saved: the hardware's current phase is
     * published again (the activity log is not saved) and the steps still to come are scheduled, so
     * the move goes on as if the lab had never been closed. Steps due while the lab was closed run
     * as soon as it is loaded.
     */
    void resume(SimMigration m) {
        if (m.kind == SimMigration.Kind.QUICK) {
            scheduleQuick(m);
            return;
        }
        LiveMigrationPlan plan = m.livePlan;
        Instant preCopyEnd = m.started.plus(plan.preCopyEnd());
        if (m.group.owner == m.destination) {
            publish(m, SimActivity.LIVE_MIGRATION_CLEANUP, 0, preCopyEnd.plus(plan.blackout()), plan.cleanup());
        } else if (m.phase == SimMigration.Phase.BLACKOUT) {
            publish(m, SimActivity.LIVE_MIGRATION_BLACKOUT, plan.residualBytes(), preCopyEnd, plan.blackout());
            reserve(m, plan.residualBytes(), plan.blackout());
        } else if (m.round >= 0) {
            Instant begin = m.started.plus(plan.setup());
            for (int i = 0; i < m.round; i++) begin = begin.plus(plan.rounds().get(i).duration());
            LiveMigrationPlan.Round r = plan.rounds().get(m.round);
            publish(m, SimActivity.LIVE_MIGRATION_COPY, r.bytes(), begin, r.duration());
            reserve(m, r.bytes(), r.duration());
        } else {
            publish(m, SimActivity.LIVE_MIGRATION_SETUP, 0, m.started, plan.setup());
        }
        scheduleLive(m);
    }

    /** At a round boundary: the guest's writes during the previous round are dirty; send the dirty pages. */
    private void beginRound(Txn txn, SimMigration m, int round) {
        SimVm vm = engine.lab.vm(m.group.vmId);
        if (vm == null) return;
        txn.touch(m.group);
        m.phase = SimMigration.Phase.COPYING;
        m.round = round;
        GuestMemory mem = engine.memoryOf(vm);
        if (round > 0) guestWrites(vm, mem, m.livePlan.rounds().get(round).bytes());
        mem.copyDirtyTo(m.destinationImage);
        LiveMigrationPlan.Round r = m.livePlan.rounds().get(round);
        publish(m, SimActivity.LIVE_MIGRATION_COPY, r.bytes(), txn.now(), r.duration());
        reserve(m, r.bytes(), r.duration());
    }

    /**
     * Reserves the rate this phase's pages cross the network at on both nodes' adapters of the
     * lab's fabric, so transfers, redirected CSV I/O and backups there share what is left.
     */
    private void reserve(SimMigration m, long bytes, Duration d) {
        release(m);
        SimNetwork net = m.network == null ? null : m.source.cluster.network(m.network);
        if (net == null || bytes <= 0 || d.isZero()) return;
        List<String> links = engine.moves().shares().adapters(net, m.source, m.destination);
        m.fabricFlow = engine.lab.fabric().start(new FlowNetwork.FlowSpec(SimActivity.LIVE_MIGRATION_COPY, FlowNetwork.OPEN_ENDED,
                bytes / Limits.toSeconds(d), 1 << 16, links, true), at -> { });
    }

    /** Ends the migration's reservation on the fabric. */
    static void release(SimMigration m) {
        if (m.fabricFlow != null) m.fabricFlow.close();
        m.fabricFlow = null;
    }

    /** Tells the lab's activity log what the hardware does for this phase, so counter models follow the move. */
    private void publish(SimMigration m, String kind, long bytes, Instant start, Duration duration) {
        if (duration.isZero() || duration.isNegative()) return;
        engine.lab.activities().publish(kind, m.group.vmId, m.source.name, m.destination.name, m.network,
                bytes / Limits.toSeconds(duration), start, start.plus(duration));
    }

    private void guestWrites(SimVm vm, GuestMemory mem, long bytes) {
        long memBytes = Math.max(1, vm.memoryMb() * MIB);
        int pages = (int) Math.min(GuestMemory.PAGES, Math.round((double) bytes * GuestMemory.PAGES / memBytes));
        if (bytes > 0) pages = Math.max(1, pages);
        int ws = (int) Math.ceil(engine.traits(vm.id()).workload.workingSetFraction() * GuestMemory.PAGES);
        mem.write(engine.lab.random(), pages, ws);
    }

    private void pause(Txn txn, SimMigration m) {
        SimVm vm = engine.lab.vm(m.group.vmId);
        txn.touch(m.group);
        txn.touch(vm);
        m.phase = SimMigration.Phase.BLACKOUT;
        GuestMemory mem = engine.memoryOf(vm);
        guestWrites(vm, mem, m.livePlan.residualBytes());
        vm.state(PowerState.PAUSED, txn.now());
        mem.copyDirtyTo(m.destinationImage); // the last pages, with the VM paused
        publish(m, SimActivity.LIVE_MIGRATION_BLACKOUT, m.livePlan.residualBytes(), txn.now(), m.livePlan.blackout());
        reserve(m, m.livePlan.residualBytes(), m.livePlan.blackout());
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
        publish(m, SimActivity.LIVE_MIGRATION_CLEANUP, 0, txn.now(), m.livePlan.cleanup());
        LOG.debug("{} now runs on {} in cluster {}", m.group.name, m.destination.name, c.name);
    }

    private void endLive(Txn txn, SimMigration m, String outcome, ClusterError why, String detail) {
        SimGroup g = m.group;
        if (g.migration != m) return;
        txn.touch(g);
        g.migration = null;
        cancelTasks(m);
        Duration outage = outcome.equals("COMPLETED") ? m.livePlan.blackout() : Duration.ZERO;
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
        scheduleQuick(m);
    }

    /**
     * Schedules the steps of a quick migration it has not taken yet (all of them when it starts):
     * the VM runs while the job prepares, is down from the save to the end of the restore, and runs
     * on the destination while the job finishes.
     */
    private void scheduleQuick(SimMigration m) {
        QuickMigrationModel.Plan plan = m.quickPlan;
        Instant saveStart = m.started.plus(plan.saveStart());
        Instant saved = saveStart.plus(plan.save());
        Instant moved = saved.plus(plan.move());
        Instant restored = moved.plus(plan.restore());
        quickStep(m, saveStart, SimMigration.Phase.SAVING, PowerState.SAVING, SimGroup.State.PENDING, false);
        quickStep(m, saved, SimMigration.Phase.MOVING, PowerState.SAVED, null, false);
        quickStep(m, moved, SimMigration.Phase.RESTORING, PowerState.RESUMING, null, true);
        quickStep(m, restored, SimMigration.Phase.FINISHING, PowerState.RUNNING, SimGroup.State.ONLINE, false);
        at(m, restored.plus(plan.finish()), t2 -> {
            SimVm v = engine.lab.vm(m.group.vmId);
            SimGroup g = m.group;
            t2.touch(g);
            g.migration = null;
            long d = engine.memoryOf(v).digest();
            m.sourceDigest = d;
            m.destinationDigest = d;
            record(m, t2.now(), plan.outage(), "COMPLETED", "");
            afterMove(t2, m, true);
        });
    }

    /**
     * Schedules the quick-migration step that enters {@code phase} at {@code when}, unless the move is
     * there already (a lab loaded mid-move): the VM's state, the role's state if given, and with
     * {@code handOver} the VM and the role go to the destination.
     */
    private void quickStep(SimMigration m, Instant when, SimMigration.Phase phase, PowerState vmState, SimGroup.State groupState,
                           boolean handOver) {
        if (m.phase.compareTo(phase) >= 0) return;
        at(m, when, t2 -> {
            SimVm v = engine.lab.vm(m.group.vmId);
            t2.touch(m.group);
            if (handOver) {
                engine.lab.moveVm(t2, v, engine.lab.host(m.destination.name));
                m.group.owner = m.destination;
                m.source.cluster.carryDisks(t2, m.group, m.destination);
            }
            t2.touch(v);
            v.state(vmState, t2.now());
            if (groupState != null) m.group.state = groupState;
            m.phase = phase;
        });
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
