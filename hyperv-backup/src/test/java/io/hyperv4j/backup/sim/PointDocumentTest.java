package io.hyperv4j.backup.sim;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.backup.BackupKind;
import io.hyperv4j.backup.BackupPath;
import io.hyperv4j.backup.DataProtection;
import io.hyperv4j.backup.RecoveryPoint;
import io.hyperv4j.backup.RestoreTarget;
import io.hyperv4j.backup.vss.HyperVWriter;
import io.hyperv4j.backup.vss.VssComponent;
import io.hyperv4j.backup.vss.VssRequester;
import io.hyperv4j.backup.vss.VssWriter;
import io.hyperv4j.cim.JobState;
import io.hyperv4j.job.JobOperation;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimJob;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.v2.storage.SimDrive;
import io.hyperv4j.sim.v2.storage.StorageModel;
import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vhd.VirtualDisks;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/**
 * A recovery point keeps the Backup Components Document its job's VSS backup saved, and a restore
 * initialises from it: a VM reconfigured since (a disk added or removed, renamed, resized) gets the
 * point's drives, name and configuration back; the VSS requester restores a point from its document;
 * a document damaged while the restore runs fails it before anything changes; and a kill at any step
 * of a point's commit leaves either the whole point with its document or none of it.
 */
class PointDocumentTest {
    private static final Duration WAIT = Duration.ofHours(4);
    private static final long SECOND_DISK = 8L << 20;
    @TempDir Path tmp;

    private static DataProtection protect(Lab lab) {
        DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
        dpm.createGroup("g", LocalTime.of(23, 0), Duration.ofDays(5));
        dpm.addMember("g", "GUEST1");
        return dpm;
    }

    private static Path document(RecoveryPoint p) {
        return p.files().get(p.files().size() - 2);
    }

