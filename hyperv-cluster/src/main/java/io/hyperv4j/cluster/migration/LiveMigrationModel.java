package io.hyperv4j.cluster.migration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Live migration as Hyper-V performs it: prepare the destination, copy all memory while the VM
 * runs, then copy again what the guest dirtied meanwhile, round after round, until what is left
 * is small enough or the round limit is reached; then pause the VM, copy the rest with the
 * device state, wait for pass-through disks to change owner, and resume on the destination.
 * <p>Pure and deterministic: the same input gives the same plan. See hyperv-cluster/docs/cluster.md
 * for the parameters and how they were calibrated against the seed papers.
 */
public final class LiveMigrationModel {
    private final Parameters p;

    /**
     * A model with these constants.
     *
     * @param parameters the constants
     */
    public LiveMigrationModel(Parameters parameters) {
        this.p = Objects.requireNonNull(parameters, "parameters");
    }

    /**
     * The calibrated model (Windows Server 2008 R2 era hardware, as in seeds 000 and 002).
     *
     * @return the model
     */
    public static LiveMigrationModel calibrated() {
        return new LiveMigrationModel(Parameters.CALIBRATED);
    }

    /**
     * The model's constants.
     *
     * @return the parameters
     */
    public Parameters parameters() {
        return p;
    }

    /**
     * Bytes per second the migration actually moves over {@code link}.
     *
     * @param link the network
     * @return the throughput: the line rate times the protocol efficiency, at most a TCP window per round trip per stream
     */
    public double throughput(MigrationLink link) {
        double lineRate = link.bitsPerSecond() / 8 * p.protocolEfficiency();
        double rtt = link.roundTripSeconds();
        double windowBound = rtt > 0 ? p.streams() * p.tcpWindowBytes() / rtt : Double.POSITIVE_INFINITY;
        return Math.min(lineRate, windowBound);
    }

    /**
     * How a migration with this input unfolds.
     *
     * @param in the VM, workload, link and limits
     * @return the plan, phase by phase
     */
    public LiveMigrationPlan plan(LiveMigrationInput in) {
        double rate = throughput(in.link());
        // the least pause any pre-copy can reach: the switch, the disks, and one stop-copy window of writes
        Duration leastPause = pause(in, dirtied(in, Limits.toSeconds(p.stopCopyTarget())), rate);
        if (in.blackoutLimit().map(limit -> leastPause.compareTo(limit) > 0).orElse(false))
            return new LiveMigrationPlan(p.setup(), List.of(), Duration.ZERO, Duration.ZERO, p.cleanup(), true, leastPause, 0);
        return continueFrom(in, List.of(), Step.copy(in.memoryBytes()), rate);
    }

    /**
     * What is left of a migration whose pre-copy rounds so far went as {@code done}, from its next
     * step on, with pages moving at {@code rate} from now: the rounds to come, the pause and whether
     * the blackout limit cancels it. A migration whose link is shared is planned again this way
     * after every round, with the rate that round achieved.
     *
     * @param in   the VM, workload, link and limits
     * @param done the rounds taken (their bytes and how long they really took)
     * @param next what comes next ({@link #afterRound} of the last of them; a copy of all memory first)
     * @param rate bytes of pages per second from now, positive
     * @return the plan: {@code done} followed by the projection
     */
    public LiveMigrationPlan continueFrom(LiveMigrationInput in, List<LiveMigrationPlan.Round> done, Step next, double rate) {
        Limits.between("page rate (bytes/s)", rate, Double.MIN_NORMAL, Double.MAX_VALUE);
        List<LiveMigrationPlan.Round> rounds = new ArrayList<>(done);
        Step step = next;
        while (!step.pause()) {
            int index = rounds.size();
            double seconds = step.bytes() / rate + syncSeconds(in);
            rounds.add(new LiveMigrationPlan.Round(index, step.bytes(), seconds(seconds)));
            step = afterRound(in, index, step.bytes(), seconds, rate);
        }
        Duration projected = pause(in, step.bytes(), rate);
        boolean cancel = in.blackoutLimit().map(limit -> projected.compareTo(limit) > 0).orElse(false);
        Duration passThrough = passThroughPause(in.passThroughDisks());
        return new LiveMigrationPlan(p.setup(), rounds, cancel ? Duration.ZERO : projected,
                cancel ? Duration.ZERO : passThrough, p.cleanup(), cancel, projected, step.bytes());
    }

