package io.hyperv4j.backup.vss.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.backup.vss.HyperVWriter;
import io.hyperv4j.backup.vss.VssBackupType;
import io.hyperv4j.backup.vss.VssError;
import io.hyperv4j.backup.vss.VssException;
import io.hyperv4j.backup.vss.VssSnapshotSet;
import io.hyperv4j.backup.vss.VssWriter;
import io.hyperv4j.backup.vss.VssWriterState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Windows requester's COM discipline, on any OS, through the recording {@link FakeVss}: the
 * calls in VSS's order, every interface released exactly once, every BSTR, component info and
 * snapshot property freed, on success, on a writer's failure and on a wait that runs out.
 */
class WindowsVssRequesterTest {
    private final FakeVss vss = new FakeVss();

    private WindowsVssRequester requester() {
        return new WindowsVssRequester(vss, Duration.ofSeconds(5));
    }

    @Test
    void aWholeBackupCallsVssInOrderAndReleasesEverythingOnce() {
        VssSnapshotSet set;
        try (WindowsVssRequester r = requester()) {
            List<VssWriter> writers = r.gatherWriterMetadata(VssBackupType.FULL);
            assertEquals(1, writers.size());
            VssWriter w = writers.get(0);
            assertTrue(HyperVWriter.is(w));
            List<HyperVWriter.VmComponent> vms = HyperVWriter.vms(w);
            assertEquals(List.of(HyperVWriter.BackupMethod.CHILD_PARTITION_SNAPSHOT, HyperVWriter.BackupMethod.SAVED_STATE),
                    vms.stream().map(HyperVWriter.VmComponent::method).toList());
            assertEquals("web01", vms.get(0).vmName());
            r.addComponent(w, vms.get(0).component());
            set = r.createSnapshotSet(List.of("C:\\"));
            assertEquals(FakeVss.SET, set.id());
            assertEquals("C:\\", set.snapshots().get(0).originalVolume());
            assertEquals(Instant.parse("2022-06-18T04:26:40Z"), set.snapshots().get(0).created());
            assertEquals(VssWriterState.STABLE, r.writerStatus().get(0).state());
            r.backupComplete();
            r.deleteSnapshotSet(set);
        }
        assertEquals(List.of("CreateVssBackupComponents", "InitializeForBackup", "SetContext", "SetBackupState", "GatherWriterMetadata"),
                vss.calls.stream().filter(c -> !c.startsWith("Co")).toList().subList(0, 5));
        assertEquals(0, vss.count("AbortBackup"), "a completed backup is not aborted");
        assertEquals(1, vss.count("VssFreeSnapshotProperties"));
        assertEquals(1, vss.count("CoUninitialize"));
        assertEquals(List.of(), vss.problems());
    }

    @Test
    void aRestoreInitializesFromTheBackupDocumentAndRunsPreAndPostRestoreReleasingEverything() {
        String document;
        try (WindowsVssRequester r = requester()) {
            VssWriter w = r.gatherWriterMetadata(VssBackupType.FULL).get(0);
            var c = HyperVWriter.vms(w).get(0).component();
            r.addComponent(w, c);
            r.createSnapshotSet(List.of("C:\\"));
            r.setBackupSucceeded(w, c, true);
            r.backupComplete();
            document = r.backupDocument();
        }
        assertTrue(document.startsWith("<BACKUP_COMPONENTS"), document);
        vss.calls.clear();
        try (WindowsVssRequester r = requester()) {
            VssWriter w = r.initializeForRestore(document).get(0);
            r.selectForRestore(w, HyperVWriter.vms(w).get(0).component());
            r.preRestore();
            r.postRestore();
        }
        assertEquals(document, vss.restoreDocument, "InitializeForRestore got the document as a BSTR");
        assertEquals(List.of("CreateVssBackupComponents", "SysAllocString", "InitializeForRestore", "GatherWriterMetadata"),
                vss.calls.stream().filter(x -> !x.startsWith("Co")).toList().subList(0, 4));
        assertEquals(1, vss.count("SetSelectedForRestore"));
        assertEquals(List.of("PreRestore", "Wait", "QueryStatus", "Release", "PostRestore", "Wait", "QueryStatus", "Release"),
                vss.calls.subList(vss.calls.indexOf("PreRestore"), vss.calls.indexOf("PreRestore") + 8));
        assertEquals(0, vss.count("AbortBackup"), "a restore is not a backup to abort");
        assertEquals(List.of(), vss.problems(), "the document's BSTR and every interface freed once");
    }

