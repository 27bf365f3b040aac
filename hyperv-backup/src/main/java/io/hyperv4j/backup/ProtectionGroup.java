package io.hyperv4j.backup;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

/**
 * A protection group (Get-DPMProtectionGroup): its members (VM names), the daily time of its
 * application recovery point, and how long points are kept.
 *
 * @param name          the group's name
 * @param members       the VMs it protects
 * @param recoveryPointTime the daily time of the scheduled express full
 * @param retention     the retention range
 */
public record ProtectionGroup(String name, List<String> members, LocalTime recoveryPointTime, Duration retention) {
    /**
     * Copies the member list.
     *
     * @param name          the group's name
     * @param members       the VMs it protects
     * @param recoveryPointTime the daily time of the scheduled express full
     * @param retention     the retention range
     */
    public ProtectionGroup {
        members = List.copyOf(members);
    }
}
