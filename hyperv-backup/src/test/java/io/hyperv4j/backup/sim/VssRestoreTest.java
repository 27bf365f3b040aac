package io.hyperv4j.backup.sim;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.JobFailedException;
import io.hyperv4j.backup.BackupEvent;
import io.hyperv4j.backup.BackupKind;
import io.hyperv4j.backup.BackupPath;
import io.hyperv4j.backup.BackupRefusal;
import io.hyperv4j.backup.BackupRefusedException;
import io.hyperv4j.backup.DataProtection;
import io.hyperv4j.backup.RestoreTarget;
import io.hyperv4j.backup.vss.HyperVWriter;
import io.hyperv4j.backup.vss.VssBackupType;
import io.hyperv4j.backup.vss.VssComponent;
import io.hyperv4j.backup.vss.VssError;
import io.hyperv4j.backup.vss.VssException;
import io.hyperv4j.backup.vss.VssRequester;
import io.hyperv4j.backup.vss.VssWriter;
import io.hyperv4j.backup.vss.VssWriterState;
import io.hyperv4j.job.Operation;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimVm;
import java.io.StringReader;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/**
 * A restore to the original location through VSS's restore phases (InitializeForRestore with the
 * backup's document, SetSelectedForRestore, PreRestore, the files put back, PostRestore) is the restore
 * {@link DataProtection#restore} does: the same bytes, power state, configuration and cluster events;
 * the simulated Hyper-V writer's failures in those phases are typed (writer state and
 * VSS_E_WRITERERROR_*); and the Backup Components Document carries the element and attribute names a
 * Windows requester saves and reads.
 */
class VssRestoreTest {
    private static final Duration WAIT = Duration.ofHours(4);
    private static final String CSV = "C:\\ClusterStorage\\Volume1";
    private static final Pattern GUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** What a restore left: the disk's bytes, the VM's state and configuration, and the events it logged. */
    private record Outcome(int diskHash, PowerState state, int processors, long memoryMb, List<Integer> events) {
    }

    @Test
    void aRestoreThroughTheRequestersPhasesIsTheRestoreDataProtectionDoes() {
        Outcome viaDpm, viaVss;
        byte[] atPoint;
        try (Lab lab = BackupTemplates.seed004(7, SimClock.virtual(Lab.DEFAULT_START), false)) {
            DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
            Protected p = protectAndChange(lab, dpm);
            String point = p.point();
            atPoint = p.bytes();
            int before = dpm.events().size();
            dpm.restore("GUEST1", point, RestoreTarget.original()).await(WAIT);
            assertTrue(lab.fabric().running().isEmpty(), "the restore's flow left the fabric with its job: " + lab.fabric().running());
            viaDpm = outcome(lab, dpm, before);
        }
        try (Lab lab = BackupTemplates.seed004(7, SimClock.virtual(Lab.DEFAULT_START), false)) {
            DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
            String point = protectAndChange(lab, dpm).point();
            String document = vssBackupDocument(dpm);
            int before = dpm.events().size();
            try (VssRequester r = dpm.vssRequester(Duration.ofMinutes(5))) {
                VssWriter w = hyperV(r.initializeForRestore(document));
                r.selectForRestore(w, component(w, "GUEST1"));
                assertEquals(PowerState.RUNNING, vm(lab, "GUEST1").state());
                r.preRestore();
                assertEquals(PowerState.OFF, vm(lab, "GUEST1").state(), "the writer's PreRestore turned the VM off");
                BackupLab.of(lab).putBack("GUEST1", point);
                r.postRestore();
                assertEquals(VssWriterState.STABLE, r.writerStatus().get(0).state());
            }
            viaVss = outcome(lab, dpm, before);
        }
        assertEquals(Arrays.hashCode(atPoint), viaDpm.diskHash(), "the point's bytes");
        assertEquals(viaDpm, viaVss);
        assertEquals(List.of(21502, 1069), viaVss.events(), "the clustered VM's configuration resource is Failed after either");
        assertEquals(2, viaVss.processors(), "the point's configuration, not the 4 processors set after it");
    }

