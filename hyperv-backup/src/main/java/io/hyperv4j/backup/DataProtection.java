package io.hyperv4j.backup;

import io.hyperv4j.JobFailedException;
import io.hyperv4j.backup.spi.ProtectionBackend;
import io.hyperv4j.backup.vss.VssProvider;
import io.hyperv4j.backup.vss.VssRequester;
import io.hyperv4j.backup.vss.VssSnapshot;
import io.hyperv4j.backup.vss.VssWriter;
import io.hyperv4j.backup.vss.VssWriterStatus;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.job.JobOperation;
import io.hyperv4j.job.Operation;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Objects;

/**
 * A data-protection server for Hyper-V VMs, as DPM is one. {@code host.capability(DataProtection.class)}
 * gives the server protecting the host.
 *
 * <pre>{@code
 * DataProtection dpm = host.capability(DataProtection.class);
 * dpm.createGroup("Exchange", LocalTime.of(15, 0), Duration.ofDays(5));
 * dpm.addMember("Exchange", "GUEST1");
 * String replica = dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.NETWORK).await();
 * dpm.restore("GUEST1", replica, RestoreTarget.folder(Path.of("/restore"))).await();
 * }</pre>
 * Thread-safety: as safe as its backend; every call reads the server afresh.
 */
public final class DataProtection {
    private final ProtectionBackend backend;
    private final CimSession session;
    /** The least default wait of a backup or restore: the paper's jobs run for hours (a replica over the network 2 h 17 min). */
    public static final Duration MIN_JOB_WAIT = Duration.ofHours(12);
    private final Duration operationTimeout;

    /**
     * A server over {@code backend} whose jobs are seen through {@code session}.
     *
     * @param backend          what the server knows and does
     * @param session          the session its jobs live on
     * @param operationTimeout the host's operation timeout; jobs wait at least {@link #MIN_JOB_WAIT} by default
     */
    public DataProtection(ProtectionBackend backend, CimSession session, Duration operationTimeout) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.session = Objects.requireNonNull(session, "session");
        Objects.requireNonNull(operationTimeout, "operationTimeout");
        this.operationTimeout = operationTimeout.compareTo(MIN_JOB_WAIT) < 0 ? MIN_JOB_WAIT : operationTimeout;
    }

    /**
     * New-DPMProtectionGroup.
     *
     * @param name              the group's name
     * @param recoveryPointTime the daily time of its express full
     * @param retention         how long its points are kept
     * @return the group
     * @throws BackupRefusedException when a group of that name exists
     */
    public ProtectionGroup createGroup(String name, LocalTime recoveryPointTime, Duration retention) {
        return backend.createGroup(name, recoveryPointTime, retention);
    }

    /**
     * Sets when a group makes recovery points by itself (Set-DPMPolicySchedule); a new group has
     * {@link ProtectionSchedule#daily} at its recovery point time. Points older than the group's
     * retention range are deleted as the schedule runs (a point a kept express full builds on is merged
     * into it first).
     *
     * @param group    the group's name
     * @param schedule its schedule
     * @return the group
     * @throws BackupRefusedException when the group does not exist
     */
    public ProtectionGroup setSchedule(String group, ProtectionSchedule schedule) {
        return backend.setSchedule(group, java.util.Objects.requireNonNull(schedule, "schedule"));
    }

    /**
     * Protects a VM in a group.
     *
     * @param group the group's name
     * @param vm    the VM's name or id
     * @return the group as it is now
     * @throws BackupRefusedException when the group or VM does not exist, or the VM is already protected
     */
    public ProtectionGroup addMember(String group, String vm) {
        return backend.addMember(group, vm);
    }

    /**
     * The protection groups.
     *
     * @return the groups, in name order
     */
    public List<ProtectionGroup> groups() {
        return backend.groups();
    }

    /**
     * Starts a backup of a protected VM: VSS gathers writer metadata, prepares, freezes the writers,
     * commits the shadow copy (a hardware provider splits the volume pair), thaws within seconds, and the
     * data is copied to the backup store; the job leaves a recovery point.
     *
     * @param vm   the VM's name or id
     * @param kind replica, express full or synchronisation
     * @param path network or hardware pair
     * @return the job; it yields the recovery point's id, or fails with {@link BackupFailedException}
     * @throws BackupRefusedException when the job cannot start (see {@link BackupRefusal})
     */
    public Operation<String> backup(String vm, BackupKind kind, BackupPath path) {
        ProtectionBackend.Started s = backend.backup(vm, kind, path);
        return track(s, kind + " of " + vm);
    }

    /**
     * The recovery points of a VM.
     *
     * @param vm the VM's name or id
     * @return its points, oldest first
     */
    public List<RecoveryPoint> recoveryPoints(String vm) {
        return backend.recoveryPoints(vm);
    }

    /**
     * Starts a restore of a recovery point. The point's files are checked first; a restore to the
     * original location turns the VM off and leaves its configuration resource Failed (events 21502
     * and 1069) until it is brought online.
     *
     * @param vm      the VM's name or id
     * @param pointId the recovery point's id
     * @param target  where to
     * @return the job; it yields the restored VM's id (original, host) or the folder (folder)
     * @throws BackupRefusedException when the point does not exist, a file is damaged, or the target cannot take it
     */
    public Operation<String> restore(String vm, String pointId, RestoreTarget target) {
        ProtectionBackend.Started s = backend.restore(vm, pointId, target);
        return track(s, "restore of " + vm + " from " + pointId);
    }

    /**
     * The events the server's jobs logged.
     *
     * @return the events, oldest first
     */
    public List<BackupEvent> events() {
        return backend.events();
    }

    /**
     * The VSS writers of the protected hosts and their guests ({@code vssadmin list writers}), with
     * their components: the Hyper-V writer's are the VMs ({@link io.hyperv4j.backup.vss.HyperVWriter#vms}).
     *
     * @return the writers
     */
    public List<VssWriter> writers() {
        return backend.writers();
    }

    /**
     * The state and last error of each writer, in the order of {@link #writers()}.
     *
     * @return the writers' states
     */
    public List<VssWriterStatus> writerStatus() {
        return backend.writerStatus();
    }

    /**
     * A VSS requester on the host this server was reached from, to drive one backup's VSS sequence
     * yourself (gather metadata, select VMs, snapshot set, backup complete).
     *
     * @param timeout the longest wait for each asynchronous VSS step (finite, positive)
     * @return a new requester; close it when done
     * @throws IllegalArgumentException when {@code timeout} is not positive
     */
    public VssRequester vssRequester(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive: " + timeout);
        return backend.vssRequester(timeout);
    }

    /**
     * The VSS providers ({@code vssadmin list providers}).
     *
     * @return the providers
     */
    public List<VssProvider> providers() {
        return backend.providers();
    }

    /**
     * The shadow copies that exist now ({@code vssadmin list shadows}).
     *
     * @return the shadow copies
     */
    public List<VssSnapshot> shadowCopies() {
        return backend.shadowCopies();
    }

    private Operation<String> track(ProtectionBackend.Started s, String description) {
        String result = s.result();
        return JobOperation.track(session, s.job(), description, operationTimeout, () -> result, () -> result,
                DataProtection::failure);
    }

    private static RuntimeException failure(JobFailedException e) {
        long code = e.errorCode();
        if (code == 30111 || code == 30112) return new BackupFailedException((int) code, e.getMessage());
        return e;
    }
}
