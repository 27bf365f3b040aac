package io.hyperv4j.cluster.sim;

import io.hyperv4j.cluster.migration.Limits;
import io.hyperv4j.cluster.migration.LiveMigrationPlan;
import io.hyperv4j.cluster.migration.QuickMigrationModel;
import io.hyperv4j.sim.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A move of a group in flight: live (pre-copy rounds) or quick (save, move, restore). */
public final class SimMigration {
    public enum Kind { LIVE, QUICK }

    /**
     * Where a move stands, as the VM resource's MigrationState private property reports; a quick
     * migration goes through PREPARING, SAVING, MOVING, RESTORING, FINISHING in this order.
     */
    public enum Phase { PREPARING, COPYING, BLACKOUT, SAVING, MOVING, RESTORING, FINISHING }

    final SimGroup group;
    final Kind kind;
    final SimNode source;
    final SimNode destination;
    final Instant started;
    Duration total;
    /** The plan; a live migration still in setup is planned again when another move comes to share its link. */
    LiveMigrationPlan livePlan;
    /** The pause the caller accepts at most (a live migration's MaximumBlackoutMs), if any. */
    java.util.Optional<Duration> blackoutLimit = java.util.Optional.empty();
    final QuickMigrationModel.Plan quickPlan;
    final String network;
    final boolean fromDrain;
    Phase phase;
    int round = -1;
    GuestMemory destinationImage;
    long sourceDigest;
    long destinationDigest;
    final List<Scheduler.Task> tasks = new ArrayList<>();
    /** This live migration's current copy (a round's or the pause's pages) on the lab's fabric (not saved; started again on resume). */
    io.hyperv4j.sim.Fabric.Flow fabricFlow;
    /** How a quick migration's save or restore under way is shown on the lab's activity log, or null. */
    io.hyperv4j.sim.ShownFlow shownFlow;
    /** Wire bytes the current copy had when it started (see {@link #copyLeft()}). */
    long copyLeft;
    /** When the current round began; when the VM paused; how long it was paused (measured at the switch). */
    Instant roundStarted, pausedAt;
    Duration outage = Duration.ZERO;

    SimMigration(SimGroup group, Kind kind, SimNode source, SimNode destination, Instant started,
                 LiveMigrationPlan livePlan, QuickMigrationModel.Plan quickPlan, String network, boolean fromDrain) {
        this.group = group;
        this.kind = kind;
        this.source = source;
        this.destination = destination;
        this.started = started;
        this.livePlan = livePlan;
        this.quickPlan = quickPlan;
        this.total = livePlan != null ? livePlan.total() : quickPlan.total();
        this.network = network;
        this.fromDrain = fromDrain;
        this.phase = Phase.PREPARING;
    }

    public SimGroup group() { return group; }
    public Kind kind() { return kind; }
    public SimNode source() { return source; }
    public SimNode destination() { return destination; }
    public Phase phase() { return phase; }
    public Instant started() { return started; }
    public LiveMigrationPlan livePlan() { return livePlan; }

    /** Wire bytes the current copy has still to send (0 between copies), for the lab file. */
    long copyLeft() {
        if (fabricFlow == null || !fabricFlow.isRunning()) return 0;
        return Math.max(0, (long) Math.ceil(copyLeft - fabricFlow.moved()));
    }

    /** Replaces the plan: what the rounds so far took, and the rest projected from there. */
    void replan(LiveMigrationPlan plan) {
        this.livePlan = plan;
        this.total = plan.total();
    }
    public String network() { return network; }

    /** Percent done at {@code now}: elapsed share of the planned total, 99 at most until it ends. */
    public int percent(Instant now) {
        double all = Limits.toSeconds(total);
        if (all <= 0) return 99;
        double done = Limits.toSeconds(Duration.between(started, now));
        return (int) Math.max(0, Math.min(99, done * 100 / all));
    }
}
