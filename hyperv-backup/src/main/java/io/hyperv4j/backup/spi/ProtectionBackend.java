package io.hyperv4j.backup.spi;

import io.hyperv4j.backup.BackupEvent;
import io.hyperv4j.backup.BackupKind;
import io.hyperv4j.backup.BackupPath;
import io.hyperv4j.backup.ProtectionGroup;
import io.hyperv4j.backup.RecoveryPoint;
import io.hyperv4j.backup.RestoreTarget;
import io.hyperv4j.backup.vss.VssProvider;
import io.hyperv4j.backup.vss.VssRequester;
import io.hyperv4j.backup.vss.VssSnapshot;
import io.hyperv4j.backup.vss.VssWriter;
import io.hyperv4j.backup.vss.VssWriterStatus;
import io.hyperv4j.cim.ObjectPath;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

/**
 * What a data-protection server knows and does, behind {@link io.hyperv4j.backup.DataProtection}:
 * groups, recovery points, the jobs it runs, the VSS writers, providers and shadow copies of its
 * hosts. A binding implements it (the simulator's, found as a host capability). Refusals are
 * {@link io.hyperv4j.backup.BackupRefusedException}s thrown before anything changed.
 */
public interface ProtectionBackend {
    /**
     * A job the server started, and what it will leave when it succeeds.
     *
     * @param job    the CIM_ConcreteJob that reports its progress and end
     * @param result the recovery point's id (backup) or where the VM was restored (restore)
     */
    record Started(ObjectPath job, String result) {
    }

    /**
     * New-DPMProtectionGroup.
     *
     * @param name              the group's name
     * @param recoveryPointTime the daily recovery point
     * @param retention         the retention range
     * @return the group
     */
    ProtectionGroup createGroup(String name, LocalTime recoveryPointTime, Duration retention);

    /**
     * Add-DPMChildDatasource: protects a VM in a group.
     *
     * @param group the group's name
     * @param vm    the VM's name or id
     * @return the group as it is now
     */
    ProtectionGroup addMember(String group, String vm);

    /**
     * Sets a group's schedule.
     *
     * @param group    the group's name
     * @param schedule its schedule
     * @return the group
     */
    ProtectionGroup setSchedule(String group, io.hyperv4j.backup.ProtectionSchedule schedule);

    /**
     * Get-DPMProtectionGroup.
     *
     * @return the groups, in name order
     */
    List<ProtectionGroup> groups();

    /**
     * Starts a backup job of a protected VM.
     *
     * @param vm   the VM's name or id
     * @param kind replica, express full or synchronisation
     * @param path network or hardware pair
     * @return the job and the id its recovery point will have
     */
    Started backup(String vm, BackupKind kind, BackupPath path);

    /**
     * Get-DPMRecoveryPoint.
     *
     * @param vm the VM's name or id
     * @return its points, oldest first
     */
    List<RecoveryPoint> recoveryPoints(String vm);

    /**
     * Starts a restore.
     *
     * @param vm      the VM's name or id
     * @param pointId the recovery point
     * @param target  where to
     * @return the job and what the restore yields
     */
    Started restore(String vm, String pointId, RestoreTarget target);

    /**
     * The events the server's jobs logged, oldest first.
     *
     * @return the events
     */
    List<BackupEvent> events();

    /**
     * The VSS writers of the managed hosts and their guests.
     *
     * @return the writers
     */
    List<VssWriter> writers();

    /**
     * The state of each writer {@link #writers()} lists, in the same order.
     *
     * @return the writers' states
     */
    List<VssWriterStatus> writerStatus();

    /**
     * The VSS providers installed.
     *
     * @return the providers
     */
    List<VssProvider> providers();

    /**
     * The shadow copies that exist now.
     *
     * @return the shadow copies
     */
    List<VssSnapshot> shadowCopies();

    /**
     * A VSS requester on the host the server was reached from, for one backup.
     *
     * @param timeout the longest wait for each asynchronous VSS step
     * @return a new requester
     */
    VssRequester vssRequester(java.time.Duration timeout);
}
