package io.hyperv4j.backup;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.backup.sim.BackupLab;
import io.hyperv4j.backup.sim.BackupTemplates;
import io.hyperv4j.cluster.FailoverCluster;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.v2.storage.SimDrive;
import io.hyperv4j.sim.v2.storage.StorageModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A restore to the original location of a VM deleted since the backup registers it again, as the
 * Hyper-V writer's restore of a VM component does when the VM no longer exists: the same GUID, its
 * drives' files at their original paths with the point's bytes, on the host it was backed up on, the
 * point's configuration; a clustered VM comes back as a host's VM (its role is made again separately,
 * scenario 13). Refused, changing nothing, when the original location's volume is gone or has no room.
 */
class DeletedVmRestoreTest {
    private Lab lab;
    private DataProtection dpm;
    private BackupLab b;
    /** GUEST1's id, its replica, its drive's file and the drive's bytes at the replica. */
    private String vmId, point;
    private Path file;
    private byte[] atPoint;

    @BeforeEach
    void backUpThenDelete() {
        lab = BackupTemplates.seed004(9, SimClock.virtual(Lab.DEFAULT_START), false);
        dpm = RestoreBadInputTest.protectGuest1(lab);
        b = BackupLab.of(lab);
        b.workload("GUEST1", 0, 1, 20, 60_000, BackupTemplates.DISK_BYTES);
        atPoint = b.diskBytes("GUEST1", 0);
        point = dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.NETWORK).await(Duration.ofHours(4));
        b.workload("GUEST1", 0, 2, 20, 60_000, BackupTemplates.DISK_BYTES);
        SimVm v = vm();
        vmId = v.id();
        file = StorageModel.of(lab).vm(vmId).drives().iterator().next().current();
        b.deleteClusterRole("GUEST1");
        var api = lab.connect("HYPR1").vms().get("GUEST1");
        api.turnOff().await(Duration.ofMinutes(5));
        api.remove().await(Duration.ofMinutes(5));
        assertNull(lab.vm(vmId), "the VM is deleted");
        assertTrue(Files.exists(file), "Remove-VM leaves its disk files");
    }

    @AfterEach
    void close() {
        lab.close();
    }

    private SimVm vm() {
        return lab.hosts().stream().flatMap(h -> h.vms().stream()).filter(x -> x.name().equals("GUEST1")).findFirst().orElse(null);
    }

    @Test
    void aRestoreToTheOriginalLocationRegistersTheDeletedVmAgainWithThePointsFilesAndConfiguration() {
        assertEquals(List.of(point), dpm.recoveryPoints("GUEST1").stream().map(RecoveryPoint::id).toList(), "a deleted VM's points are listed by its name");
        String restored = dpm.restore("GUEST1", point, RestoreTarget.original()).await(Duration.ofHours(4));
        assertEquals(vmId, restored, "the same GUID");
        SimVm v = lab.vm(vmId);
        assertNotNull(v, "the VM is registered again");
        assertEquals("HYPR1", v.host().name(), "on the host it was backed up on");
        assertEquals("GUEST1", v.name());
        assertEquals(2, v.processors(), "the point's configuration");
        List<SimDrive> drives = List.copyOf(StorageModel.of(lab).vm(vmId).drives());
        assertEquals(1, drives.size());
        assertEquals(file, drives.get(0).current(), "its drive's file at its original path");
        assertArrayEquals(atPoint, b.diskBytes("GUEST1", 0), "with the point's bytes");
        assertFalse(lab.connect("HYPR1").capability(FailoverCluster.class).groups().stream().anyMatch(g -> g.name().equals("GUEST1")),
                "a host's VM: re-registering it as a clustered role is a separate step");
        assertTrue(dpm.events().stream().noneMatch(e -> e.id() == 21502), "no configuration resource to fail");
    }

    @Test
    void throughVssThePointsDocumentsComponentRegistersTheDeletedVmAgain() throws Exception {
        List<Path> files = dpm.recoveryPoints("GUEST1").get(0).files();
        String document = Files.readString(files.get(files.size() - 2), java.nio.charset.StandardCharsets.UTF_8);
        try (var r = dpm.vssRequester(Duration.ofMinutes(5))) {
            var w = r.initializeForRestore(document).get(0);
            // the writer's metadata no longer lists the deleted VM: the component is selected as the document names it
            r.selectForRestore(w, new io.hyperv4j.backup.vss.VssComponent(2, "", vmId, "GUEST1", true));
            r.preRestore();
            assertNull(lab.vm(vmId), "PreRestore has nothing to turn off");
            b.putBack("GUEST1", point);
            r.postRestore();
        }
        assertEquals("HYPR1", lab.vm(vmId).host().name());
        assertArrayEquals(atPoint, b.diskBytes("GUEST1", 0));
    }

    @Test
    void refusedWithoutChangeWhenTheOriginalLocationsVolumeIsGone() throws Exception {
        Path folder = file.getParent(), moved = folder.resolveSibling(folder.getFileName() + "-gone");
        Files.move(folder, moved); // the volume that held the VM's folder is no longer there
        try {
            refusedWithoutChange(BackupRefusal.NOT_FOUND, folder.toString());
        } finally {
            Files.move(moved, folder);
        }
    }

    @Test
    void refusedWithoutChangeWhenTheOriginalLocationHasNoRoom() throws Exception {
        b.folderCapacity(file.getParent(), 64 * 1024);
        refusedWithoutChange(BackupRefusal.DISK_FULL, file.getParent().toString());
    }

    private void refusedWithoutChange(BackupRefusal reason, String named) throws Exception {
        Map<Path, String> store = RestoreBadInputTest.snapshot(b.storeRoot());
        String disk = Files.exists(file) ? HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))) : "";
        long jobs = lab.hosts().stream().mapToLong(h -> h.jobs().size()).sum();
        BackupRefusedException e = assertThrows(BackupRefusedException.class, () -> dpm.restore("GUEST1", point, RestoreTarget.original()));
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(named), e.getMessage());
        assertEquals(jobs, lab.hosts().stream().mapToLong(h -> h.jobs().size()).sum(), "no job started");
        lab.clock().advance(Duration.ofHours(2)); // a job started anyway would have run by now
        assertNull(lab.vm(vmId), "no VM registered");
        assertEquals(store, RestoreBadInputTest.snapshot(b.storeRoot()), "the store is unchanged");
        if (!disk.isEmpty()) assertEquals(disk, HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))),
                "the file at the original path is unchanged");
    }
}
