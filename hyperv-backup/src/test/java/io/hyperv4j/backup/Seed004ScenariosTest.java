package io.hyperv4j.backup;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.backup.sim.BackupLab;
import io.hyperv4j.backup.sim.BackupTemplates;
import io.hyperv4j.cluster.FailoverCluster;
import io.hyperv4j.scvmm.sim.PairState;
import io.hyperv4j.scvmm.sim.SanLab;
import io.hyperv4j.scvmm.sim.SanRefusal;
import io.hyperv4j.scvmm.sim.SanRefusedException;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimVm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** Seed 004's acceptance scenarios (section 7.6) on the virtual clock. */
class Seed004ScenariosTest {
    private Lab lab;
    @TempDir Path tmp;

    private DataProtection open(boolean redirect, String host) {
        lab = BackupTemplates.seed004(4, SimClock.virtual(Lab.DEFAULT_START), redirect);
        HyperVHost h = lab.connect(host);
        DataProtection dpm = h.capability(DataProtection.class);
        dpm.createGroup("Exchange", LocalTime.of(15, 0), Duration.ofDays(5));
        for (String g : List.of("GUEST1", "GUEST2", "GUEST3", "GUEST4")) dpm.addMember("Exchange", g);
        return dpm;
    }

    @AfterEach
    void close() {
        if (lab != null) lab.close();
    }

    private Duration timed(Runnable r) {
        Instant t0 = lab.clock().now();
        r.run();
        return Duration.between(t0, lab.clock().now());
    }

    private static void within2Percent(Duration expected, Duration actual) {
        double e = expected.toMillis(), a = actual.toMillis();
        assertTrue(Math.abs(a - e) <= 0.02 * e, "expected " + expected + " within 2 %, was " + actual);
    }