    @Test
    void theWritersFailuresInTheRestorePhasesAreTypedAndChangeNothing() {
        try (Lab lab = BackupTemplates.seed004(8, SimClock.virtual(Lab.DEFAULT_START), false)) {
            DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
            BackupLab b = BackupLab.of(lab);
            String point = protectAndChange(lab, dpm).point();
            String document = vssBackupDocument(dpm);
            byte[] now = b.diskBytes("GUEST1", 0);

            assertThrows(IllegalStateException.class, () -> b.putBack("GUEST1", point), "no files put back before the writer's PreRestore");
            try (VssRequester r = dpm.vssRequester(Duration.ofMinutes(5))) { // the application forgot to put the files back
                VssWriter w = hyperV(r.initializeForRestore(document));
                r.selectForRestore(w, component(w, "GUEST1"));
                r.preRestore();
                assertEquals(BackupRefusal.NOT_FOUND, assertThrows(BackupRefusedException.class, () -> b.putBack("GUEST1", "RP0042")).reason());
                VssException e = assertThrows(VssException.class, r::postRestore);
                assertEquals(VssError.WRITERERROR_NONRETRYABLE, e.error(), e.getMessage());
                assertFalse(e.error().retryable());
                assertEquals(VssWriterState.FAILED_AT_POST_RESTORE, r.writerStatus().get(0).state());
                assertEquals(VssError.WRITERERROR_NONRETRYABLE, r.writerStatus().get(0).error().orElseThrow());
            }
            assertArrayEquals(now, b.diskBytes("GUEST1", 0), "nothing was restored");
            assertEquals(4, vm(lab, "GUEST1").processors(), "nor the configuration");

            lab.write(Duration.ofSeconds(5), txn -> {
                txn.touch(vm(lab, "GUEST1"));
                vm(lab, "GUEST1").state(PowerState.RUNNING, txn.now());
                return null;
            });
            Operation<String> running = dpm.backup("GUEST1", BackupKind.EXPRESS_FULL, BackupPath.NETWORK); // a backup under way
            try (VssRequester r = dpm.vssRequester(Duration.ofMinutes(5))) {
                VssWriter w = hyperV(r.initializeForRestore(document));
                r.selectForRestore(w, component(w, "GUEST1"));
                VssException e = assertThrows(VssException.class, r::preRestore);
                assertEquals(VssError.WRITERERROR_RETRYABLE, e.error(), e.getMessage());
                assertTrue(e.error().retryable());
                assertEquals(VssWriterState.FAILED_AT_PRE_RESTORE, r.writerStatus().get(0).state());
            }
            assertEquals(PowerState.RUNNING, vm(lab, "GUEST1").state(), "the VM runs on");
            Operation<String> restore = dpm.restore("GUEST1", point, RestoreTarget.original());
            JobFailedException f = assertThrows(JobFailedException.class, () -> restore.await(WAIT));
            assertTrue(f.getMessage().contains("WRITERERROR_RETRYABLE") || String.valueOf(f.getCause()).contains("WRITERERROR_RETRYABLE"), f.getMessage());
            running.await(WAIT);
            assertEquals(PowerState.RUNNING, vm(lab, "GUEST1").state());
            assertArrayEquals(now, b.diskBytes("GUEST1", 0), "the failed restore changed nothing");
        }
    }

