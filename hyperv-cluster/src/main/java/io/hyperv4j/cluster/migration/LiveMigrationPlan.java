package io.hyperv4j.cluster.migration;

import java.time.Duration;
import java.util.List;

/**
 * How one live migration unfolds, phase by phase, as the {@link LiveMigrationModel} computes it.
 * Times are offsets from the start of the migration.
 *
 * @param setup          preparing the destination (VM shell, memory reservation) before any copy
 * @param rounds         the pre-copy rounds while the VM runs on the source, in order
 * @param blackout       the final pause: last dirty pages, device state, pass-through disk
 *                       ownership, switch of ownership; zero when {@link #cancelled()}
 * @param passThroughPause the part of the blackout spent waiting for pass-through disks
 * @param cleanup        releasing the source after the VM runs on the destination
 * @param cancelled      true when the blackout would exceed the input's limit: the migration
 *                       stops as soon as that is known (after its setup when even the least
 *                       reachable pause exceeds the limit, with no round; else when the rounds
 *                       stop) and the VM stays on the source
 * @param projectedBlackout the blackout the migration would have had (equal to blackout unless
 *                       cancelled; when cancelled after setup, the least pause it could have reached)
 * @param residualBytes  what the guest dirtied after the last round, copied during the pause
 */
public record LiveMigrationPlan(Duration setup, List<Round> rounds, Duration blackout, Duration passThroughPause,
                                Duration cleanup, boolean cancelled, Duration projectedBlackout, long residualBytes) {

    /**
     * Copies the rounds.
     *
     * @param setup             preparing the destination
     * @param rounds            the pre-copy rounds
     * @param blackout          the final pause
     * @param passThroughPause  the part of it spent on pass-through disks
     * @param cleanup           releasing the source
     * @param cancelled         whether the blackout limit stopped the migration
     * @param projectedBlackout the blackout it would have had
     * @param residualBytes     what was copied during the pause
     */
    public LiveMigrationPlan {
        rounds = List.copyOf(rounds);
    }

    /** One pre-copy round: the bytes sent and how long sending them took. */
    public record Round(int index, long bytes, Duration duration) {
    }

    /**
     * When the pre-copy ends and the VM is paused (or, when cancelled, when the migration stops).
     *
     * @return the offset from the start
     */
    public Duration preCopyEnd() {
        Duration t = setup;
        for (Round r : rounds) t = t.plus(r.duration());
        return t;
    }

    /**
     * When the destination owns the VM and runs it.
     *
     * @return the offset from the start
     */
    public Duration switchover() {
        return preCopyEnd().plus(blackout);
    }

    /**
     * Start to end, as a console reports a migration's duration.
     *
     * @return the duration
     */
    public Duration total() {
        return cancelled ? preCopyEnd() : switchover().plus(cleanup);
    }

    /**
     * Bytes sent in the pre-copy rounds (not counting the pause's).
     *
     * @return the sum of the rounds' bytes
     */
    public long bytesCopied() {
        return rounds.stream().mapToLong(Round::bytes).sum();
    }
}
