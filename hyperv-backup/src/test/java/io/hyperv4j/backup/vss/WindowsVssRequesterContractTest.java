package io.hyperv4j.backup.vss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.backup.vss.internal.WindowsVssRequester;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The requester against the real VSS of a Windows host (run elevated), e.g.
 * {@code mvn test -Dtest=WindowsVssRequesterContractTest -Dhyperv4j.vss.volume=C:\}: a copy backup of
 * one volume from writer metadata to deleted snapshots, and the Hyper-V writer's components read as
 * VMs when Hyper-V is installed.
 */
@EnabledOnOs(OS.WINDOWS)
@EnabledIfSystemProperty(named = WindowsVssRequesterContractTest.VOLUME, matches = ".+")
class WindowsVssRequesterContractTest {
    static final String VOLUME = "hyperv4j.vss.volume";

    @Test
    void aCopyBackupOfOneVolumeRunsTheWholeSequence() {
        String volume = System.getProperty(VOLUME);
        try (VssRequester r = WindowsVssRequester.open(Duration.ofMinutes(5))) {
            List<VssWriter> writers = r.gatherWriterMetadata(VssBackupType.COPY);
            assertFalse(writers.isEmpty(), "every Windows host has writers (the System Writer at least)");
            for (VssWriter w : writers)
                if (HyperVWriter.is(w))
                    for (HyperVWriter.VmComponent vm : HyperVWriter.vms(w)) assertTrue(vm.vmId().length() == 36, vm.toString());
            VssSnapshotSet set = r.createSnapshotSet(List.of(volume));
            assertEquals(1, set.snapshots().size());
            assertTrue(set.snapshots().get(0).deviceObject().contains("HarddiskVolumeShadowCopy"), set.toString());
            for (VssWriterStatus s : r.writerStatus()) assertFalse(s.state().failed(), s.toString());
            r.backupComplete();
            r.deleteSnapshotSet(set);
        }
    }
}
