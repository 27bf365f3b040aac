package io.hyperv4j.backup.vss;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The Hyper-V VSS writer ("Microsoft Hyper-V VSS Writer") and what its components mean: one per
 * VM, named by the VM's GUID, captioned with how the VM will be backed up and its name
 * ({@code Backup Using Child Partition Snapshot\NAME} when the guest's integration services take a
 * snapshot inside it, {@code Backup Using Saved State\NAME} when Hyper-V saves the VM for the
 * snapshot and resumes it afterwards).
 */
public final class HyperVWriter {
    /** The writer's class id. */
    public static final UUID WRITER_ID = UUID.fromString("66841cd4-6ded-4f4b-8f17-fd23f8ddc3de");
    private static final String CHILD_PARTITION = "Backup Using Child Partition Snapshot";
    private static final String SAVED_STATE = "Backup Using Saved State";

    private HyperVWriter() {}

    /** How the writer will back a VM up. */
    public enum BackupMethod {
        /** Online: the guest's VSS takes a snapshot inside the running VM (child partition snapshot). */
        CHILD_PARTITION_SNAPSHOT,
        /** Offline: the VM is put into the saved state for the snapshot, then resumed. */
        SAVED_STATE,
        /** A caption this library does not recognise. */
        UNKNOWN
    }

    /**
     * One VM the writer can back up.
     *
     * @param vmId      the VM's GUID (the component's name)
     * @param vmName    the VM's name, from the caption
     * @param method    how it will be backed up
     * @param component the component to pass to {@link VssRequester#addComponent}
     */
    public record VmComponent(String vmId, String vmName, BackupMethod method, VssComponent component) {
    }

    /**
     * Whether {@code writer} is the Hyper-V writer.
     *
     * @param writer a writer
     * @return true when its class id is {@link #WRITER_ID}
     */
    public static boolean is(VssWriter writer) {
        return WRITER_ID.equals(writer.writerId());
    }

    /**
     * The VMs among the Hyper-V writer's components.
     *
     * @param writer the Hyper-V writer
     * @return one entry per component
     * @throws IllegalArgumentException when {@code writer} is another writer
     */
    public static List<VmComponent> vms(VssWriter writer) {
        if (!is(writer)) throw new IllegalArgumentException(writer.name() + " (" + writer.writerId() + ") is not the Hyper-V VSS writer");
        List<VmComponent> out = new ArrayList<>();
        for (VssComponent c : writer.components()) {
            String caption = c.caption() == null ? "" : c.caption();
            int slash = caption.indexOf('\\');
            String prefix = slash < 0 ? caption : caption.substring(0, slash);
            String name = slash < 0 ? caption : caption.substring(slash + 1);
            BackupMethod m = prefix.equalsIgnoreCase(CHILD_PARTITION) ? BackupMethod.CHILD_PARTITION_SNAPSHOT
                    : prefix.equalsIgnoreCase(SAVED_STATE) ? BackupMethod.SAVED_STATE : BackupMethod.UNKNOWN;
            out.add(new VmComponent(c.name(), name, m, c));
        }
        return out;
    }

    /**
     * The caption the writer gives a VM's component.
     *
     * @param method how the VM will be backed up ({@link BackupMethod#UNKNOWN} is refused)
     * @param vmName the VM's name
     * @return the caption
     * @throws IllegalArgumentException for {@link BackupMethod#UNKNOWN}
     */
    public static String caption(BackupMethod method, String vmName) {
        return switch (method) {
            case CHILD_PARTITION_SNAPSHOT -> CHILD_PARTITION + "\\" + vmName;
            case SAVED_STATE -> SAVED_STATE + "\\" + vmName;
            case UNKNOWN -> throw new IllegalArgumentException("no caption for an unknown backup method");
        };
    }
}