    @Test
    void theBackupDocumentHasTheNamesAWindowsRequesterSavesAndReads() throws Exception {
        try (Lab lab = BackupTemplates.seed004(9, SimClock.virtual(Lab.DEFAULT_START), false)) {
            DataProtection dpm = lab.connect("HYPR1").capability(DataProtection.class);
            String document = vssBackupDocument(dpm);
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            Element root = f.newDocumentBuilder().parse(new InputSource(new StringReader(document))).getDocumentElement();
            assertEquals("BACKUP_COMPONENTS", root.getLocalName());
            assertEquals("x-schema:#VssComponentMetadata", root.getNamespaceURI());
            assertEquals("1.2", root.getAttribute("version"));
            assertEquals("no", root.getAttribute("bootableSystemStateBackup"));
            assertEquals("yes", root.getAttribute("selectComponents"));
            assertEquals("full", root.getAttribute("backupType"));
            assertEquals("no", root.getAttribute("partialFileSupport"));
            assertTrue(GUID.matcher(root.getAttribute("snapshotSetId")).matches(), "a GUID without braces: " + root.getAttribute("snapshotSetId"));
            Element writer = (Element) root.getElementsByTagNameNS("x-schema:#VssComponentMetadata", "WRITER_COMPONENTS").item(0);
            assertEquals(HyperVWriter.WRITER_ID.toString(), writer.getAttribute("writerId"));
            assertTrue(GUID.matcher(writer.getAttribute("instanceId")).matches(), writer.getAttribute("instanceId"));
            Element component = (Element) writer.getElementsByTagNameNS("x-schema:#VssComponentMetadata", "COMPONENT").item(0);
            assertEquals(vm(lab, "GUEST1").id(), component.getAttribute("componentName"), "the Hyper-V writer names a VM's component by its GUID");
            assertEquals("filegroup", component.getAttribute("componentType"));
            assertFalse(component.hasAttribute("logicalPath"), "no logical path: none is written, as Windows does");
            assertEquals("yes", component.getAttribute("backupSucceeded"));

            // A document as Windows writes it: other writers, a writer's BACKUP_METADATA, components without backupSucceeded
            String guest1 = vm(lab, "GUEST1").id(), guest2 = vm(lab, "GUEST2").id();
            String windows = "<BACKUP_COMPONENTS xmlns=\"x-schema:#VssComponentMetadata\" version=\"1.2\" bootableSystemStateBackup=\"yes\""
                    + " selectComponents=\"yes\" backupType=\"full\" partialFileSupport=\"no\" snapshotSetId=\"" + UUID.randomUUID() + "\">"
                    + "<WRITER_COMPONENTS instanceId=\"" + UUID.randomUUID() + "\" writerId=\"" + UUID.randomUUID() + "\" backupSchema=\"0\">"
                    + "<COMPONENT componentName=\"System Files\" componentType=\"filegroup\"/></WRITER_COMPONENTS>"
                    + "<WRITER_COMPONENTS instanceId=\"" + UUID.randomUUID() + "\" writerId=\"" + HyperVWriter.WRITER_ID + "\" backupSchema=\"0\">"
                    + "<COMPONENT componentName=\"" + guest1 + "\" componentType=\"filegroup\" backupSucceeded=\"yes\">"
                    + "<BACKUP_METADATA xmlns=\"x-schema:#VssComponentMetadata\" metadata=\"AAAA\"/></COMPONENT>"
                    + "<COMPONENT componentName=\"" + guest2 + "\" componentType=\"filegroup\"/></WRITER_COMPONENTS></BACKUP_COMPONENTS>";
            try (VssRequester r = dpm.vssRequester(Duration.ofMinutes(5))) {
                VssWriter w = hyperV(r.initializeForRestore(windows));
                r.selectForRestore(w, component(w, "GUEST1"));
                assertEquals(VssError.OBJECT_NOT_FOUND, assertThrows(VssException.class, () -> r.selectForRestore(w, component(w, "GUEST2"))).error(),
                        "GUEST2's backup was never marked succeeded");
            }
        }
    }

    /** A recovery point and GUEST1's disk at it. */
    private record Protected(String point, byte[] bytes) {
    }

    /** GUEST1 protected, a replica taken, then the guest writes and the VM gets 4 processors. */
    private static Protected protectAndChange(Lab lab, DataProtection dpm) {
        BackupLab b = BackupLab.of(lab);
        dpm.createGroup("g", LocalTime.of(3, 0), Duration.ofDays(5));
        dpm.addMember("g", "GUEST1");
        b.workload("GUEST1", 0, 70, 20, 60_000, BackupTemplates.DISK_BYTES);
        String point = dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.NETWORK).await(WAIT);
        byte[] atPoint = b.diskBytes("GUEST1", 0);
        b.workload("GUEST1", 0, 71, 20, 60_000, BackupTemplates.DISK_BYTES);
        lab.write(Duration.ofSeconds(5), txn -> {
            txn.touch(vm(lab, "GUEST1"));
            vm(lab, "GUEST1").processors(4);
            return null;
        });
        return new Protected(point, atPoint);
    }

    /** A backup of GUEST1 through the requester, marked succeeded: its Backup Components Document. */
    private static String vssBackupDocument(DataProtection dpm) {
        try (VssRequester r = dpm.vssRequester(Duration.ofMinutes(5))) {
            VssWriter w = hyperV(r.gatherWriterMetadata(VssBackupType.FULL));
            r.addComponent(w, component(w, "GUEST1"));
            var set = r.createSnapshotSet(List.of(CSV));
            r.setBackupSucceeded(w, component(w, "GUEST1"), true);
            r.backupComplete();
            String document = r.backupDocument();
            r.deleteSnapshotSet(set);
            return document;
        }
    }

    private static Outcome outcome(Lab lab, DataProtection dpm, int eventsBefore) {
        SimVm v = vm(lab, "GUEST1");
        List<BackupEvent> events = dpm.events();
        return new Outcome(Arrays.hashCode(BackupLab.of(lab).diskBytes("GUEST1", 0)), v.state(), v.processors(), v.memoryMb(),
                events.subList(eventsBefore, events.size()).stream().map(BackupEvent::id).toList());
    }

    private static VssWriter hyperV(List<VssWriter> writers) {
        return writers.stream().filter(HyperVWriter::is).findFirst().orElseThrow();
    }

    private static VssComponent component(VssWriter w, String vm) {
        return HyperVWriter.vms(w).stream().filter(v -> v.vmName().equals(vm)).findFirst().orElseThrow().component();
    }

    private static SimVm vm(Lab lab, String name) {
        return lab.hosts().stream().flatMap(h -> h.vms().stream()).filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }
}