    /**
     * What follows a pre-copy round: another round with what the guest dirtied meanwhile, or the
     * pause with what is left. Pre-copy stops when what is left takes no longer than the stop-copy
     * target to send at {@code rate} (then only the last short pass's writes are left), when a round
     * did not shrink what is left (the guest outruns the link: repeating it would not help), or at
     * the round limit (everything dirtied in the last round goes in the pause).
     *
     * @param in      the VM, workload, link and limits
     * @param index   the round's index, from 0
     * @param sent    the bytes the round sent
     * @param seconds how long the round took, its synchronisation included
     * @param rate    the bytes of pages per second the round achieved, positive
     * @return the next step
     */
    public Step afterRound(LiveMigrationInput in, int index, long sent, double seconds, double rate) {
        long dirty = dirtied(in, seconds);
        if (dirty <= (long) (rate * Limits.toSeconds(p.stopCopyTarget())))
            return Step.pauseWith(dirtied(in, Limits.toSeconds(p.stopCopyTarget())));
        if (dirty >= sent || index + 1 >= p.maxRounds()) return Step.pauseWith(dirty);
        return Step.copy(dirty);
    }

    /**
     * A step of the pre-copy: a round that copies {@code bytes}, or the pause that copies them.
     *
     * @param pause whether the VM pauses now
     * @param bytes what the step copies
     */
    public record Step(boolean pause, long bytes) {
        /**
         * A pre-copy round.
         *
         * @param bytes what it copies
         * @return the step
         */
        public static Step copy(long bytes) {
            return new Step(false, bytes);
        }

        /**
         * The pause.
         *
         * @param residual what is copied with the VM paused
         * @return the step
         */
        public static Step pauseWith(long residual) {
            return new Step(true, residual);
        }
    }

    /**
     * The synchronisation at the end of each round (and of the pause's copy): round trips on the link.
     *
     * @param in the input
     * @return seconds
     */
    public double syncSeconds(LiveMigrationInput in) {
        return p.roundTripsPerRound() * in.link().roundTripSeconds();
    }

    /**
     * The final pause: the switch, the last {@code residual} bytes at {@code rate} with their
     * synchronisation, the pass-through disks.
     *
     * @param in       the input
     * @param residual the bytes copied with the VM paused
     * @param rate     bytes of pages per second, positive
     * @return how long the VM is paused
     */
    public Duration pause(LiveMigrationInput in, long residual, double rate) {
        return p.switchoverFixed().plus(seconds(residual / rate + syncSeconds(in))).plus(passThroughPause(in.passThroughDisks()));
    }

    /** Pages the guest dirties in {@code seconds}: its rate, bounded by what it keeps rewriting. */
    static long dirtied(LiveMigrationInput in, double seconds) {
        return (long) Math.min(in.writableWorkingSetBytes(), in.dirtyBytesPerSecond() * seconds);
    }

    /**
     * How long the paused VM waits for its pass-through disks to change owner: a fixed cluster disk
     * hand-over once any is attached, a per-disk release and reservation, and a queueing delay per
     * disk beyond the number the cluster arbitrates at once.
     *
     * @param disks the number of pass-through disks
     * @return the wait; zero without disks
     */
    public Duration passThroughPause(int disks) {
        Limits.within("pass-through disks", disks, 0, Limits.MAX_DISKS_PER_VM);
        if (disks == 0) return Duration.ZERO;
        double s = Limits.toSeconds(p.passThroughFixed()) + disks * Limits.toSeconds(p.passThroughPerDisk())
                + Math.max(0, disks - p.passThroughParallel()) * Limits.toSeconds(p.passThroughQueued());
        return seconds(s);
    }

