package io.hyperv4j.cluster.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Monotonicity of the live-migration model beyond its calibration points. */
class MigrationModelProperties {
    static final long MIB = 1024 * 1024;
    final LiveMigrationModel model = LiveMigrationModel.calibrated();

    LiveMigrationInput input(long memMib, double dirtyMib, double gbps) {
        return new LiveMigrationInput(memMib * MIB, dirtyMib * MIB, memMib * MIB / 4, 0, MigrationLink.gbps(gbps), Optional.empty());
    }

    @Property
    void moreBandwidthNeverTakesLonger(@ForAll @LongRange(min = 512, max = 65536) long mem,
                                       @ForAll @DoubleRange(min = 0, max = 300) double dirty,
                                       @ForAll @DoubleRange(min = 0.1, max = 40) double gbps,
                                       @ForAll @DoubleRange(min = 1.01, max = 4) double factor) {
        LiveMigrationPlan slow = model.plan(input(mem, dirty, gbps));
        LiveMigrationPlan fast = model.plan(input(mem, dirty, gbps * factor));
        assertTrue(fast.blackout().compareTo(slow.blackout()) <= 0, "the pause, across regimes: " + slow.blackout() + " -> " + fast.blackout());
        String both = slow.total() + " (" + slow.rounds().size() + " rounds) -> " + fast.total() + " (" + fast.rounds().size() + " rounds)";
        if (fast.rounds().size() <= slow.rounds().size()) assertTrue(fast.total().compareTo(slow.total()) <= 0, both);
        else {
            // a faster link that now outruns the guest buys a shorter pause with more rounds: each round it adds is
            // shorter than the slower link's last one (it sends less, faster), so the move is longer by at most those rounds
            Duration lastSlow = slow.rounds().get(slow.rounds().size() - 1).duration();
            Duration bound = slow.total().plus(lastSlow.multipliedBy(fast.rounds().size() - slow.rounds().size()));
            assertTrue(fast.total().compareTo(bound) <= 0, both + ", bound " + bound);
        }
    }

    /** Whether pre-copy stopped because a round did not shrink what was left (the guest outran the link). */
    static boolean outran(LiveMigrationPlan plan) {
        return plan.residualBytes() >= plan.rounds().get(plan.rounds().size() - 1).bytes();
    }

    @Property
    void moreMemoryNeverTakesLess(@ForAll @LongRange(min = 512, max = 65536) long mem,
                                  @ForAll @DoubleRange(min = 0, max = 300) double dirty,
                                  @ForAll @DoubleRange(min = 0.1, max = 40) double gbps,
                                  @ForAll @LongRange(min = 1, max = 16384) long more) {
        LiveMigrationPlan small = model.plan(input(mem, dirty, gbps));
        LiveMigrationPlan big = model.plan(input(mem + more, dirty, gbps));
        assertTrue(big.total().compareTo(small.total()) > 0, small.total() + " vs " + big.total());
    }

    @Property
    void aHigherDirtyRateNeverShortensTheOutage(@ForAll @LongRange(min = 512, max = 65536) long mem,
                                                @ForAll @DoubleRange(min = 0, max = 300) double dirty,
                                                @ForAll @DoubleRange(min = 0.1, max = 40) double gbps,
                                                @ForAll @DoubleRange(min = 0.5, max = 300) double more) {
        LiveMigrationPlan calm = model.plan(input(mem, dirty, gbps));
        LiveMigrationPlan busy = model.plan(input(mem, dirty + more, gbps));
        assertTrue(busy.blackout().compareTo(calm.blackout()) >= 0, calm.blackout() + " vs " + busy.blackout());
        // a guest that outruns the link ends pre-copy at once (long pause), so only within one regime is the total monotone
        if (outran(calm) == outran(busy)) assertTrue(busy.total().compareTo(calm.total()) >= 0, calm.total() + " vs " + busy.total());
        // at the same number of rounds every round sends at least as much, so the move is never shorter
        if (calm.rounds().size() == busy.rounds().size()) assertTrue(busy.total().compareTo(calm.total()) >= 0,
                "same rounds: " + calm.total() + " vs " + busy.total());
    }