    @Test
    void eachPointKeepsTheDocumentOfItsOwnBackup() throws Exception {
        try (Lab lab = BackupTemplates.seed004(3, SimClock.virtual(Lab.DEFAULT_START), false)) {
            DataProtection dpm = protect(lab);
            dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.NETWORK).await(WAIT);
            BackupLab.of(lab).workload("GUEST1", 0, 1, 10, 60_000, BackupTemplates.DISK_BYTES);
            dpm.backup("GUEST1", BackupKind.EXPRESS_FULL, BackupPath.HARDWARE_PAIR).await(WAIT);
            List<String> sets = new java.util.ArrayList<>();
            for (RecoveryPoint p : dpm.recoveryPoints("GUEST1")) {
                assertEquals(p.id() + ".backup-components.xml", document(p).getFileName().toString());
                Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                        .parse(new InputSource(new StringReader(Files.readString(document(p), StandardCharsets.UTF_8)))).getDocumentElement();
                assertEquals("BACKUP_COMPONENTS", root.getTagName());
                assertEquals("full", root.getAttribute("backupType"));
                sets.add(root.getAttribute("snapshotSetId"));
                Element w = (Element) root.getElementsByTagName("WRITER_COMPONENTS").item(0);
                assertEquals(HyperVWriter.WRITER_ID.toString(), w.getAttribute("writerId"));
                Element c = (Element) w.getElementsByTagName("COMPONENT").item(0);
                assertEquals(p.vmId(), c.getAttribute("componentName"), "the Hyper-V writer's component is the VM's GUID");
                assertEquals("yes", c.getAttribute("backupSucceeded"));
            }
            assertNotEquals(sets.get(0), sets.get(1), "each point's own snapshot set");
        }
    }

    @Test
    void aVmReconfiguredSinceTheBackupGetsThePointsDrivesNameAndConfigurationBack() throws Exception {
        try (Lab lab = BackupTemplates.seed004(5, SimClock.virtual(Lab.DEFAULT_START), false)) {
            DataProtection dpm = protect(lab);
            BackupLab b = BackupLab.of(lab);
            Path second = disk("second");
            lab.write(WAIT, txn -> {
                BackupTemplates.attach(lab, vm(lab, "GUEST1"), List.of(second));
                return null;
            });
            b.workload("GUEST1", 0, 1, 10, 60_000, BackupTemplates.DISK_BYTES);
            b.workload("GUEST1", 1, 2, 10, 60_000, SECOND_DISK);
            byte[] disk0 = b.diskBytes("GUEST1", 0), disk1 = b.diskBytes("GUEST1", 1);
            String point = dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.NETWORK).await(WAIT);
            int processors = vm(lab, "GUEST1").processors();
            String vmId = vm(lab, "GUEST1").id();

            // since the backup: the second disk removed, a third added, the VM renamed and given more processors
            b.workload("GUEST1", 0, 3, 10, 60_000, BackupTemplates.DISK_BYTES);
            Path third = disk("third");
            String secondDrive = lab.write(WAIT, txn -> {
                SimVm v = vm(lab, "GUEST1");
                txn.touch(v);
                var st = StorageModel.of(lab).vm(v.id());
                String id = b.drives(v).get(1).id();
                st.detach(id);
                BackupTemplates.attach(lab, v, List.of(third));
                v.name("GUEST1-renamed");
                v.processors(processors + 2);
                return id;
            });
            assertEquals(2, b.disks(lab.vm(vmId)).size());

            dpm.restore(vmId, point, RestoreTarget.original()).await(WAIT);
            SimVm v = lab.vm(vmId);
            assertEquals("GUEST1", v.name(), "the name at the point");
            assertEquals(processors, v.processors());
            List<SimDrive> drives = b.drives(v);
            assertEquals(2, drives.size(), "the point's two drives, not the VM's since");
            assertEquals(secondDrive, drives.get(1).id(), "the removed drive is back on its controller and location");
            assertArrayEquals(disk0, b.diskBytes(vmId, 0));
            assertArrayEquals(disk1, b.diskBytes(vmId, 1));
            assertTrue(drives.stream().noneMatch(d -> d.current().startsWith(third)), "the drive added since is out");
            assertTrue(Files.exists(third), "its file is the user's: the restore leaves it");
            assertEquals(PowerState.OFF, v.state());
        }
    }

    @Test
    void theVssRequesterRestoresAPointFromThePointsOwnDocument() throws Exception {
        try (Lab lab = BackupTemplates.seed004(6, SimClock.virtual(Lab.DEFAULT_START), false)) {
            DataProtection dpm = protect(lab);
            BackupLab b = BackupLab.of(lab);
            b.workload("GUEST1", 0, 1, 10, 60_000, BackupTemplates.DISK_BYTES);
            byte[] atPoint = b.diskBytes("GUEST1", 0);
            String point = dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.NETWORK).await(WAIT);
            b.workload("GUEST1", 0, 2, 10, 60_000, BackupTemplates.DISK_BYTES);
            String document = Files.readString(document(dpm.recoveryPoints("GUEST1").get(0)), StandardCharsets.UTF_8);
            try (VssRequester r = dpm.vssRequester(Duration.ofMinutes(5))) {
                VssWriter w = r.initializeForRestore(document).stream().filter(HyperVWriter::is).findFirst().orElseThrow();
                VssComponent c = HyperVWriter.vms(w).stream().filter(x -> x.vmName().equals("GUEST1")).findFirst().orElseThrow().component();
                r.selectForRestore(w, c);
                r.preRestore();
                b.putBack("GUEST1", point);
                r.postRestore();
            }
            assertArrayEquals(atPoint, b.diskBytes("GUEST1", 0));
        }
    }

    @Test
    void aDocumentDamagedWhileTheRestoreRunsFailsItBeforeAnythingChanges() throws Exception {
        try (Lab lab = BackupTemplates.seed004(8, SimClock.virtual(Lab.DEFAULT_START), false)) {
            DataProtection dpm = protect(lab);
            BackupLab b = BackupLab.of(lab);
            String point = dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.NETWORK).await(WAIT);
            b.workload("GUEST1", 0, 2, 10, 60_000, BackupTemplates.DISK_BYTES);
            byte[] now = b.diskBytes("GUEST1", 0);
            var op = (JobOperation<String>) dpm.restore("GUEST1", point, RestoreTarget.original());
            Path doc = document(dpm.recoveryPoints("GUEST1").get(0));
            Files.writeString(doc, "<BACKUP_COMPONENTS", StandardCharsets.UTF_8);
            SimJob job = lab.jobs().get(op.jobId());
            while (job.ended() == null) lab.clock().advance(Duration.ofMinutes(1));
            assertEquals(JobState.EXCEPTION, job.state());
            assertTrue(job.errorDescription().contains(point) && job.errorDescription().contains(doc.toString()), job.errorDescription());
            assertArrayEquals(now, b.diskBytes("GUEST1", 0), "the VM's disk is unchanged");
            assertEquals(PowerState.RUNNING, vm(lab, "GUEST1").state(), "the writer's PreRestore never ran");
        }
    }

    /** A stand-in for the process dying: nothing after it runs. */
    private static final class Killed extends Error {
        Killed(String step) {
            super("killed after " + step);
        }
    }

    @ParameterizedTest(name = "killed after {0}")
    @ValueSource(strings = {"document staged", "committed disk0", "committed document", "committed configuration", "not killed"})
    void aPointsCommitKilledAtAnyStepLeavesTheWholePointWithItsDocumentOrNone(String step) throws Exception {
        Path file = tmp.resolve("lab.json");
        try (Lab lab = BackupTemplates.seed004(9, SimClock.virtual(Lab.DEFAULT_START), false)) {
            DataProtection dpm = protect(lab);
            BackupLab b = BackupLab.of(lab);
            dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.NETWORK).await(WAIT);
            b.workload("GUEST1", 0, 1, 10, 60_000, BackupTemplates.DISK_BYTES);
            lab.save(file);
            b.store().crash = s -> {
                if (s.equals(step)) throw new Killed(s);
            };
            if (step.equals("not killed")) {
                dpm.backup("GUEST1", BackupKind.EXPRESS_FULL, BackupPath.NETWORK).await(WAIT);
                lab.save(); // the CLI saves the lab after each command: the point is the saved lab's
            } else {
                assertThrows(Killed.class, () -> dpm.backup("GUEST1", BackupKind.EXPRESS_FULL, BackupPath.NETWORK).await(WAIT));
            }
        }
        try (Lab lab = Lab.load(file)) {
            DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
            List<RecoveryPoint> pts = dpm.recoveryPoints("GUEST1");
            Path folder = pts.get(0).files().get(0).getParent();
            List<String> rp2 = names(folder).stream().filter(n -> n.contains("RP0002")).toList();
            if (step.equals("not killed")) {
                assertEquals(List.of("RP0001", "RP0002"), pts.stream().map(RecoveryPoint::id).toList());
                assertEquals(List.of("RP0002.backup-components.xml", "RP0002.disk0.vhdx", "RP0002.vm-config.json"), rp2);
            } else {
                assertEquals(List.of("RP0001"), pts.stream().map(RecoveryPoint::id).toList(), "no point: the saved lab never issued it");
                assertEquals(List.of(), rp2, "nothing of it is left");
            }
            byte[] now = BackupLab.of(lab).diskBytes("GUEST1", 0);
            String next = dpm.backup("GUEST1", BackupKind.EXPRESS_FULL, BackupPath.NETWORK).await(WAIT);
            RecoveryPoint p = dpm.recoveryPoints("GUEST1").stream().filter(x -> x.id().equals(next)).findFirst().orElseThrow();
            assertTrue(Files.exists(document(p)), "the next point has its document");
            Path out = Files.createDirectory(tmp.resolve("out"));
            dpm.restore("GUEST1", next, RestoreTarget.folder(out)).await(WAIT);
            assertArrayEquals(now, BackupLab.readAll(out.resolve("GUEST1-disk0.vhdx")));
        }
    }

    private Path disk(String name) {
        Path f = tmp.resolve(name + ".vhdx");
        VirtualDisks.create(f, DiskSpec.dynamic(VhdFormat.VHDX, SECOND_DISK)).close();
        return f;
    }

    private static List<String> names(Path folder) throws java.io.IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static SimVm vm(Lab lab, String name) {
        return lab.hosts().stream().flatMap(h -> h.vms().stream()).filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }
}
