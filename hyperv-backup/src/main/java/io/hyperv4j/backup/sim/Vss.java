package io.hyperv4j.backup.sim;

import io.hyperv4j.backup.vss.HyperVWriter;
import io.hyperv4j.backup.vss.VssComponent;
import io.hyperv4j.backup.vss.VssError;
import io.hyperv4j.backup.vss.VssProvider;
import io.hyperv4j.backup.vss.VssProviderType;
import io.hyperv4j.backup.vss.VssSnapshot;
import io.hyperv4j.backup.vss.VssWriter;
import io.hyperv4j.backup.vss.VssWriterState;
import io.hyperv4j.backup.vss.VssWriterStatus;
import io.hyperv4j.internal.NameUuids;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The VSS side of the simulated hosts: the host's Hyper-V writer with a component per VM (child
 * partition snapshot when the guest's integration services can quiesce it, saved state otherwise),
 * an application writer in each guest that runs one, the software provider and the optional
 * hardware provider, and the shadow copies that exist while a job or a requester holds them.
 */
final class Vss {
    static final String HYPERV_WRITER = "Microsoft Hyper-V VSS Writer";
    static final String EXCHANGE_WRITER = "Microsoft Exchange Writer";
    static final String EXCHANGE_WRITER_ID = "{76fe1ac4-15f7-4bcd-987e-8e1acb462fb7}";
    /** VSS_CT_DATABASE and VSS_CT_FILEGROUP (vss.h). */
    static final int DATABASE = 1, FILEGROUP = 2;
    /** VSS_VOLSNAP_ATTR_HARDWARE_ASSISTED and VSS_VOLSNAP_ATTR_DIFFERENTIAL (vss.h). */
    static final int HARDWARE_ASSISTED = 0x00010000, DIFFERENTIAL = 0x00020000;
    static final VssProvider SOFTWARE = new VssProvider(UUID.fromString("b5946137-7b9f-4925-af80-51abd60b20d5"),
            "Microsoft Software Shadow Copy provider 1.0", VssProviderType.SYSTEM, "1.0.0.7");
    static final VssProvider HITACHI = new VssProvider(id("Hitachi VSS Hardware Provider"), "Hitachi VSS Hardware Provider",
            VssProviderType.HARDWARE, "3.0");

    /** The phases a job went through, in order (the simulator records them for tests and the CLI). */
    enum Phase { GATHER_WRITER_METADATA, PREPARE_FOR_BACKUP, FREEZE, COMMIT, THAW, POST_SNAPSHOT, BACKUP_COMPLETE, ABORT }

    /** A guest's application writer: its name, the VM, and whether it is in a failed state. */
    record GuestWriter(String vmId, String vmName, String host, String writer, String id, String component) {
    }

    /** The shadow copies that exist, by id. */
    final Map<UUID, VssSnapshot> shadows = new LinkedHashMap<>();
    final Map<String, GuestWriter> guestWriters = new LinkedHashMap<>();
    String failedWriterVm;
    /** The snapshot set a requester is creating (VSS creates one at a time). */
    UUID setInProgress;
    int shadowDevices;

    List<VssProvider> providers(boolean hardware) {
        return hardware ? List.of(SOFTWARE, HITACHI) : List.of(SOFTWARE);
    }

    /** A stable id for a name (the simulator's writers' instance ids and the hardware provider's id). */
    static UUID id(String name) {
        return NameUuids.of(name);
    }

    /** A GUID, with or without braces, as a UUID. */
    static UUID guid(String text) {
        String t = text.startsWith("{") && text.endsWith("}") ? text.substring(1, text.length() - 1) : text;
        try {
            return UUID.fromString(t);
        } catch (IllegalArgumentException e) {
            return id(t);
        }
    }

    /** The Hyper-V writer of one host: a file-group component per VM, named by the VM's GUID. */
    static VssWriter hyperVWriter(String host, List<HyperVWriter.VmComponent> vms) {
        List<VssComponent> comps = new ArrayList<>();
        for (HyperVWriter.VmComponent vm : vms)
            comps.add(new VssComponent(FILEGROUP, "", vm.vmId(), HyperVWriter.caption(vm.method(), vm.vmName()), true));
        return new VssWriter(HyperVWriter.WRITER_ID, id(HYPERV_WRITER + "@" + host), HYPERV_WRITER, comps);
    }

    /** The host writer per host, listing a component per VM, then the guests' writers. */
    List<VssWriter> writers(Map<String, List<HyperVWriter.VmComponent>> componentsPerHost) {
        List<VssWriter> out = new ArrayList<>();
        componentsPerHost.forEach((host, vms) -> out.add(hyperVWriter(host, vms)));
        for (GuestWriter g : guestWriters.values()) out.add(guestWriter(g));
        return out;
    }

    /** A guest's application writer, its database the one component. */
    static VssWriter guestWriter(GuestWriter g) {
        return new VssWriter(guid(g.id()), instance(g), g.writer(), List.of(new VssComponent(DATABASE, "", g.component(), g.component(), true)));
    }

    /** Each writer's state: stable, or failed (retryable) for the guest writer put in a bad state. */
    List<VssWriterStatus> status(Map<String, List<HyperVWriter.VmComponent>> componentsPerHost) {
        List<VssWriterStatus> out = new ArrayList<>();
        for (VssWriter w : writers(componentsPerHost)) out.add(new VssWriterStatus(w.writerId(), w.instanceId(), w.name(), VssWriterState.STABLE, 0));
        int i = componentsPerHost.size();
        for (GuestWriter g : guestWriters.values()) {
            if (g.vmId().equalsIgnoreCase(failedWriterVm)) {
                VssWriterStatus s = out.get(i);
                out.set(i, new VssWriterStatus(s.writerId(), s.instanceId(), s.name(), VssWriterState.FAILED_AT_PREPARE_SNAPSHOT,
                        VssError.WRITERERROR_RETRYABLE.hresult()));
            }
            i++;
        }
        return out;
    }

    private static UUID instance(GuestWriter g) {
        return id(g.writer() + "@" + g.host() + "/" + g.vmName());
    }

    /** The next shadow copy device ({@code \\?\GLOBALROOT\Device\HarddiskVolumeShadowCopyN}). */
    String nextDevice() {
        return "\\\\?\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy" + ++shadowDevices;
    }
}