    @Test
    void scenario2and3NetworkReplicaExpressFullAndRestoreTakeThePapersTimesWithoutRedirection() {
        DataProtection dpm = open(false, "HYPR1");
        BackupLab.of(lab).profile("GUEST1", new BackupLab.DataProfile(239_298, 7_503, 0, 214_356));
        Duration replica = timed(() -> dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.NETWORK).await(Duration.ofHours(4)));
        within2Percent(Duration.ofMinutes(135), replica);
        assertTrue(BackupLab.of(lab).redirects().isEmpty(), "all VMs on the backing-up node: no redirection");
        BackupLab.of(lab).workload("GUEST1", 0, 7, 20, 4096, BackupTemplates.DISK_BYTES);
        Duration ef = timed(() -> dpm.backup("GUEST1", BackupKind.EXPRESS_FULL, BackupPath.NETWORK).await(Duration.ofHours(4)));
        within2Percent(Duration.ofMinutes(86), ef);
        List<RecoveryPoint> pts = dpm.recoveryPoints("GUEST1");
        assertEquals(2, pts.size());
        assertEquals(239_298_000_000L, pts.get(0).transferredBytes());
        assertEquals(7_503_000_000L, pts.get(1).transferredBytes());
        assertTrue(dpm.shadowCopies().isEmpty(), "the shadow copies are gone with their jobs");
        within2Percent(Duration.ofMinutes(43), restoreTime(dpm, "GUEST1", pts.get(0).id()));
    }

    /** A restore of the point to a folder (no load), on the lab clock. */
    private Duration restoreTime(DataProtection dpm, String vm, String point) {
        Path folder = tmp.resolve("restore-" + vm + "-" + point);
        try {
            Files.createDirectories(folder);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return timed(() -> dpm.restore(vm, point, RestoreTarget.folder(folder)).await(Duration.ofHours(4)));
    }

    @Test
    void scenario4PairBackupSplitsOncePerJobAndIsFaster() {
        DataProtection dpm = open(false, "HYPR1");
        BackupLab.of(lab).profile("GUEST1", new BackupLab.DataProfile(242_525, 5_495, 0, 242_501));
        String[] id = new String[1];
        within2Percent(Duration.ofMinutes(45), timed(() -> id[0] = dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.HARDWARE_PAIR).await(Duration.ofHours(4))));
        assertEquals(BackupPath.HARDWARE_PAIR, dpm.recoveryPoints("GUEST1").get(0).path());
        assertEquals(id[0], dpm.recoveryPoints("GUEST1").get(0).id());
        assertEquals(1, BackupLab.of(lab).pairSplits("Cluster Disk 1"), "exactly one pair split per job");
        assertNotEquals(PairState.SPLIT, pairState(), "the array's pair is resynced once the backup has read the secondary");
        lab.clock().advance(Duration.ofHours(1));
        assertEquals(PairState.PAIRED, pairState());
        Duration ef = timed(() -> dpm.backup("GUEST1", BackupKind.EXPRESS_FULL, BackupPath.HARDWARE_PAIR).await(Duration.ofHours(4)));
        within2Percent(Duration.ofMinutes(47), ef);
        assertEquals(5_495_000_000L, dpm.recoveryPoints("GUEST1").get(1).transferredBytes());
        within2Percent(Duration.ofMinutes(51), restoreTime(dpm, "GUEST1", id[0]));
    }

    @Test
    void scenario5TransportableMissingOrUnequalSecondaryAndNoProviderAreRefused() {
        DataProtection dpm = open(false, "HYPR1");
        var t = assertThrows(BackupRefusedException.class, () -> dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.HARDWARE_PAIR_TRANSPORTABLE));
        assertEquals(BackupRefusal.UNSUPPORTED_CONTEXT, t.reason());
        // the array refuses a secondary of another size, so no unequal pair ever backs the CSV
        SanLab san = SanLab.of(lab);
        int small = san.createLu(BackupTemplates.ARRAY, "SYS&DB-S2", 400L << 30, true, BackupTemplates.SVOL_POOL);
        int other = san.createLu(BackupTemplates.ARRAY, "OTHER", 800L << 30, true, BackupTemplates.SYSDB_POOL);
        var unequal = assertThrows(SanRefusedException.class, () -> san.createPair(BackupTemplates.ARRAY, "UNEQUAL", other, small));
        assertEquals(SanRefusal.PAIR_SIZE_MISMATCH, unequal.reason());
        // a pair that is split (someone else's backup, the array's console) has no point in time to give
        san.split(BackupTemplates.ARRAY, BackupTemplates.SI_PAIR);
        var u = assertThrows(BackupRefusedException.class, () -> dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.HARDWARE_PAIR));
        assertEquals(BackupRefusal.VOLUME_NOT_SUPPORTED_BY_PROVIDER, u.reason());
        assertTrue(u.getMessage().contains("SPLIT"), u.getMessage());
        BackupLab.of(lab).unpair("Cluster Disk 1");
        var none = assertThrows(BackupRefusedException.class, () -> dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.HARDWARE_PAIR));
        assertEquals(BackupRefusal.VOLUME_NOT_SUPPORTED_BY_PROVIDER, none.reason());
        assertTrue(none.getMessage().contains("no secondary"), none.getMessage());
        assertEquals(BackupRefusal.NOT_FOUND, assertThrows(BackupRefusedException.class,
                () -> BackupLab.of(lab).pair("Cluster Disk 1", BackupTemplates.ARRAY, "NO-SUCH-PAIR")).reason());
        BackupLab.of(lab).hardwareProvider(false);
        assertEquals(BackupRefusal.PROVIDER_NOT_REGISTERED,
                assertThrows(BackupRefusedException.class, () -> dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.HARDWARE_PAIR)).reason());
        assertTrue(dpm.recoveryPoints("GUEST1").isEmpty());
        assertEquals(1, dpm.providers().size());
    }

    @Test
    void scenario6InGuestDatabaseReplicaSyncAndExpressFullWithoutRedirection() {
        DataProtection dpm = open(true, "HYPR1");
        BackupLab.of(lab).profile("GUEST2", new BackupLab.DataProfile(84_582.06, 3_247.94, 1_840.69, 85_563.31));
        within2Percent(Duration.ofMinutes(68), timed(() -> dpm.backup("GUEST2", BackupKind.REPLICA, BackupPath.GUEST_AGENT).await(Duration.ofHours(4))));
        within2Percent(Duration.ofMinutes(3), timed(() -> dpm.backup("GUEST2", BackupKind.SYNCHRONIZATION, BackupPath.GUEST_AGENT).await(Duration.ofHours(4))));
        within2Percent(Duration.ofMinutes(8), timed(() -> dpm.backup("GUEST2", BackupKind.EXPRESS_FULL, BackupPath.GUEST_AGENT).await(Duration.ofHours(4))));
        assertTrue(BackupLab.of(lab).redirects().isEmpty(), "an in-guest backup takes no host snapshot: no redirection");
        List<RecoveryPoint> pts = dpm.recoveryPoints("GUEST2");
        assertEquals(List.of(84_582_060_000L, 1_840_690_000L, 3_247_940_000L), pts.stream().map(RecoveryPoint::transferredBytes).toList());
        within2Percent(Duration.ofMinutes(23), restoreTime(dpm, "GUEST2", pts.get(0).id()));
    }

    @Test
    void scenario7NetworkBackupRedirectsTheOtherNodeForTheWholeJob() {
        DataProtection dpm = open(true, "HYPR2");
        BackupLab.of(lab).profile("GUEST3", new BackupLab.DataProfile(161_371.00, 7_089.86, 0, 214_356));
        within2Percent(Duration.ofMinutes(137), timed(() -> dpm.backup("GUEST3", BackupKind.REPLICA, BackupPath.NETWORK).await(Duration.ofHours(4))));
        List<BackupLab.RedirectChange> r = BackupLab.of(lab).redirects();
        assertEquals(2, r.size(), r.toString());
        assertTrue(r.get(0).redirected());
        assertEquals("HYPR2", r.get(0).throughNode());
        within2Percent(Duration.ofMinutes(137), Duration.between(r.get(0).at(), r.get(1).at()));
        assertFalse(csvRedirected(), "Direct again after the job");
        within2Percent(Duration.ofMinutes(74), timed(() -> dpm.backup("GUEST3", BackupKind.EXPRESS_FULL, BackupPath.NETWORK).await(Duration.ofHours(4))));
        assertEquals(7_089_860_000L, dpm.recoveryPoints("GUEST3").get(1).transferredBytes());
        r = BackupLab.of(lab).redirects();
        assertEquals(4, r.size(), "the express full redirects for its whole job too: " + r);
        within2Percent(Duration.ofMinutes(74), Duration.between(r.get(2).at(), r.get(3).at()));
        assertFalse(csvRedirected());
    }

    @Test
    void scenario8PairBackupRedirectsOnlyUntilTheSplit() {
        DataProtection dpm = open(true, "HYPR2");
        BackupLab.of(lab).profile("GUEST3", new BackupLab.DataProfile(164_357.94, 3_437.49, 0, 242_501));
        within2Percent(Duration.ofMinutes(31), timed(() -> dpm.backup("GUEST3", BackupKind.REPLICA, BackupPath.HARDWARE_PAIR).await(Duration.ofHours(4))));
        List<BackupLab.RedirectChange> r = BackupLab.of(lab).redirects();
        assertEquals(2, r.size(), r.toString());
        Duration window = Duration.between(r.get(0).at(), r.get(1).at());
        assertTrue(window.compareTo(Duration.ofSeconds(50)) >= 0 && window.compareTo(Duration.ofSeconds(70)) <= 0, "about a minute: " + window);
        within2Percent(Duration.ofMinutes(22), timed(() -> dpm.backup("GUEST3", BackupKind.EXPRESS_FULL, BackupPath.HARDWARE_PAIR).await(Duration.ofHours(4))));
        assertFalse(csvRedirected());
    }

    private PairState pairState() {
        return SanLab.of(lab).pairState(BackupTemplates.ARRAY, BackupTemplates.SI_PAIR);
    }

    @Test
    void scenario14HdpPoolOverprovisionsButRefusesWritesPastItsDrivesUntilDrivesAreAdded() {
        lab = BackupTemplates.seed004(4, SimClock.virtual(Lab.DEFAULT_START), false);
        SanLab san = SanLab.of(lab);
        String a = BackupTemplates.ARRAY;
        int pool = BackupTemplates.LOG_POOL;
        long capacity = (long) san.read(m -> m.array(a).poolCapacity(pool));
        assertEquals(560_000_000_000L, capacity, "RAID5 (4D+1P) of 140 GB drives: 560 GB");
        // virtual LUs whose provisioned sum exceeds the pool: allowed
        int big = san.createLu(a, "ARCHIVE", 600L << 30, true, pool);
        assertTrue(san.read(m -> m.array(a).poolSubscribed(pool)) > capacity, "provisioned beyond the pool");
        // writes are taken page by page; one that would push the used capacity past the pool's total is refused and takes nothing
        long fits = capacity / SanLab.DP_PAGE * SanLab.DP_PAGE;
        san.write(a, big, 0, fits);
        assertEquals(fits, (long) san.read(m -> m.array(a).poolUsed(pool)));
        String before = san.snapshot();
        var full = assertThrows(SanRefusedException.class, () -> san.write(a, big, fits, SanLab.DP_PAGE));
        assertEquals(SanRefusal.POOL_CAPACITY_EXCEEDED, full.reason());
        assertEquals(before, san.snapshot(), "the refused write changed nothing");
        // adding disks to the pool's DP RAID group raises its total; the write then fits
        san.addDrives(a, 11, 1);
        assertEquals(capacity + 140_000_000_000L, (long) san.read(m -> m.array(a).poolCapacity(pool)));
        san.write(a, big, fits, SanLab.DP_PAGE);
        assertEquals(fits + SanLab.DP_PAGE, (long) san.read(m -> m.array(a).poolUsed(pool)));
    }

    private boolean csvRedirected() {
        return lab.connect("HYPR1").capability(FailoverCluster.class).sharedVolumes().stream().anyMatch(v -> v.info().redirectedAccess());
    }

    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({"REPLICA, NETWORK", "REPLICA, HARDWARE_PAIR", "EXPRESS_FULL, NETWORK", "EXPRESS_FULL, HARDWARE_PAIR"})
    void scenario9LiveMigrationDuringTheBackupFailsItWith10009ThenA3011xAndLeavesNothing(BackupKind kind, BackupPath path) {
        DataProtection dpm = open(false, "HYPR1");
        BackupLab.of(lab).profile("GUEST1", new BackupLab.DataProfile(239_298, 7_503, 0, 214_356));
        if (kind == BackupKind.EXPRESS_FULL) dpm.backup("GUEST1", BackupKind.REPLICA, path).await(Duration.ofHours(4));
        int points = dpm.recoveryPoints("GUEST1").size(), events = dpm.events().size();
        var op = dpm.backup("GUEST1", kind, path);
        lab.clock().schedule(Duration.ofMinutes(10), at -> lab.write(Duration.ofSeconds(5), txn -> {
            lab.moveVm(txn, vm("GUEST1"), lab.host("HYPR2"));
            return null;
        }));
        var e = assertThrows(BackupFailedException.class, () -> op.await(Duration.ofHours(4)));
        assertTrue(e.eventId() == 30111 || e.eventId() == 30112);
        List<Integer> ids = dpm.events().stream().skip(events).map(BackupEvent::id).toList();
        assertEquals(10009, ids.get(0));
        assertTrue(ids.get(1) == 30111 || ids.get(1) == 30112, ids.toString());
        assertEquals(points, dpm.recoveryPoints("GUEST1").size(), "no recovery point from the failed job");
        assertTrue(dpm.shadowCopies().isEmpty());
        if (points == 0) assertNoStagedFiles();
        assertFalse(csvRedirected());
    }

    @Test
    void scenario10ExpressFullAfterLiveMigrationIsRefusedUntilANewReplica() {
        DataProtection dpm = open(false, "HYPR1");
        dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.NETWORK).await(Duration.ofHours(4));
        lab.write(Duration.ofSeconds(5), txn -> {
            lab.moveVm(txn, vm("GUEST1"), lab.host("HYPR2"));
            return null;
        });
        var e = assertThrows(BackupRefusedException.class, () -> dpm.backup("GUEST1", BackupKind.EXPRESS_FULL, BackupPath.NETWORK));
        assertEquals(BackupRefusal.REPLICA_INCONSISTENT, e.reason());
        dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.NETWORK).await(Duration.ofHours(4));
        dpm.backup("GUEST1", BackupKind.EXPRESS_FULL, BackupPath.NETWORK).await(Duration.ofHours(4));
        assertEquals(3, dpm.recoveryPoints("GUEST1").size());
    }

    @Test
    void scenario11NonRunningVmsBackUpAndRestoreToOriginalFailsTheConfigurationResource() {
        DataProtection dpm = open(false, "HYPR1");
        for (PowerState s : List.of(PowerState.PAUSED, PowerState.SAVED, PowerState.OFF)) {
            setState("GUEST1", s);
            dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.NETWORK).await(Duration.ofHours(4));
            dpm.backup("GUEST1", BackupKind.EXPRESS_FULL, BackupPath.NETWORK).await(Duration.ofHours(4));
        }
        String first = dpm.recoveryPoints("GUEST1").get(0).id();
        dpm.restore("GUEST1", first, RestoreTarget.original()).await(Duration.ofHours(4));
        List<Integer> ids = dpm.events().stream().map(BackupEvent::id).toList();
        assertEquals(List.of(21502, 1069), ids);
        var group = lab.connect("HYPR1").capability(FailoverCluster.class).groups().stream()
                .filter(g -> g.name().equals("GUEST1")).findFirst().orElseThrow();
        assertEquals("FAILED", group.info().state().name());
        assertEquals("ONLINE", group.start().state().name(), "a manual online brings the role back");
    }

    @ParameterizedTest(name = "{0} inside the snapshot window")
    @EnumSource(value = PowerState.class, names = {"PAUSED", "SAVED", "OFF", "STOPPING"}) // pause, save, turn off, shut down
    void scenario12AStateChangeInsideTheSnapshotWindowFailsTheJob(PowerState state) {
        DataProtection dpm = open(false, "HYPR1");
        var op = dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.NETWORK);
        lab.clock().schedule(Duration.ofSeconds(57), at -> setState("GUEST1", state));
        var e = assertThrows(BackupFailedException.class, () -> op.await(Duration.ofHours(4)));
        assertTrue(e.eventId() == 30111 || e.eventId() == 30112);
        assertEquals(10009, dpm.events().get(0).id());
        assertTrue(dpm.recoveryPoints("GUEST1").isEmpty());
        assertNoStagedFiles();
        assertFalse(csvRedirected());
    }

    @Test
    void scenario12WithALuckyTimingSeedTheJobSucceeds() {
        DataProtection dpm = open(false, "HYPR1");
        BackupLab.of(lab).luck(1.0);
        var op = dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.NETWORK);
        lab.clock().schedule(Duration.ofSeconds(57), at -> setState("GUEST1", PowerState.SAVED));
        op.await(Duration.ofHours(4));
        assertEquals(10009, dpm.events().get(0).id());
        assertEquals(1, dpm.recoveryPoints("GUEST1").size());
    }

    @Test
    void scenario13DeletedRoleBacksUpButRestoresOnlyToAHost() throws Exception {
        DataProtection dpm = open(false, "HYPR1");
        BackupLab.of(lab).workload("GUEST1", 0, 3, 30, 8192, BackupTemplates.DISK_BYTES);
        byte[] before = BackupLab.of(lab).diskBytes("GUEST1", 0);
        BackupLab.of(lab).profile("GUEST1", new BackupLab.DataProfile(239_298, 7_503, 0, 214_356));
        var op = dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.NETWORK);
        lab.clock().schedule(Duration.ofMinutes(5), at -> BackupLab.of(lab).deleteClusterRole("GUEST1"));
        String id = op.await(Duration.ofHours(4));
        var e = assertThrows(BackupRefusedException.class, () -> dpm.restore("GUEST1", id, RestoreTarget.original()));
        assertEquals(BackupRefusal.CLUSTER_RESOURCE_NOT_FOUND, e.reason());
        Path folder = Files.createDirectory(tmp.resolve("hypr2"));
        String newVm = dpm.restore("GUEST1", id, RestoreTarget.host("HYPR2", folder)).await(Duration.ofHours(4));
        assertEquals("HYPR2", lab.vm(newVm).host().name(), "the job yields the new VM's id");
        assertEquals(2, lab.host("HYPR2").vms().stream().filter(v -> v.name().equals("GUEST1")).count() + lab.host("HYPR1").vms().stream().filter(v -> v.name().equals("GUEST1")).count());
        assertArrayEquals(before, readDisk(folder.resolve("GUEST1-disk0.vhdx")));
        // the restored VM's files are back in its folder on the CSV: it can be a clustered role again
        FailoverCluster cluster = lab.connect("HYPR2").capability(FailoverCluster.class);
        var role = cluster.addVirtualMachine(newVm);
        if (!"ONLINE".equals(role.info().state().name())) role.start();
        assertEquals("ONLINE", role.info().state().name());
        assertTrue(cluster.groups().stream().anyMatch(g -> g.name().equals("GUEST1")), "GUEST1 is a role again");
    }

    @Test
    void restoreToAFolderGivesTheBytesOfThePointAndBadInputIsRefusedWithoutChange() throws Exception {
        DataProtection dpm = open(false, "HYPR1");
        BackupLab b = BackupLab.of(lab);
        b.workload("GUEST1", 0, 1, 40, 70_000, BackupTemplates.DISK_BYTES);
        byte[] atReplica = b.diskBytes("GUEST1", 0);
        String replica = dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.NETWORK).await(Duration.ofHours(4));
        b.workload("GUEST1", 0, 2, 40, 70_000, BackupTemplates.DISK_BYTES);
        byte[] atExpress = b.diskBytes("GUEST1", 0);
        String express = dpm.backup("GUEST1", BackupKind.EXPRESS_FULL, BackupPath.NETWORK).await(Duration.ofHours(4));
        b.workload("GUEST1", 0, 3, 40, 70_000, BackupTemplates.DISK_BYTES);

        Path f1 = Files.createDirectory(tmp.resolve("r1")), f2 = Files.createDirectory(tmp.resolve("r2"));
        dpm.restore("GUEST1", replica, RestoreTarget.folder(f1)).await(Duration.ofHours(4));
        dpm.restore("GUEST1", express, RestoreTarget.folder(f2)).await(Duration.ofHours(4));
        assertArrayEquals(atReplica, readDisk(f1.resolve("GUEST1-disk0.vhdx")));
        assertArrayEquals(atExpress, readDisk(f2.resolve("GUEST1-disk0.vhdx")));
        assertTrue(Files.exists(f2.resolve("GUEST1-config.json")));

        assertEquals(BackupRefusal.NOT_FOUND, assertThrows(BackupRefusedException.class,
                () -> dpm.restore("GUEST1", "RP9999", RestoreTarget.folder(f1))).reason());
        Path small = Files.createDirectory(tmp.resolve("small"));
        b.folderCapacity(small, 1024);
        assertEquals(BackupRefusal.DISK_FULL, assertThrows(BackupRefusedException.class,
                () -> dpm.restore("GUEST1", replica, RestoreTarget.folder(small))).reason());
        assertEquals(BackupRefusal.INVALID_PARAMETER, assertThrows(BackupRefusedException.class,
                () -> dpm.restore("GUEST1", replica, RestoreTarget.folder(tmp.resolve("missing")))).reason());
        RecoveryPoint rp = dpm.recoveryPoints("GUEST1").get(0);
        Path file = rp.files().get(0);
        byte[] saved = Files.readAllBytes(file);
        byte[] bad = saved.clone();
        Arrays.fill(bad, 0, 8, (byte) 0x41);
        Files.write(file, bad);
        byte[] vmNow = b.diskBytes("GUEST1", 0);
        var c = assertThrows(BackupRefusedException.class, () -> dpm.restore("GUEST1", replica, RestoreTarget.original()));
        assertEquals(BackupRefusal.FILE_CORRUPT, c.reason());
        assertTrue(c.getMessage().contains(file.getFileName().toString()), c.getMessage());
        assertArrayEquals(vmNow, b.diskBytes("GUEST1", 0), "the VM is unchanged");
        assertArrayEquals(bad, Files.readAllBytes(file), "the store is unchanged");
        assertEquals(PowerState.RUNNING, vm("GUEST1").state());
    }

    @Test
    void anExpressFullAfterAFailedOneStillCarriesEveryChangeSinceTheLastPoint() throws Exception {
        DataProtection dpm = open(false, "HYPR1");
        BackupLab b = BackupLab.of(lab);
        dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.NETWORK).await(Duration.ofHours(4));
        b.workload("GUEST1", 0, 11, 10, 70_000, BackupTemplates.DISK_BYTES);
        var failing = dpm.backup("GUEST1", BackupKind.EXPRESS_FULL, BackupPath.NETWORK);
        lab.clock().schedule(Duration.ofSeconds(57), at -> setState("GUEST1", PowerState.PAUSED));
        assertThrows(BackupFailedException.class, () -> failing.await(Duration.ofHours(4)));
        setState("GUEST1", PowerState.RUNNING);
        b.workload("GUEST1", 0, 12, 10, 70_000, BackupTemplates.DISK_BYTES);
        byte[] now = b.diskBytes("GUEST1", 0);
        String id = dpm.backup("GUEST1", BackupKind.EXPRESS_FULL, BackupPath.NETWORK).await(Duration.ofHours(4));
        Path out = Files.createDirectory(tmp.resolve("after-failure"));
        dpm.restore("GUEST1", id, RestoreTarget.folder(out)).await(Duration.ofHours(4));
        assertArrayEquals(now, readDisk(out.resolve("GUEST1-disk0.vhdx")), "the writes before the failed job are in the point");
    }

    @Test
    void phasesRunInOrderWithFreezeToThawInSeconds() {
        DataProtection dpm = open(false, "HYPR1");
        var op = (io.hyperv4j.job.JobOperation<String>) dpm.backup("GUEST1", BackupKind.REPLICA, BackupPath.NETWORK);
        op.await(Duration.ofHours(4));
        assertEquals(List.of("GATHER_WRITER_METADATA", "PREPARE_FOR_BACKUP", "FREEZE", "COMMIT", "THAW", "POST_SNAPSHOT", "BACKUP_COMPLETE"),
                BackupLab.of(lab).phases(op.jobId()));
        assertTrue(dpm.writers().stream().filter(io.hyperv4j.backup.vss.HyperVWriter::is)
                .flatMap(w -> io.hyperv4j.backup.vss.HyperVWriter.vms(w).stream())
                .anyMatch(vm -> vm.vmName().equals("GUEST1") && vm.method() == io.hyperv4j.backup.vss.HyperVWriter.BackupMethod.CHILD_PARTITION_SNAPSHOT));
    }

    static byte[] readDisk(Path p) {
        try (var d = io.hyperv4j.vhd.VirtualDisks.open(p, io.hyperv4j.vhd.OpenMode.READ_ONLY)) {
            byte[] out = new byte[(int) d.size()];
            d.read(0, out, 0, out.length);
            return out;
        }
    }

    private void assertNoStagedFiles() {
        try (var s = Files.walk(BackupLab.of(lab).storeRoot())) {
            assertEquals(List.of(), s.filter(Files::isRegularFile).toList(), "a failed job leaves no file in the store");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private SimVm vm(String name) {
        return lab.hosts().stream().flatMap(h -> h.vms().stream()).filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    private void setState(String name, PowerState s) {
        lab.write(Duration.ofSeconds(5), txn -> {
            SimVm v = vm(name);
            txn.touch(v);
            v.state(s, txn.now());
            return null;
        });
    }
}
