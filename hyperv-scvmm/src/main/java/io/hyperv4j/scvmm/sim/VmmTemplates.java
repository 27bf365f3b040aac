package io.hyperv4j.scvmm.sim;

import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.LabTemplate;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimVm;
import java.time.Duration;

/** The seed papers' managed set-ups as lab templates. */
public final class VmmTemplates {
    public static final String VM = "SQL Server";
    /** Seed 000, Table 3-6: the VHD and the snapshot as the paper gives them (GB of 10^9 bytes), and the 19 KB configuration. */
    public static final long VHD_BYTES = 8_400_000_000L, SNAPSHOT_BYTES = 9_500_000_000L, CONFIG_BYTES = 19_000;

    private VmmTemplates() {
    }

    /**
     * Seed 000's standalone pair under a management server: san-storage's seed000-san (host1 and
     * host2 on one AMS2300, LU1 with the 6 GB VM mapped to host1, host2 cabled not mapped), both
     * hosts Windows Server 2008 R2 in host group "Seed 000", the Hitachi VDS hardware provider
     * installed, and the VM's files in host1's folder: its VHD (8.4 GB) and snapshot (9.5 GB), each
     * a small real VHDX standing for that size.
     */
    public static Lab seed000(long seed, SimClock clock) {
        Lab lab = SanTemplates.seed000San(seed, clock);
        VmmLab vmm = VmmLab.of(lab).hostGroup("Seed 000", "host1", "host2").os("host1", "WS2008_R2").os("host2", "WS2008_R2").hardwareProvider(true);
        SimVm vm = lab.read(Duration.ofMinutes(1), () -> lab.hosts().stream().flatMap(h -> h.vms().stream())
                .filter(v -> v.name().equals(VM)).findFirst().orElseThrow());
        vmm.vmDisk(vm.id(), "SQL Server.vhdx", 64L << 20, 3 << 20, VHD_BYTES, CONFIG_BYTES);
        vmm.vmDisk(vm.id(), "SQL Server_snapshot.avhdx", 64L << 20, 2 << 20, SNAPSHOT_BYTES, CONFIG_BYTES);
        return lab;
    }

    /** {@code lab new --template seed000-vmm}. */
    public static final class Seed000Vmm implements LabTemplate {
        @Override public String name() { return "seed000-vmm"; }
        @Override public String description() {
            return "seed000-san under a management server: host1 and host2 (2008 R2) in one host group, a VDS hardware provider, "
                    + "the 6 GB VM's 8.4 GB VHD and 9.5 GB snapshot in host1's folder (seed 000's SAN and network transfers)";
        }
        @Override public Lab create(long seed, SimClock clock) { return seed000(seed, clock); }
    }
}