    static Duration seconds(double s) {
        return Limits.seconds(s);
    }

    /**
     * The model's constants.
     *
     * @param protocolEfficiency share of the line rate that carries memory pages (TCP/IP and framing overhead)
     * @param tcpWindowBytes     bytes in flight per stream (bounds throughput on long paths)
     * @param streams            TCP connections used in parallel
     * @param setup              destination preparation before the first round
     * @param cleanup            source release after the switch
     * @param maxRounds          the most pre-copy rounds before the VM is paused regardless
     * @param stopCopyTarget     pre-copy stops once what is left takes no longer than this to send
     * @param roundTripsPerRound synchronisation round trips at the end of each round
     * @param switchoverFixed    pause, device state transfer and ownership switch without disks
     * @param passThroughFixed   once any pass-through disk is attached
     * @param passThroughPerDisk per pass-through disk
     * @param passThroughParallel disks arbitrated at once without queueing
     * @param passThroughQueued  extra per disk beyond {@code passThroughParallel}
     */
    public record Parameters(double protocolEfficiency, long tcpWindowBytes, int streams, Duration setup, Duration cleanup,
                             int maxRounds, Duration stopCopyTarget, int roundTripsPerRound, Duration switchoverFixed,
                             Duration passThroughFixed, Duration passThroughPerDisk, int passThroughParallel,
                             Duration passThroughQueued) {
        /** The constants calibrated against seeds 000 and 002 (see hyperv-cluster/docs/cluster.md). */
        public static final Parameters CALIBRATED = new Parameters(0.94, 4L << 20, 1,
                Duration.ofMillis(6_000), Duration.ofMillis(1_000), 10, Duration.ofMillis(250), 2,
                Duration.ofMillis(950), Duration.ofMillis(4_390), Duration.ofMillis(307), 8, Duration.ofMillis(410));

        /**
         * Validates the constants.
         *
         * @param protocolEfficiency  share of the line rate carrying pages, within (0, 1]
         * @param tcpWindowBytes      bytes in flight per stream, positive
         * @param streams             TCP connections, positive
         * @param setup               destination preparation
         * @param cleanup             source release
         * @param maxRounds           the most pre-copy rounds, at least 1
         * @param stopCopyTarget      the remaining send time at which pre-copy stops
         * @param roundTripsPerRound  round trips at the end of each round
         * @param switchoverFixed     pause and switch without disks
         * @param passThroughFixed    once any pass-through disk is attached
         * @param passThroughPerDisk  per pass-through disk
         * @param passThroughParallel disks arbitrated at once
         * @param passThroughQueued   extra per disk beyond those
         * @throws IllegalArgumentException when a constant is out of range or a duration negative
         */
        public Parameters {
            Limits.between("protocol efficiency", protocolEfficiency, 0.01, 1);
            Limits.within("TCP window (bytes)", tcpWindowBytes, 1, 1L << 30);
            Limits.within("streams", streams, 1, 1024);
            Limits.within("pre-copy rounds", maxRounds, 1, 1000);
            Limits.within("round trips per round", roundTripsPerRound, 0, 1000);
            Limits.within("pass-through disks arbitrated at once", passThroughParallel, 0, Limits.MAX_DISKS_PER_VM);
            Limits.step("setup", setup);
            Limits.step("cleanup", cleanup);
            Limits.step("stop-copy target", stopCopyTarget);
            Limits.step("switchover", switchoverFixed);
            Limits.step("pass-through fixed pause", passThroughFixed);
            Limits.step("pass-through pause per disk", passThroughPerDisk);
            Limits.step("pass-through queueing per disk", passThroughQueued);
        }
    }
}
