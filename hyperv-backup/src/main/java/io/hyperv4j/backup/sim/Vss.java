package io.hyperv4j.backup.sim;

import io.hyperv4j.backup.ShadowCopy;
import io.hyperv4j.backup.VssProvider;
import io.hyperv4j.backup.VssWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The VSS side of the simulated hosts: the host's Hyper-V writer with a component per VM (child
 * partition snapshot when the guest's integration services can quiesce it, saved state otherwise),
 * an application writer in each guest that runs one, the software provider and the optional
 * hardware provider, and the shadow copies that exist while a job holds them.
 */
final class Vss {
    static final String HYPERV_WRITER = "Microsoft Hyper-V VSS Writer";
    static final String HYPERV_WRITER_ID = "{66841cd4-6ded-4f4b-8f17-fd23f8ddc3de}";
    static final String EXCHANGE_WRITER = "Microsoft Exchange Writer";
    static final String EXCHANGE_WRITER_ID = "{76fe1ac4-15f7-4bcd-987e-8e1acb462fb7}";
    static final VssProvider SOFTWARE = new VssProvider("Microsoft Software Shadow Copy provider 1.0", "System",
            "{b5946137-7b9f-4925-af80-51abd60b20d5}", "1.0.0.7");
    static final VssProvider HITACHI = new VssProvider("Hitachi VSS Hardware Provider", "Hardware",
            "{" + java.util.UUID.nameUUIDFromBytes("Hitachi VSS Hardware Provider".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "}", "3.0");

    /** The phases a job went through, in order (the simulator records them for tests and the CLI). */
    enum Phase { GATHER_WRITER_METADATA, PREPARE_FOR_BACKUP, FREEZE, COMMIT, THAW, POST_SNAPSHOT, BACKUP_COMPLETE, ABORT }

    /** A guest's application writer: its name, the VM, and whether it is in a failed state. */
    record GuestWriter(String vmId, String vmName, String host, String writer, String id, String component) {
    }

    final Map<String, ShadowCopy> shadows = new LinkedHashMap<>();
    final Map<String, GuestWriter> guestWriters = new LinkedHashMap<>();
    String failedWriterVm;

    List<VssProvider> providers(boolean hardware) {
        return hardware ? List.of(SOFTWARE, HITACHI) : List.of(SOFTWARE);
    }

    /** The host writer per host, listing a component per VM, then the guests' writers. */
    List<VssWriter> writers(Map<String, List<String>> componentsPerHost) {
        List<VssWriter> out = new ArrayList<>();
        componentsPerHost.forEach((host, comps) -> out.add(new VssWriter(HYPERV_WRITER, HYPERV_WRITER_ID, host, "[1] Stable", "No error", comps)));
        for (GuestWriter g : guestWriters.values())
            out.add(new VssWriter(g.writer(), g.id(), g.host() + "/" + g.vmName(),
                    g.vmId().equalsIgnoreCase(failedWriterVm) ? "[8] Failed" : "[1] Stable",
                    g.vmId().equalsIgnoreCase(failedWriterVm) ? "Retryable error" : "No error", List.of(g.component())));
        return out;
    }
}
