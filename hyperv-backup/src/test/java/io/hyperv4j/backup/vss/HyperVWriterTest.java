package io.hyperv4j.backup.vss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The Hyper-V writer's component captions read as VMs and backup methods, and written back. */
class HyperVWriterTest {
    private static VssWriter writer(UUID id, String... captions) {
        List<VssComponent> cs = new java.util.ArrayList<>();
        for (int i = 0; i < captions.length; i++) cs.add(new VssComponent(2, "", "GUID-" + i, captions[i], true));
        return new VssWriter(id, UUID.randomUUID(), "w", cs);
    }

    @Test
    void captionsGiveTheMethodAndTheNameEvenWithBackslashesInIt() {
        var vms = HyperVWriter.vms(writer(HyperVWriter.WRITER_ID, HyperVWriter.caption(HyperVWriter.BackupMethod.SAVED_STATE, "db\\01"),
                "Backup Using Child Partition Snapshot\\web01", "Something Else\\x"));
        assertEquals(List.of(HyperVWriter.BackupMethod.SAVED_STATE, HyperVWriter.BackupMethod.CHILD_PARTITION_SNAPSHOT,
                HyperVWriter.BackupMethod.UNKNOWN), vms.stream().map(HyperVWriter.VmComponent::method).toList());
        assertEquals(List.of("db\\01", "web01", "x"), vms.stream().map(HyperVWriter.VmComponent::vmName).toList());
        assertEquals("GUID-1", vms.get(1).vmId());
    }

    @Test
    void anotherWriterIsRefused() {
        VssWriter system = writer(UUID.fromString("e8132975-6f93-4464-a53e-1050253ae220"), "x");
        assertEquals(false, HyperVWriter.is(system));
        assertThrows(IllegalArgumentException.class, () -> HyperVWriter.vms(system));
        assertThrows(IllegalArgumentException.class, () -> HyperVWriter.caption(HyperVWriter.BackupMethod.UNKNOWN, "x"));
    }
}