    @Test
    void aFailedPreRestoreIsTyped() {
        vss.outcomes.put(VssMethod.PRE_RESTORE, new FakeVss.Outcome(io.hyperv4j.backup.vss.VssError.WRITERERROR_NONRETRYABLE.hresult()));
        try (WindowsVssRequester r = requester()) {
            r.initializeForRestore("<BACKUP_COMPONENTS/>");
            var e = org.junit.jupiter.api.Assertions.assertThrows(io.hyperv4j.backup.vss.VssException.class, r::preRestore);
            assertEquals(io.hyperv4j.backup.vss.VssError.WRITERERROR_NONRETRYABLE, e.error(), e.getMessage());
        }
        assertEquals(List.of(), vss.problems());
    }

    @Test
    void aWritersFailureIsTypedAndTheBackupIsAbortedWithNothingLeaked() {
        vss.outcomes.put(VssMethod.DO_SNAPSHOT_SET, new FakeVss.Outcome(VssError.WRITERERROR_RETRYABLE.hresult()));
        try (WindowsVssRequester r = requester()) {
            r.gatherWriterMetadata(VssBackupType.FULL);
            VssException e = assertThrows(VssException.class, () -> r.createSnapshotSet(List.of("C:\\")));
            assertEquals(VssError.WRITERERROR_RETRYABLE, e.error());
            assertTrue(e.error().retryable());
            assertTrue(e.getMessage().contains("DoSnapshotSet"), e.getMessage());
        }
        assertEquals(1, vss.count("AbortBackup"));
        assertEquals(List.of(), vss.problems());
    }

    @Test
    void aWaitThatRunsOutCancelsTheStepReleasesItOnceAndSaysTimeout() {
        vss.outcomes.put(VssMethod.PREPARE_FOR_BACKUP, FakeVss.Outcome.PENDING);
        try (WindowsVssRequester r = requester()) {
            r.gatherWriterMetadata(VssBackupType.INCREMENTAL);
            VssException e = assertThrows(VssException.class, () -> r.createSnapshotSet(List.of("C:\\")));
            assertEquals(VssError.TIMEOUT, e.error());
        }
        assertEquals(1, vss.count("Cancel"));
        assertEquals(0, vss.count("DoSnapshotSet"), "nothing after the step that timed out");
        assertEquals(1, vss.count("AbortBackup"));
        assertEquals(List.of(), vss.problems());
    }

    @Test
    void aFailingCallInsideTheMetadataWalkStillReleasesWhatItHolds() {
        vss.failures.put(VssMethod.GET_COMPONENT_INFO, VssError.UNEXPECTED.hresult());
        try (WindowsVssRequester r = requester()) {
            VssException e = assertThrows(VssException.class, () -> r.gatherWriterMetadata(VssBackupType.FULL));
            assertEquals(VssError.UNEXPECTED, e.error());
        }
        assertEquals(1, vss.count("FreeWriterMetadata"));
        assertEquals(List.of(), vss.problems());
    }

    @Test
    void aClosedRequesterRefusesAndClosingTwiceIsHarmless() {
        WindowsVssRequester r = requester();
        r.close();
        r.close();
        assertEquals(VssError.BAD_STATE, assertThrows(VssException.class, () -> r.gatherWriterMetadata(VssBackupType.FULL)).error());
        assertEquals(List.of(), vss.problems());
    }
}
