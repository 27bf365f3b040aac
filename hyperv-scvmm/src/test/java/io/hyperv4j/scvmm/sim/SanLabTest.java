package io.hyperv4j.scvmm.sim;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.sim.Lab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The array's own behaviour: thin pools, drives, pairs, HDLM's events, the lab file. */
class SanLabTest {
    private static final String A = SanTemplates.ARRAY;
    @TempDir
    Path dir;

    @Test
    void aThinPoolRefusesAWritePastItsDrivesUntilDrivesAreAdded() {
        try (Lab lab = Lab.fromTemplate("seed000-san")) {
            SanLab san = SanLab.of(lab);
            long capacity = san.read(m -> m.array(A).poolCapacity(0));
            assertEquals(4 * 300_000_000_000L, capacity, "RAID5 4D+1P of 300 GB drives");
            san.write(A, 3, 0, capacity - SanLab.DP_PAGE);
            String before = san.snapshot();
            SanRefusedException e = assertThrows(SanRefusedException.class, () -> san.write(A, 3, capacity, 2 * SanLab.DP_PAGE));
            assertEquals(SanRefusal.POOL_CAPACITY_EXCEEDED, e.reason());
            assertEquals(before, san.snapshot());
            san.write(A, 3, 0, SanLab.DP_PAGE); // pages already taken cost nothing
            san.addDrives(A, 10, 1);
            assertEquals(5 * 300_000_000_000L, (long) san.read(m -> m.array(A).poolCapacity(0)));
            san.write(A, 3, capacity, 2 * SanLab.DP_PAGE);
        }
    }

    @Test
    void aPairCopiesThenSplitsAndResyncsOnlyTheDifferences() {
        try (Lab lab = Lab.fromTemplate("seed000-san")) {
            SanLab san = SanLab.of(lab);
            assertEquals(PairState.COPYING, san.pairState(A, "LU1-backup"));
            assertThrows(SanRefusedException.class, () -> san.split(A, "LU1-backup"));
            assertEquals(SanRefusal.SECONDARY_READ_ONLY, assertThrows(SanRefusedException.class, () -> san.write(A, 2, 0, 512)).reason());
            // 8.4 GB at 200 MiB/s: about 40 s of virtual time
            lab.clock().advance(Duration.ofSeconds(39));
            assertEquals(PairState.COPYING, san.pairState(A, "LU1-backup"));
            lab.clock().advance(Duration.ofSeconds(2));
            assertEquals(PairState.PAIRED, san.pairState(A, "LU1-backup"));
            san.split(A, "LU1-backup");
            assertEquals(PairState.SPLIT, san.pairState(A, "LU1-backup"));
            san.write(A, 2, 0, 512); // the split secondary is writable (a backup mounts it)
            san.write(A, 1, 1L << 30, 100L << 20);
            san.resync(A, "LU1-backup");
            assertEquals(PairState.RESYNC, san.pairState(A, "LU1-backup"));
            lab.clock().advance(Duration.ofSeconds(1)); // 5 pages of 32 MiB at 200 MiB/s: 0.8 s
            assertEquals(PairState.PAIRED, san.pairState(A, "LU1-backup"));
            assertEquals(SanRefusal.PAIR_SIZE_MISMATCH, assertThrows(SanRefusedException.class, () -> san.createPair(A, "x", 0, 3)).reason());
        }
    }

    @Test
    void hdlmLogsItsOwnEventsWithAndWithoutDynamicRemoval() {
        for (MpioDriver d : List.of(MpioDriver.HDLM, MpioDriver.HDLM_DYNAMIC_REMOVAL)) {
            try (Lab lab = Lab.fromTemplate("seed000-san")) {
                SanLab san = SanLab.of(lab);
                san.mpio("host1", d);
                san.link("host1", SanTemplates.HOST1_HBA0, A, "0A", false);
                assertTrue(san.events("host1").isEmpty(), "one path of two lost: MPIO fails over");
                san.link("host1", SanTemplates.HOST1_HBA1, A, "1A", false);
                List<String> got = san.events("host1").stream().map(e -> e.log() + ":" + e.source() + "/" + e.eventId()).toList();
                List<String> want = d == MpioDriver.HDLM
                        ? List.of("System:Disk/15", "System:VDS Basic Provider/1", "Application:DLMManager/32794", "Application:DLMManager/32790", "Application:DLMManager/32787")
                        : List.of("System:HDLMdsm/20781", "System:VDS Basic Provider/1", "Application:DLMManager/32794", "Application:DLMManager/32790", "Application:DLMManager/32787");
                assertEquals(want, got);
                assertTrue(san.events("host1").get(3).message().contains("ErrorCode = C000000E"));
            }
        }
    }

    @Test
    void aVmCannotRunFromAnLuAnotherHostRunsFrom() {
        try (Lab lab = Lab.fromTemplate("seed000-san")) {
            SanLab san = SanLab.of(lab);
            String web = lab.write(Duration.ofMinutes(1), txn -> lab.createVm(txn, lab.host("host2"), "web").id());
            assertEquals(SanRefusal.LU_NOT_VISIBLE, assertThrows(SanRefusedException.class, () -> san.runVmFrom("host2", A, 1, web)).reason());
            san.configure(A).hostGroup("shared", List.of("0A"), List.of(SanTemplates.HOST2_HBA0), "LU1");
            san.rescan("host2");
            String before = san.snapshot();
            SanRefusedException e = assertThrows(SanRefusedException.class, () -> san.runVmFrom("host2", A, 1, web));
            assertEquals(SanRefusal.LU_IN_USE_ON_ANOTHER_HOST, e.reason());
            assertTrue(e.getMessage().contains("host1"));
            assertEquals(before, san.snapshot());
        }
    }

    @Test
    void aLabFileWithABrokenSanIsRefusedNamingThePathAndLeftAsItWas() throws Exception {
        Path file = dir.resolve("lab.json");
        try (Lab lab = Lab.fromTemplate("seed000-san")) {
            lab.save(file);
        }
        String good = Files.readString(file);
        for (String[] bad : new String[][] {
                {"\"raidGroup\" : 0", "\"raidGroup\" : 77", "raidGroup"},
                {"\"level\" : \"RAID5\"", "\"level\" : \"RAID55\"", "level"},
                {"\"hostLun\" : 0", "\"hostLun\" : 999", "hostLun"},
                {"\"mpio\" : \"OS_BUNDLED\"", "\"mpio\" : 3", "mpio"}}) {
            assertTrue(good.contains(bad[0]), bad[0] + " not in the file");
            String broken = good.replaceFirst(java.util.regex.Pattern.quote(bad[0]), bad[1]);
            Files.writeString(file, broken);
            Exception e = assertThrows(Exception.class, () -> Lab.load(file).close());
            String msg = e.getMessage() + (e.getCause() == null ? "" : " / " + e.getCause().getMessage());
            assertTrue(msg.contains("$.providers") && msg.contains(bad[2]), msg);
            assertEquals(broken, Files.readString(file));
        }
    }
}
