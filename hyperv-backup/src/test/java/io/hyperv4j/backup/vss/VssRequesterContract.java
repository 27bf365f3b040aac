package io.hyperv4j.backup.vss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link VssRequester} does, run against each implementation (the simulator's, and Windows'
 * vssapi.dll when a Windows host runs the gated subclass): the whole backup sequence, and the
 * refusals VSS gives for calls out of sequence and for a snapshot set it does not know.
 */
public abstract class VssRequesterContract {
    /**
     * A new requester for one backup.
     *
     * @return the requester under test
     */
    protected abstract VssRequester open();

    /**
     * A volume the requester can snapshot.
     *
     * @return e.g. {@code C:\}
     */
    protected abstract String volume();

    /**
     * What the backup application does between PreRestore and PostRestore: puts the component's files
     * back. The default leaves the files where they are (a restore of what is there).
     *
     * @param component the Hyper-V writer's component selected for restore
     */
    protected void putFilesBack(VssComponent component) {
    }

    @Test
    void aCopyBackupOfOneVolumeRunsTheWholeSequence() {
        try (VssRequester r = open()) {
            List<VssWriter> writers = r.gatherWriterMetadata(VssBackupType.COPY);
            assertFalse(writers.isEmpty(), "a Hyper-V host has writers");
            for (VssWriter w : writers)
                if (HyperVWriter.is(w))
                    for (HyperVWriter.VmComponent vm : HyperVWriter.vms(w)) {
                        assertEquals(36, vm.vmId().length(), vm.toString());
                        assertTrue(vm.method() != HyperVWriter.BackupMethod.UNKNOWN, vm.toString());
                    }
            VssSnapshotSet set = r.createSnapshotSet(List.of(volume()));
            assertEquals(1, set.snapshots().size());
            VssSnapshot s = set.snapshots().get(0);
            assertEquals(set.id(), s.setId());
            assertTrue(s.deviceObject().contains("HarddiskVolumeShadowCopy"), set.toString());
            for (VssWriterStatus st : r.writerStatus()) assertFalse(st.state().failed(), st.toString());
            r.backupComplete();
            r.deleteSnapshotSet(set);
            VssException again = assertThrows(VssException.class, () -> r.deleteSnapshotSet(set));
            assertEquals(VssError.OBJECT_NOT_FOUND, again.error(), again.getMessage());
        }
    }

    @Test
    void theBackupDocumentRestoresAComponentThroughPreAndPostRestore() {
        String document;
        VssComponent component = null;
        VssWriter hyperV = null;
        try (VssRequester r = open()) {
            for (VssWriter w : r.gatherWriterMetadata(VssBackupType.FULL))
                if (HyperVWriter.is(w) && !w.components().isEmpty()) {
                    hyperV = w;
                    component = w.components().get(0);
                }
            if (component != null) r.addComponent(hyperV, component);
            assertEquals(VssError.BAD_STATE, assertThrows(VssException.class, r::backupDocument).error(), "no document before the snapshot set");
            VssSnapshotSet set = r.createSnapshotSet(List.of(volume()));
            if (component != null) r.setBackupSucceeded(hyperV, component, true);
            r.backupComplete();
            document = keptWithTheBackup(r.backupDocument());
            r.deleteSnapshotSet(set);
        }
        try (VssRequester r = open()) {
            assertEquals(VssError.BAD_STATE, assertThrows(VssException.class, r::preRestore).error(), "no PreRestore before InitializeForRestore");
            List<VssWriter> writers = r.initializeForRestore(document);
            assertFalse(writers.isEmpty());
            if (component != null) {
                VssWriter w = writers.stream().filter(x -> x.writerId().equals(HyperVWriter.WRITER_ID)).findFirst().orElseThrow();
                VssComponent c = component;
                r.selectForRestore(w, w.components().stream().filter(x -> x.name().equalsIgnoreCase(c.name())).findFirst().orElse(c));
            }
            r.preRestore();
            if (component != null) putFilesBack(component);
            r.postRestore();
        }
    }

    /** The document as a backup keeps it (a recovery point's file, UTF-8) and reads it back for the restore. */
    private static String keptWithTheBackup(String document) {
        try {
            java.nio.file.Path f = java.nio.file.Files.createTempFile("backup-components", ".xml");
            try {
                java.nio.file.Files.writeString(f, document, java.nio.charset.StandardCharsets.UTF_8);
                return java.nio.file.Files.readString(f, java.nio.charset.StandardCharsets.UTF_8);
            } finally {
                java.nio.file.Files.delete(f);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aRestoreFromSomethingThatIsNotABackupDocumentIsRefused() {
        try (VssRequester r = open()) {
            VssException e = assertThrows(VssException.class, () -> r.initializeForRestore("not a backup components document"));
            assertEquals(VssError.INVALID_XML_DOCUMENT, e.error(), e.getMessage());
        }
    }

    @Test
    void callsOutOfSequenceAreRefusedWithBadState() {
        try (VssRequester r = open()) {
            assertEquals(VssError.BAD_STATE, assertThrows(VssException.class, () -> r.createSnapshotSet(List.of(volume()))).error(),
                    "no snapshot set before the writers' metadata");
            r.gatherWriterMetadata(VssBackupType.FULL);
            assertEquals(VssError.BAD_STATE, assertThrows(VssException.class, r::backupComplete).error(), "no backup complete before a snapshot");
            assertThrows(IllegalArgumentException.class, () -> r.createSnapshotSet(List.of()));
        }
    }
}
