package io.hyperv4j.backup;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.backup.sim.BackupLab;
import io.hyperv4j.backup.sim.BackupTemplates;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bad input: a recovery point that does not exist, a restore folder with no space or no
 * permission, a damaged backup file (a disk the point builds on, or its configuration). Each is
 * refused with the reason and what was wrong, and leaves the VM (its disk, state, configuration),
 * the store (every file's bytes) and the target folder as they were, with no job started.
 */
class RestoreBadInputTest {
    @TempDir Path tmp;
    private Lab lab;
    private DataProtection dpm;
    private BackupLab b;
    private String replica, express1, express2;

    @BeforeEach
    void backUp() {
        lab = BackupTemplates.seed004(12, SimClock.virtual(Lab.DEFAULT_START), false);
        dpm = protectGuest1(lab);
        b = BackupLab.of(lab);
        b.workload("GUEST1", 0, 1, 20, 60_000, BackupTemplates.DISK_BYTES);
        replica = dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.NETWORK).await(Duration.ofHours(4));
        b.workload("GUEST1", 0, 2, 20, 60_000, BackupTemplates.DISK_BYTES);
        express1 = dpm.backup("GUEST1", BackupKind.EXPRESS_FULL, BackupPath.NETWORK).await(Duration.ofHours(4));
        b.workload("GUEST1", 0, 3, 20, 60_000, BackupTemplates.DISK_BYTES);
        express2 = dpm.backup("GUEST1", BackupKind.EXPRESS_FULL, BackupPath.NETWORK).await(Duration.ofHours(4));
        b.workload("GUEST1", 0, 4, 20, 60_000, BackupTemplates.DISK_BYTES);
    }

    /** HYPR1's protection server with GUEST1 in a group of its own. */
    static DataProtection protectGuest1(Lab lab) {
        DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
        dpm.createGroup("g", LocalTime.of(23, 0), Duration.ofDays(5));
        dpm.addMember("g", "GUEST1");
        return dpm;
    }

    @AfterEach
    void close() {
        lab.close();
    }

    @Test
    void aRecoveryPointThatDoesNotExist() throws Exception {
        BackupRefusedException e = refusedWithoutChange(BackupRefusal.NOT_FOUND, () -> dpm.restore("GUEST1", "RP0999", RestoreTarget.original()));
        assertTrue(e.getMessage().contains("RP0999") && e.getMessage().contains(express2), e.getMessage());
    }

    @Test
    void aFolderWithoutSpace() throws Exception {
        Path small = Files.createDirectory(tmp.resolve("small"));
        b.folderCapacity(small, 64 * 1024);
        BackupRefusedException e = refusedWithoutChange(BackupRefusal.DISK_FULL, () -> dpm.restore("GUEST1", express2, RestoreTarget.folder(small)));
        assertTrue(e.getMessage().contains(small.toString()), e.getMessage());
        assertEquals(0, Files.list(small).count(), "nothing written into the folder");
    }

    @Test
    void aFolderWithoutPermission() throws Exception {
        Path locked = Files.createDirectory(tmp.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        // an administrator (root) writes through mode bits: then a folder of a read-only file system
        Path target = canCreateIn(locked) ? Path.of("/sys") : locked;
        try {
            BackupRefusedException e = refusedWithoutChange(BackupRefusal.ACCESS_DENIED, () -> dpm.restore("GUEST1", express2, RestoreTarget.folder(target)));
            assertTrue(e.getMessage().contains(target.toString()), e.getMessage());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aDamagedDiskThePointBuildsOn() throws Exception {
        Path express1Disk = dpm.recoveryPoints("GUEST1").get(1).files().get(0);
        byte[] bytes = Files.readAllBytes(express1Disk);
        for (int i = 0; i < 64; i++) bytes[i] ^= 0x5A; // the file identifier and header signature
        Files.write(express1Disk, bytes);
        BackupRefusedException e = refusedWithoutChange(BackupRefusal.FILE_CORRUPT, () -> dpm.restore("GUEST1", express2, RestoreTarget.original()));
        assertTrue(e.getMessage().contains(express1) && e.getMessage().contains(express1Disk.getFileName().toString()), e.getMessage());
        Path out = Files.createDirectory(tmp.resolve("out"));
        dpm.restore("GUEST1", replica, RestoreTarget.folder(out)).await(Duration.ofHours(4)); // the points below stay usable
    }

    @Test
    void aDamagedConfiguration() throws Exception {
        List<Path> files = dpm.recoveryPoints("GUEST1").get(2).files();
        Path config = files.get(files.size() - 1);
        Files.writeString(config, "{\"Name\":\"GUEST1\",", StandardCharsets.UTF_8);
        BackupRefusedException e = refusedWithoutChange(BackupRefusal.FILE_CORRUPT, () -> dpm.restore("GUEST1", express2, RestoreTarget.original()));
        assertTrue(e.getMessage().contains(config.getFileName().toString()), e.getMessage());
    }

    /** The point's Backup Components Document: the disks, then it, then the configuration. */
    private Path document(String point) {
        List<Path> files = dpm.recoveryPoints("GUEST1").stream().filter(p -> p.id().equals(point)).findFirst().orElseThrow().files();
        Path doc = files.get(files.size() - 2);
        assertTrue(doc.getFileName().toString().equals(point + ".backup-components.xml"), doc.toString());
        return doc;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"missing", "truncated", "not a document", "another VM's"})
    void aPointWhoseBackupComponentsDocumentIsMissingOrDamagedIsRefusedNamingThePointAndTheFile(String damage) throws Exception {
        Path doc = document(express2);
        String good = Files.readString(doc, StandardCharsets.UTF_8);
        switch (damage) {
            case "missing" -> Files.delete(doc);
            case "truncated" -> Files.writeString(doc, good.substring(0, good.length() / 2), StandardCharsets.UTF_8);
            case "not a document" -> Files.writeString(doc, "<WRITER_METADATA/>", StandardCharsets.UTF_8);
            default -> Files.writeString(doc, good.replace(dpm.recoveryPoints("GUEST1").get(0).vmId(), "00000000-0000-0000-0000-000000000001"),
                    StandardCharsets.UTF_8);
        }
        for (RestoreTarget to : List.of(RestoreTarget.original(), RestoreTarget.folder(Files.createDirectories(tmp.resolve("f-" + damage.length()))))) {
            BackupRefusedException e = refusedWithoutChange(BackupRefusal.FILE_CORRUPT, () -> dpm.restore("GUEST1", express2, to));
            assertTrue(e.getMessage().contains(express2) && e.getMessage().contains(doc.toString()), e.getMessage());
        }
        Path out = Files.createDirectory(tmp.resolve("out"));
        dpm.restore("GUEST1", express1, RestoreTarget.folder(out)).await(Duration.ofHours(4)); // the other points keep their own documents
    }

    @Test
    void theWriterRefusesTheFilesOfAPointOtherThanTheOneWhoseDocumentStartedTheRestore() throws Exception {
        String started = Files.readString(document(express1), StandardCharsets.UTF_8);
        byte[] disk = b.diskBytes("GUEST1", 0);
        Map<Path, String> store = snapshot(b.storeRoot());
        var drives = io.hyperv4j.sim.v2.storage.StorageModel.of(lab).vm(dpm.recoveryPoints("GUEST1").get(0).vmId()).drives().stream()
                .map(d -> d.id() + "=" + d.current()).toList();
        try (io.hyperv4j.backup.vss.VssRequester r = dpm.vssRequester(Duration.ofMinutes(5))) {
            var w = r.initializeForRestore(started).stream().filter(io.hyperv4j.backup.vss.HyperVWriter::is).findFirst().orElseThrow();
            r.selectForRestore(w, io.hyperv4j.backup.vss.HyperVWriter.vms(w).stream().filter(x -> x.vmName().equals("GUEST1")).findFirst().orElseThrow().component());
            r.preRestore();
            var e = assertThrows(io.hyperv4j.backup.vss.VssException.class, () -> b.putBack("GUEST1", express2), "express2's files under express1's document");
            assertEquals(io.hyperv4j.backup.vss.VssError.WRITERERROR_NONRETRYABLE, e.error());
            assertTrue(e.getMessage().contains(express2) && e.getMessage().contains("snapshot set"), e.getMessage());
            assertArrayEquals(disk, b.diskBytes("GUEST1", 0), "nothing was written into the VM's disk");
            assertEquals(drives, io.hyperv4j.sim.v2.storage.StorageModel.of(lab).vm(dpm.recoveryPoints("GUEST1").get(0).vmId()).drives().stream()
                    .map(d -> d.id() + "=" + d.current()).toList(), "the VM's drives and their files are as they were");
            assertEquals(store, snapshot(b.storeRoot()), "the store is unchanged");
            var post = assertThrows(io.hyperv4j.backup.vss.VssException.class, r::postRestore);
            assertTrue(post.getMessage().contains(express2), "PostRestore names the mismatch: " + post.getMessage());
            assertEquals(io.hyperv4j.backup.vss.VssWriterState.FAILED_AT_POST_RESTORE,
                    r.writerStatus().stream().filter(x -> x.writerId().equals(io.hyperv4j.backup.vss.HyperVWriter.WRITER_ID)).findFirst().orElseThrow().state());
        }
        assertArrayEquals(disk, b.diskBytes("GUEST1", 0), "the VM's disk is unchanged");
        try (io.hyperv4j.backup.vss.VssRequester r = dpm.vssRequester(Duration.ofMinutes(5))) { // the point the document names goes back
            var w = r.initializeForRestore(started).stream().filter(io.hyperv4j.backup.vss.HyperVWriter::is).findFirst().orElseThrow();
            r.selectForRestore(w, io.hyperv4j.backup.vss.HyperVWriter.vms(w).stream().filter(x -> x.vmName().equals("GUEST1")).findFirst().orElseThrow().component());
            r.preRestore();
            b.putBack("GUEST1", express1);
            r.postRestore();
        }
        assertFalse(java.util.Arrays.equals(disk, b.diskBytes("GUEST1", 0)), "express1's bytes are back");
    }

    /** Runs the call, expects the refusal, and checks the VM, the store and the jobs are as before. */
    private BackupRefusedException refusedWithoutChange(BackupRefusal reason, Executable call) throws Exception {
        byte[] disk = b.diskBytes("GUEST1", 0);
        Map<Path, String> store = snapshot(b.storeRoot());
        long jobs = lab.hosts().stream().mapToLong(h -> h.jobs().size()).sum();
        BackupRefusedException e = assertThrows(BackupRefusedException.class, call);
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(jobs, lab.hosts().stream().mapToLong(h -> h.jobs().size()).sum(), "no job started");
        lab.clock().advance(Duration.ofHours(2)); // a job started anyway would have run by now
        assertArrayEquals(disk, b.diskBytes("GUEST1", 0), "the VM's disk is unchanged");
        assertEquals(PowerState.RUNNING, lab.hosts().stream().flatMap(h -> h.vms().stream()).filter(v -> v.name().equals("GUEST1"))
                .findFirst().orElseThrow().state(), "the VM still runs");
        assertEquals(store, snapshot(b.storeRoot()), "the store is unchanged");
        return e;
    }

    /** Every file under {@code root} and its SHA-256. */
    static Map<Path, String> snapshot(Path root) throws Exception {
        Map<Path, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path f : s.filter(Files::isRegularFile).toList())
                out.put(f, HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
        }
        return out;
    }

    private static boolean canCreateIn(Path dir) {
        try {
            Files.delete(Files.createTempFile(dir, "probe", ".tmp"));
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
