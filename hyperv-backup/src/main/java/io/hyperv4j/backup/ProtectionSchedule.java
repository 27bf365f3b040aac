package io.hyperv4j.backup;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

/**
 * When a protection group makes recovery points by itself (Set-DPMPolicySchedule): an express full of
 * every member that has a replica at each of the day's times, over the path of the member's last
 * point; and, for a member protected from inside the guest, a synchronisation every
 * {@code synchronizationFrequency}. A member without a replica is skipped until one is made.
 *
 * @param expressFullTimes         the day's express full times (the lab clock's UTC day), at least one
 * @param synchronizationFrequency how often in-guest members synchronise; null: never
 */
public record ProtectionSchedule(List<LocalTime> expressFullTimes, Duration synchronizationFrequency) {
    /**
     * Checks and copies the times.
     *
     * @param expressFullTimes         the day's express full times, at least one
     * @param synchronizationFrequency how often in-guest members synchronise; null: never
     * @throws IllegalArgumentException when there is no time, or the frequency is not positive
     */
    public ProtectionSchedule {
        if (expressFullTimes == null || expressFullTimes.isEmpty())
            throw new IllegalArgumentException("a schedule needs at least one express full time");
        expressFullTimes = expressFullTimes.stream().distinct().sorted().toList();
        if (synchronizationFrequency != null && (synchronizationFrequency.isNegative() || synchronizationFrequency.isZero()))
            throw new IllegalArgumentException("the synchronisation frequency must be positive, not " + synchronizationFrequency);
    }

    /**
     * One express full a day, no synchronisation: what {@link DataProtection#createGroup} sets.
     *
     * @param time the daily time
     * @return the schedule
     */
    public static ProtectionSchedule daily(LocalTime time) {
        return new ProtectionSchedule(List.of(time), null);
    }
}