    /**
     * A longer round trip is less bandwidth and a longer synchronisation: the pause is never shorter,
     * nor the move at the same number of rounds (across a change of rounds the proof in substrate.md
     * for bandwidth applies).
     */
    @Property
    void aLongerRoundTripNeverMakesTheMoveFaster(@ForAll @LongRange(min = 512, max = 65536) long mem,
                                                 @ForAll @DoubleRange(min = 0, max = 300) double dirty,
                                                 @ForAll @DoubleRange(min = 0.1, max = 40) double gbps,
                                                 @ForAll @LongRange(min = 0, max = 100_000) long rttMicros,
                                                 @ForAll @LongRange(min = 1, max = 100_000) long moreMicros) {
        LiveMigrationPlan near = model.plan(new LiveMigrationInput(mem * MIB, dirty * MIB, mem * MIB / 4, 0,
                new MigrationLink(gbps * 1e9, Duration.ofNanos(rttMicros * 1000)), Optional.empty()));
        LiveMigrationPlan far = model.plan(new LiveMigrationInput(mem * MIB, dirty * MIB, mem * MIB / 4, 0,
                new MigrationLink(gbps * 1e9, Duration.ofNanos((rttMicros + moreMicros) * 1000)), Optional.empty()));
        assertTrue(far.blackout().compareTo(near.blackout()) >= 0, "the pause: " + near.blackout() + " -> " + far.blackout());
        if (near.rounds().size() == far.rounds().size())
            assertTrue(far.total().compareTo(near.total()) >= 0, "same rounds: " + near.total() + " -> " + far.total());
    }

    @Property
    void roundsAreBoundedAndTheFirstCopiesAllMemory(@ForAll @LongRange(min = 512, max = 65536) long mem,
                                                    @ForAll @DoubleRange(min = 0, max = 5000) double dirty,
                                                    @ForAll @DoubleRange(min = 0.01, max = 40) double gbps) {
        LiveMigrationPlan plan = model.plan(input(mem, dirty, gbps));
        assertTrue(plan.rounds().size() >= 1 && plan.rounds().size() <= model.parameters().maxRounds());
        assertEquals(mem * MIB, plan.rounds().get(0).bytes());
        assertTrue(plan.blackout().compareTo(model.parameters().switchoverFixed()) >= 0);
    }

    @Property
    void passThroughDisksOnlyLengthenThePause(@ForAll @IntRange(min = 0, max = 63) int disks) {
        LiveMigrationInput base = input(2048, 10, 1);
        Duration d0 = model.plan(base.withPassThroughDisks(disks)).blackout();
        Duration d1 = model.plan(base.withPassThroughDisks(disks + 1)).blackout();
        assertTrue(d1.compareTo(d0) > 0);
    }

    @Property
    void aBlackoutLimitCancelsExactlyWhenThePauseWouldExceedIt(@ForAll @LongRange(min = 512, max = 32768) long mem,
                                                               @ForAll @DoubleRange(min = 0, max = 500) double dirty,
                                                               @ForAll @IntRange(min = 50, max = 30000) int limitMs) {
        LiveMigrationInput in = input(mem, dirty, 1);
        Duration limit = Duration.ofMillis(limitMs);
        LiveMigrationPlan free = model.plan(in);
        LiveMigrationPlan limited = model.plan(in.withBlackoutLimit(limit));
        assertEquals(free.blackout().compareTo(limit) > 0, limited.cancelled());
        // cancelled as soon as known: never later than where the rounds would stop
        assertTrue(limited.preCopyEnd().compareTo(free.preCopyEnd()) <= 0);
    }

    /** Issue 18: pre-copy never repeats a round that did not shrink what is left to send. */
    @Property
    void everyRoundButTheFirstSendsLessThanTheOneBefore(@ForAll @LongRange(min = 512, max = 65536) long mem,
                                                        @ForAll @DoubleRange(min = 0, max = 5000) double dirty,
                                                        @ForAll @DoubleRange(min = 0.01, max = 40) double gbps) {
        List<LiveMigrationPlan.Round> rounds = model.plan(input(mem, dirty, gbps)).rounds();
        for (int i = 2; i < rounds.size(); i++)
            assertTrue(rounds.get(i).bytes() < rounds.get(i - 1).bytes(), "round " + i + " repeats " + rounds);
    }
}
