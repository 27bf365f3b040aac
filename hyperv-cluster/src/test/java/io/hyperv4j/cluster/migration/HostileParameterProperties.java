package io.hyperv4j.cluster.migration;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.substrate.StorageModel;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Issue 18, validation at the door: hostile parameters (NaN, infinities, zero, negatives, huge and
 * tiny values) are refused where they are set, naming the parameter; whatever the models accept
 * gives durations that are never negative, NaN or clipped at Long.MAX_VALUE nanoseconds.
 */
class HostileParameterProperties {
    static final long MIB = 1L << 20;

    @Provide
    Arbitrary<Double> hostileDoubles() {
        return io.hyperv4j.substrate.HostileNumbers.doubles();
    }

    @Provide
    Arbitrary<Duration> hostileDurations() {
        return Arbitraries.oneOf(Arbitraries.of(Duration.ZERO, Duration.ofNanos(-1), Duration.ofSeconds(Long.MIN_VALUE),
                        Duration.ofSeconds(Long.MAX_VALUE), Duration.ofDays(-365)),
                Arbitraries.longs().between(-1_000_000_000_000L, 1_000_000_000_000L).map(Duration::ofNanos));
    }

    @Provide
    Arbitrary<Long> memories() {
        return Arbitraries.oneOf(Arbitraries.of(Long.MIN_VALUE, -1L, 0L, 1L, Limits.MAX_VM_MEMORY_BYTES, Limits.MAX_VM_MEMORY_BYTES + 1, Long.MAX_VALUE),
                Arbitraries.longs().between(1, Limits.MAX_VM_MEMORY_BYTES));
    }

    @Property
    void aLinkIsRefusedOrGivesSoundPlans(@ForAll("hostileDoubles") double bits, @ForAll("hostileDurations") Duration rtt,
                                         @ForAll("memories") long memory, @ForAll("hostileDoubles") double dirty,
                                         @ForAll @IntRange(min = -5, max = 300) int disks) {
        MigrationLink link;
        LiveMigrationInput in;
        try {
            link = new MigrationLink(bits, rtt);
            in = new LiveMigrationInput(memory, dirty, memory / 4, disks, link, Optional.empty());
        } catch (IllegalArgumentException refused) {
            assertTrue(!(bits >= Limits.MIN_LINK_BITS_PER_SECOND && bits <= Limits.MAX_LINK_BITS_PER_SECOND) || rtt.isNegative()
                    || rtt.compareTo(Limits.MAX_ROUND_TRIP) > 0 || memory < 1 || memory > Limits.MAX_VM_MEMORY_BYTES
                    || !(dirty >= 0) || Double.isInfinite(dirty) || disks < 0 || disks > Limits.MAX_DISKS_PER_VM, refused.getMessage());
            assertTrue(refused.getMessage().matches(".*(link speed|round-trip|memory|dirty rate|pass-through|working set).*"), refused.getMessage());
            return;
        }
        LiveMigrationPlan plan = LiveMigrationModel.calibrated().plan(in);
        for (Duration d : List.of(plan.total(), plan.blackout(), plan.preCopyEnd(), plan.projectedBlackout()))
            assertFalse(d.isNegative(), d.toString());
        double lowerBound = memory * 8 / bits;
        assertTrue(Limits.toSeconds(plan.total()) >= lowerBound * 0.999, "never faster than memory / bandwidth: " + plan.total());
        assertTrue(plan.rounds().stream().allMatch(r -> !r.duration().isNegative()));
    }

    @Property
    void quickMigrationParametersAreRefusedOrSound(@ForAll("hostileDoubles") double save, @ForAll("hostileDoubles") double restore,
                                                   @ForAll("hostileDurations") Duration overhead, @ForAll("hostileDurations") Duration move,
                                                   @ForAll("memories") long memory) {
        QuickMigrationModel model;
        try {
            model = new QuickMigrationModel(new QuickMigrationModel.Parameters(new StorageModel(save, restore), overhead, move, overhead));
        } catch (IllegalArgumentException refused) {
            assertTrue(!(save >= StorageModel.MIN_MIB_PER_SECOND && save <= StorageModel.MAX_MIB_PER_SECOND)
                    || !(restore >= StorageModel.MIN_MIB_PER_SECOND && restore <= StorageModel.MAX_MIB_PER_SECOND)
                    || overhead.isNegative() || move.isNegative() || overhead.compareTo(Limits.MAX_STEP) > 0
                    || move.compareTo(Limits.MAX_STEP) > 0, refused.getMessage());
            return;
        }
        QuickMigrationModel.Plan plan;
        try {
            plan = model.plan(memory);
        } catch (IllegalArgumentException refused) {
            assertTrue(memory < 1 || memory > Limits.MAX_VM_MEMORY_BYTES, refused.getMessage());
            return;
        }
        assertFalse(plan.total().isNegative());
        assertTrue(plan.total().compareTo(plan.save()) >= 0 && plan.total().compareTo(plan.restore()) >= 0);
        assertTrue(plan.outage().compareTo(plan.total()) <= 0, "the outage is part of the job");
        assertFalse(plan.outage().isNegative());
    }

    @Property
    void secondsAreExactOrRefusedNeverClipped(@ForAll("hostileDoubles") double s) {
        Duration d;
        try {
            d = Limits.seconds(s);
        } catch (ArithmeticException refused) {
            assertTrue(!(s >= 0) || s >= 9.2e18, "refused " + s);
            return;
        }
        assertEquals(s, Limits.toSeconds(d), Math.max(1e-9, Math.ulp(s) * 2));
    }

    /** Issue 18: 12 TiB over 1 kb/s takes about 3,900 years; the plan says so instead of 292 years. */
    @Property(tries = 1)
    void aHugeMoveIsNotClippedAt292Years() {
        LiveMigrationPlan plan = LiveMigrationModel.calibrated().plan(LiveMigrationInput.of(Limits.MAX_VM_MEMORY_BYTES, Workload.IDLE,
                new MigrationLink(Limits.MIN_LINK_BITS_PER_SECOND, Duration.ZERO)));
        double expected = Limits.MAX_VM_MEMORY_BYTES * 8 / (Limits.MIN_LINK_BITS_PER_SECOND * 0.94);
        assertTrue(plan.total().getSeconds() > 292L * 365 * 86400, plan.total().toString());
        assertEquals(expected, Limits.toSeconds(plan.rounds().get(0).duration()), expected * 1e-9);
    }

    @Property(tries = 1)
    void passThroughDisksStopAtHyperVsLimit() {
        LiveMigrationModel m = LiveMigrationModel.calibrated();
        assertTrue(m.passThroughPause(Limits.MAX_DISKS_PER_VM).compareTo(m.passThroughPause(32)) > 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.passThroughPause(1000));
        assertTrue(e.getMessage().contains("pass-through disks must be within 0..260: 1000"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LiveMigrationInput.of(MIB, Workload.IDLE, MigrationLink.GIGABIT_LAN).withPassThroughDisks(261));
    }
}
