package io.hyperv4j.backup.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.backup.DataProtection;
import io.hyperv4j.backup.vss.HyperVWriter;
import io.hyperv4j.backup.vss.VssBackupType;
import io.hyperv4j.backup.vss.VssComponent;
import io.hyperv4j.backup.vss.VssError;
import io.hyperv4j.backup.vss.VssException;
import io.hyperv4j.backup.vss.VssRequester;
import io.hyperv4j.backup.vss.VssRequesterContract;
import io.hyperv4j.backup.vss.VssSnapshotSet;
import io.hyperv4j.backup.vss.VssWriter;
import io.hyperv4j.backup.vss.VssWriterState;
import io.hyperv4j.backup.vss.VssWriterStatus;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimVm;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulated requester, reached through {@link DataProtection#vssRequester}: the requester contract
 * every implementation passes, then what the simulator models: the Hyper-V writer's component per VM,
 * the steps' time on the lab clock, auto-release of the backup context's snapshots, and VSS's refusals.
 */
class SimVssRequesterTest extends VssRequesterContract {
    private Lab lab;
    private DataProtection dpm;

    @BeforeEach
    void openLab() {
        lab = BackupTemplates.seed004(4, SimClock.virtual(Lab.DEFAULT_START), false);
        dpm = lab.connect("HYPR1").capability(DataProtection.class);
    }

    /** The application's copy: the VM's replica, made now (the VM is off, the writer prepared it), put back. */
    @Override
    protected void putFilesBack(VssComponent component) {
        BackupLab.of(lab).putBack(component.name(), replica(component.name()));
    }

    /** A replica of the VM, in a protection group of its own. */
    private String replica(String vm) {
        String group = "g-" + vm;
        if (dpm.groups().stream().noneMatch(g -> g.name().equals(group))) {
            dpm.createGroup(group, java.time.LocalTime.of(3, 0), Duration.ofDays(5));
            dpm.addMember(group, vm);
        }
        return dpm.backup(vm, io.hyperv4j.backup.BackupKind.REPLICA, io.hyperv4j.backup.BackupPath.NETWORK).await(Duration.ofHours(4));
    }

    @AfterEach
    void closeLab() {
        lab.close();
    }

    @Override
    protected VssRequester open() {
        return dpm.vssRequester(Duration.ofMinutes(5));
    }

    @Override
    protected String volume() {
        return "C:\\ClusterStorage\\Volume1";
    }

    private VssWriter hyperVWriter(VssRequester r) {
        return r.gatherWriterMetadata(VssBackupType.FULL).stream().filter(HyperVWriter::is).findFirst().orElseThrow();
    }

    private HyperVWriter.VmComponent vm(VssWriter w, String name) {
        return HyperVWriter.vms(w).stream().filter(v -> v.vmName().equals(name)).findFirst().orElseThrow();
    }

    private SimVm simVm(String name) {
        return lab.hosts().stream().flatMap(h -> h.vms().stream()).filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theHyperVWritersComponentsAreTheHostsVmsOnlineWhenRunningAndSavedStateOtherwise() {
        lab.write(Duration.ofSeconds(5), txn -> {
            txn.touch(simVm("GUEST2"));
            simVm("GUEST2").state(PowerState.OFF, txn.now());
            return null;
        });
        try (VssRequester r = open()) {
            VssWriter w = hyperVWriter(r);
            Map<String, HyperVWriter.BackupMethod> methods = HyperVWriter.vms(w).stream()
                    .collect(Collectors.toMap(HyperVWriter.VmComponent::vmName, HyperVWriter.VmComponent::method));
            assertEquals(Map.of("GUEST1", HyperVWriter.BackupMethod.CHILD_PARTITION_SNAPSHOT, "GUEST2", HyperVWriter.BackupMethod.SAVED_STATE,
                    "GUEST3", HyperVWriter.BackupMethod.CHILD_PARTITION_SNAPSHOT, "GUEST4", HyperVWriter.BackupMethod.CHILD_PARTITION_SNAPSHOT), methods);
            assertEquals(simVm("GUEST1").id(), vm(w, "GUEST1").vmId(), "a component is named by its VM's GUID");
            assertTrue(dpm.writers().stream().anyMatch(x -> x.instanceId().equals(w.instanceId()) && x.components().equals(w.components())),
                    "the protection server lists the same writer the requester gathers");
        }
    }

    @Test
    void eachStepTakesItsTimeOnTheLabClockAndTheShadowCopyLivesUntilDeleted() {
        try (VssRequester r = open()) {
            Instant t0 = lab.clock().now();
            VssWriter w = hyperVWriter(r);
            r.addComponent(w, vm(w, "GUEST1").component());
            VssSnapshotSet set = r.createSnapshotSet(List.of(volume()));
            assertEquals(BackupLab.PREPARE.plus(BackupTimings.FREEZE_TO_THAW), Duration.between(t0, lab.clock().now()),
                    "gather and prepare, then freeze to thaw");
            assertEquals(t0.plus(BackupLab.PREPARE).plus(BackupTimings.FREEZE_TO_THAW.dividedBy(2)), set.snapshots().get(0).created(),
                    "committed halfway between freeze and thaw");
            assertEquals(VssWriterState.WAITING_FOR_BACKUP_COMPLETE, r.writerStatus().get(0).state());
            assertEquals(set.snapshots(), dpm.shadowCopies(), "vssadmin list shadows shows it");
            r.backupComplete();
            assertEquals(VssWriterState.STABLE, r.writerStatus().get(0).state());
            r.deleteSnapshotSet(set);
            assertTrue(dpm.shadowCopies().isEmpty());
        }
    }

    @Test
    void closingReleasesTheBackupContextsSnapshots() {
        try (VssRequester r = open()) {
            hyperVWriter(r);
            r.createSnapshotSet(List.of(volume(), "C:\\"));
            assertEquals(2, dpm.shadowCopies().size());
        }
        assertTrue(dpm.shadowCopies().isEmpty(), "auto-release: the snapshots go with the requester");
    }

    @Test
    void aWaitLongerThanTheTimeoutIsCancelledAndSaysTimeout() {
        try (VssRequester r = dpm.vssRequester(Duration.ofSeconds(10))) {
            Instant t0 = lab.clock().now();
            VssException e = assertThrows(VssException.class, () -> r.gatherWriterMetadata(VssBackupType.FULL));
            assertEquals(VssError.TIMEOUT, e.error());
            assertEquals(Duration.ofSeconds(10), Duration.between(t0, lab.clock().now()), "it waited the timeout, on the lab clock");
        }
        assertThrows(IllegalArgumentException.class, () -> dpm.vssRequester(Duration.ZERO));
    }

    @Test
    void unknownVolumesAndComponentsAreRefusedAndNothingIsLeft() {
        try (VssRequester r = open()) {
            VssWriter w = hyperVWriter(r);
            VssException c = assertThrows(VssException.class, () -> r.addComponent(w, new VssComponent(2, "", "not-a-vm", "x", true)));
            assertEquals(VssError.OBJECT_NOT_FOUND, c.error());
            VssException v = assertThrows(VssException.class, () -> r.createSnapshotSet(List.of("Q:\\")));
            assertEquals(VssError.VOLUME_NOT_SUPPORTED, v.error());
            assertTrue(v.getMessage().contains("Q:\\"), v.getMessage());
            assertTrue(dpm.shadowCopies().isEmpty());
            r.createSnapshotSet(List.of(volume()));
        }
    }

    @Test
    void oneSnapshotSetIsCreatedAtATime() {
        try (VssRequester first = open(); VssRequester second = open()) {
            hyperVWriter(first);
            hyperVWriter(second);
            java.util.concurrent.atomic.AtomicReference<VssException> refused = new java.util.concurrent.atomic.AtomicReference<>();
            lab.clock().schedule(Duration.ofSeconds(10), at -> refused.set(assertThrows(VssException.class,
                    () -> second.createSnapshotSet(List.of("C:\\")))));
            first.createSnapshotSet(List.of(volume()));
            assertEquals(VssError.SNAPSHOT_SET_IN_PROGRESS, refused.get().error(), "the second set started while the first was being prepared");
            assertTrue(refused.get().error().retryable());
            second.createSnapshotSet(List.of("C:\\"));
            assertEquals(2, dpm.shadowCopies().size(), "once the first set is made, the second may start");
        }
    }

    @Test
    void aSelectedVmDeletedBeforeTheSnapshotFailsTheWriterTyped() {
        try (VssRequester r = open()) {
            VssWriter w = hyperVWriter(r);
            r.addComponent(w, vm(w, "GUEST4").component());
            lab.write(Duration.ofSeconds(5), txn -> {
                lab.removeVm(txn, simVm("GUEST4"));
                return null;
            });
            VssException e = assertThrows(VssException.class, () -> r.createSnapshotSet(List.of(volume())));
            assertEquals(VssError.WRITERERROR_NONRETRYABLE, e.error());
            assertTrue(e.getMessage().contains("DoSnapshotSet"), e.getMessage());
            VssWriterStatus s = r.writerStatus().get(0);
            assertTrue(s.state().failed(), s.toString());
            assertEquals(VssError.WRITERERROR_NONRETRYABLE, s.error().orElseThrow());
            assertTrue(dpm.shadowCopies().isEmpty(), "no snapshot of a failed set");
        }
    }

    @Test
    void onlyAComponentTheBackupMarkedSucceededCanBeSelectedForRestore() {
        String document;
        try (VssRequester r = open()) {
            VssWriter w = hyperVWriter(r);
            r.addComponent(w, vm(w, "GUEST1").component());
            r.addComponent(w, vm(w, "GUEST2").component());
            r.createSnapshotSet(List.of(volume()));
            r.setBackupSucceeded(w, vm(w, "GUEST1").component(), true);
            r.setBackupSucceeded(w, vm(w, "GUEST2").component(), false);
            assertEquals(VssError.OBJECT_NOT_FOUND, assertThrows(VssException.class,
                    () -> r.setBackupSucceeded(w, vm(w, "GUEST3").component(), true)).error(), "GUEST3 is not in the backup");
            r.backupComplete();
            document = r.backupDocument();
        }
        try (VssRequester r = open()) {
            VssWriter w = r.initializeForRestore(document).get(0);
            r.selectForRestore(w, vm(w, "GUEST1").component());
            VssException e = assertThrows(VssException.class, () -> r.selectForRestore(w, vm(w, "GUEST2").component()));
            assertEquals(VssError.OBJECT_NOT_FOUND, e.error(), e.getMessage());
            assertEquals(VssError.BAD_STATE, assertThrows(VssException.class, r::postRestore).error(), "PostRestore needs PreRestore first");
            r.preRestore();
            putFilesBack(vm(w, "GUEST1").component());
            r.postRestore();
        }
    }
}
