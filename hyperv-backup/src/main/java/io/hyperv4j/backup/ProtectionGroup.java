package io.hyperv4j.backup;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

/**
 * A protection group (Get-DPMProtectionGroup): its members (VM names), the daily time it was created
 * with, how long points are kept (Get-DPMPolicyObjective's RetentionRangeDays) and when it makes
 * points by itself (Get-DPMPolicySchedule).
 *
 * @param name              the group's name
 * @param members           the VMs it protects
 * @param recoveryPointTime the daily time of the scheduled express full the group was created with
 * @param retention         the retention range
 * @param schedule          its schedule now (what {@link DataProtection#setSchedule} last set)
 */
public record ProtectionGroup(String name, List<String> members, LocalTime recoveryPointTime, Duration retention, ProtectionSchedule schedule) {
    /**
     * Copies the member list.
     *
     * @param name              the group's name
     * @param members           the VMs it protects
     * @param recoveryPointTime the daily time of the scheduled express full the group was created with
     * @param retention         the retention range
     * @param schedule          its schedule now
     */
    public ProtectionGroup {
        members = List.copyOf(members);
        java.util.Objects.requireNonNull(schedule, "schedule");
    }
}
