package io.hyperv4j.scvmm.sim;

import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.LabTemplate;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimVm;
import java.time.Duration;
import java.util.List;

/** The seed papers' SAN set-ups as {@code lab new --template} choices. */
public final class SanTemplates {
    public static final String ARRAY = "AMS2300";
    public static final String HOST1_HBA0 = "10:00:00:00:C9:70:11:01", HOST1_HBA1 = "10:00:00:00:C9:70:11:02";
    public static final String HOST2_HBA0 = "10:00:00:00:C9:70:22:01", HOST2_HBA1 = "10:00:00:00:C9:70:22:02";

    private SanTemplates() {
    }

    /**
     * Seed 000's SAN-transfer pair: host1 and host2 (2 x quad-core, 8 GB, Windows Server 2008 R2,
     * OS-bundled MPIO), each with two FC HBAs cabled to controller 0 and 1 of an AMS2300; LU1 holds
     * the 6 GB SQL Server VM and is mapped to host1 only; host2 is cabled but not mapped. The array
     * also has a Dynamic Provisioning pool and an LU pair for backups (seed 004).
     */
    public static Lab seed000San(long seed, SimClock clock) {
        Lab lab = Lab.builder().seed(seed).clock(clock).host("host1", 8, 8192).host("host2", 8, 8192).build();
        SanLab san = SanLab.of(lab);
        long gb = 1000L * 1000 * 1000;
        san.array(ARRAY, "AMS2300", 83040123L, SanLab.DP_PAGE, 200L << 20)
                .port("0A", 0, "50:06:0E:80:10:4F:2A:00", 8_000_000_000L).port("0B", 0, "50:06:0E:80:10:4F:2A:01", 8_000_000_000L)
                .port("1A", 1, "50:06:0E:80:10:4F:2A:08", 8_000_000_000L).port("1B", 1, "50:06:0E:80:10:4F:2A:09", 8_000_000_000L)
                .raidGroup(0, RaidLevel.RAID5, 5, 300 * gb)
                .raidGroup(1, RaidLevel.RAID10, 4, 300 * gb)
                .pool(0, "DP Pool 000", 10, RaidLevel.RAID5, 5, 300 * gb)
                .lu("LU0", 50 * gb, 1)
                .lu("LU1", 200 * gb, 0)
                .lu("LU2", 200 * gb, 0)
                .thinLu("LU3", 2000 * gb, 0);
        san.attachHost("host1", MpioDriver.OS_BUNDLED, HOST1_HBA0, HOST1_HBA1);
        san.attachHost("host2", MpioDriver.OS_BUNDLED, HOST2_HBA0, HOST2_HBA1);
        for (String[] l : new String[][] {{"host1", HOST1_HBA0, "0A"}, {"host1", HOST1_HBA1, "1A"}, {"host2", HOST2_HBA0, "0A"}, {"host2", HOST2_HBA1, "1A"}})
            san.link(l[0], l[1], ARRAY, l[2], true);
        san.configure(ARRAY)
                .hostGroup("host1", List.of("0A", "1A"), List.of(HOST1_HBA0, HOST1_HBA1), "LU1")
                .hostGroup("host2", List.of("0A", "1A"), List.of(HOST2_HBA0, HOST2_HBA1));
        san.rescan("host1");
        SimVm vm = lab.write(Duration.ofMinutes(1), txn -> {
            SimVm v = lab.createVm(txn, lab.host("host1"), "SQL Server");
            v.memoryMb(6144);
            v.processors(4);
            v.state(PowerState.RUNNING, txn.now());
            return v;
        });
        san.runVmFrom("host1", ARRAY, 1, vm.id());
        san.write(ARRAY, 1, 0, (long) (8.4 * gb)); // the VM's 8.4 GB VHD (seed 000, Table 3-6)
        san.createPair(ARRAY, "LU1-backup", 1, 2); // seed 004's hardware snapshot pair
        return lab;
    }

    /** {@code lab new --template seed000-san}. */
    public static final class Seed000San implements LabTemplate {
        @Override public String name() { return "seed000-san"; }
        @Override public String description() {
            return "host1 and host2 on one AMS2300 (FC, OS MPIO): LU1 with the 6 GB VM 'SQL Server' mapped to host1, host2 cabled not mapped (seed 000)";
        }
        @Override public Lab create(long seed, SimClock clock) { return seed000San(seed, clock); }
    }
}
