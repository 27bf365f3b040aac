package io.hyperv4j.backup.sim;

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
import io.hyperv4j.backup.spi.ProtectionBackend;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.SimJob;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/** The simulated server behind {@link io.hyperv4j.backup.DataProtection}; its jobs run on the host it was reached from. */
final class SimProtectionBackend implements ProtectionBackend {
    private final BackupLab backup;
    private final String host;

    SimProtectionBackend(BackupLab backup, String host) {
        this.backup = backup;
        this.host = host;
    }

    private static ObjectPath path(SimJob job) {
        return ObjectPath.of("root\\virtualization\\v2", "Msvm_ConcreteJob", Map.of("InstanceID", job.id()));
    }

    @Override public ProtectionGroup createGroup(String name, LocalTime time, Duration retention) { return backup.createGroup(name, time, retention); }
    @Override public ProtectionGroup addMember(String group, String vm) { return backup.addMember(group, vm); }
    @Override public List<ProtectionGroup> groups() { return backup.groups(); }
    @Override public ProtectionGroup setSchedule(String group, io.hyperv4j.backup.ProtectionSchedule schedule) { return backup.schedules.set(group, schedule); }

    @Override
    public Started backup(String vm, BackupKind kind, BackupPath via) {
        SimJob job = backup.startBackup(host, vm, kind, via);
        return new Started(path(job), job.data("point"));
    }

    @Override public List<RecoveryPoint> recoveryPoints(String vm) { return backup.recoveryPoints(vm); }

    @Override
    public Started restore(String vm, String pointId, RestoreTarget target) {
        SimJob job = backup.restores.start(host, vm, pointId, target);
        return new Started(path(job), target.kind() == RestoreTarget.Kind.FOLDER ? target.folder().toString() : job.data(Restores.RESTORED_VM));
    }

    @Override public List<BackupEvent> events() { return backup.events(); }
    @Override public List<VssWriter> writers() { return backup.read(() -> backup.vss.writers(backup.hyperVComponents())); }
    @Override public List<VssProvider> providers() { return backup.vss.providers(backup.hasHardwareProvider()); }
    @Override public List<VssWriterStatus> writerStatus() { return backup.read(() -> backup.vss.status(backup.hyperVComponents())); }
    @Override public List<VssSnapshot> shadowCopies() { return backup.shadowCopies(); }
    @Override public VssRequester vssRequester(Duration timeout) { return new SimVssRequester(backup, host, timeout); }
}
