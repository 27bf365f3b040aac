package io.hyperv4j.contract;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimNetworkAdapter;
import io.hyperv4j.vm.MigrationRefusal;
import io.hyperv4j.vm.MigrationRefusedException;
import io.hyperv4j.vm.MigrationSpec;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmSpec;
import io.hyperv4j.vm.VmState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migration contract between two simulated hosts of one lab, plus what only the simulator can show: time and capacity. */
class SimulatedMigrationTest extends MigrationContract {
    private final Lab lab = Lab.builder().clock(SimClock.virtual(Lab.DEFAULT_START))
            .host("HV01", 16, 65_536).host("HV02", 16, 8_192).build();
    @TempDir
    Path dir;

    @Override
    protected HyperVHost openSource() {
        return lab.connect("HV01");
    }

    @Override
    protected HyperVHost openDestination() {
        return lab.connect("HV02");
    }

    @Override
    protected Path diskFolder() {
        return dir;
    }

    @AfterEach
    void closeLab() {
        lab.close();
    }

    /** 1 GiB over the default 1 Gb/s: 6 s setup, 9.14 s of memory at 94 % of the line, 0.95 s pause, 1 s clean-up. */
    @Test
    void aLiveMigrationTakesTheTimeOfItsMemoryOverTheSharedLink() {
        assertEquals(6 + (1L << 30) * 8 / (1e9 * 0.94) + 0.95 + 1, secondsToMigrate("timed"), 0.6, "virtual seconds");
    }

    /** Lab seconds a live migration of a new running 1 GiB VM to HV02 takes. */
    private double secondsToMigrate(String name) {
        VirtualMachine vm = newVm(name);
        vm.start().await();
        Instant t0 = lab.clock().now();
        vm.migrate(MigrationSpec.live("HV02")).await();
        return Duration.between(t0, lab.clock().now()).toMillis() / 1000.0;
    }

    @Test
    void aTenTimesFasterSharedNetworkCarriesTheMemoryTenTimesFaster() {
        for (String h : List.of("HV01", "HV02"))
            lab.addNetworkAdapter(h, new SimNetworkAdapter("Live Migration", 10_000_000_000L, "LiveMigration"));
        assertEquals(6 + (1L << 30) * 8 / (1e10 * 0.94) + 0.95 + 1, secondsToMigrate("fast"), 0.6, "virtual seconds");
    }

    @Test
    void aDestinationWithoutMemoryForTheVmRefusesWithTheNumbersAndNothingChanges() {
        VirtualMachine big = source.vms().create(VmSpec.builder("big").memoryMb(8_000).build());
        big.start().await();
        MigrationRefusedException e = assertThrows(MigrationRefusedException.class, () -> big.migrate(MigrationSpec.live("HV02")).await());
        assertEquals(MigrationRefusal.OUT_OF_MEMORY, e.refusal());
        assertTrue(e.hostMessage().orElseThrow().contains("HV02 has"), e.hostMessage().toString());
        assertEquals(VmState.RUNNING, big.state());
        assertEquals(1, lab.host("HV01").vms().size());
    }

    @Test
    void theServiceAndItsSettingsAreServedAsDocumentedAndSavedWithTheLab() throws Exception {
        CimInstance settings = source.session().query("root\\virtualization\\v2",
                "SELECT * FROM Msvm_VirtualSystemMigrationServiceSettingData").get(0);
        assertTrue(settings.booleanOr("EnableVirtualSystemMigration", false), "enabled by the contract's set-up");
        CimInstance caps = source.session().query("root\\virtualization\\v2", "SELECT * FROM Msvm_VirtualSystemMigrationCapabilities").get(0);
        assertEquals("Migration Capabilities", caps.getString("Caption"));
        Path file = dir.resolve("lab.json");
        lab.save(file);
        try (Lab again = Lab.load(file); HyperVHost h = again.connect("HV02")) {
            assertTrue(h.vms().migrations().isEnabled(), "the setting survives a save and load");
        }
    }

    /** MigrateVirtualSystemToSystem names the destination by its Msvm_ComputerSystem and returns the VM as it will be there. */
    @Test
    void migrateVirtualSystemToSystemMovesTheVmToTheSystemReferenced() {
        VirtualMachine vm = newVm("to-system");
        vm.start().await();
        var service = source.session().query(NS, "SELECT * FROM Msvm_VirtualSystemMigrationService").get(0).path();
        io.hyperv4j.cim.ObjectPath hv02 = destination.session().query(NS, "SELECT * FROM Msvm_ComputerSystem WHERE Name = 'HV02'").get(0).path();
        var in = java.util.Map.of("ComputerSystem", CimValue.ref(vmPath(vm)), "DestinationSystem", CimValue.ref(hv02));
        MethodResult r = source.session().invoke(service, "MigrateVirtualSystemToSystem", in);
        assertEquals(4096, r.returnValue());
        assertEquals(vm.id(), r.out().get("NewComputerSystem").asPath().key("Name"));
        assertEquals("Msvm_MigrationJob", r.out().get("Job").asPath().className());
        lab.clock().advance(Duration.ofMinutes(2));
        assertTrue(destination.vms().findById(vm.id()).isPresent(), "the VM runs on HV02");
        assertTrue(source.vms().findById(vm.id()).isEmpty());
        List<Long> async = source.session().query(NS, "SELECT * FROM Msvm_VirtualSystemMigrationCapabilities").get(0)
                .list("AsynchronousMethodsSupported").stream().map(o -> ((Number) o).longValue()).toList();
        assertTrue(async.contains(3L), "MigrateVirtualSystemToSystemSupported: " + async);
    }

    @Test
    void aDestinationSystemThatIsNoHostIsRefusedAndNothingMoves() {
        VirtualMachine vm = newVm("nowhere");
        vm.start().await();
        var service = source.session().query(NS, "SELECT * FROM Msvm_VirtualSystemMigrationService").get(0).path();
        var in = java.util.Map.of("ComputerSystem", CimValue.ref(vmPath(vm)), "DestinationSystem", CimValue.ref(vmPath(vm)));
        MethodResult r = source.session().invoke(service, "MigrateVirtualSystemToSystem", in);
        assertEquals(4096, r.returnValue());
        assertFalse(r.out().containsKey("NewComputerSystem"));
        CimInstance job = source.session().get(r.out().get("Job").asPath());
        assertEquals(32773, job.longOr("ErrorCode", 0));
        assertTrue(job.getString("ErrorDescription").contains("DestinationSystem names no host"), job.getString("ErrorDescription"));
        assertTrue(source.vms().findById(vm.id()).isPresent(), "nothing moved");
    }

    /**
     * Staged (32770) leaves a planned VM with the VM's configuration on the destination while the VM
     * runs on; the move into it (DestinationPlannedVirtualSystemId) uses it up. Staging twice, or
     * moving into a planned VM the destination does not have, is refused and changes nothing.
     */
    @Test
    void aStagedMigrationPlansTheVmOnTheDestinationAndTheFinalMoveGoesIntoIt() {
        VirtualMachine vm = newVm("staged");
        vm.start().await();
        vm.migrate(MigrationSpec.staged("HV02")).await();
        List<CimInstance> planned = destination.session().query(NS, "SELECT * FROM Msvm_PlannedComputerSystem");
        assertEquals(List.of(vm.id()), planned.stream().map(p -> p.getString("Name")).toList());
        assertEquals(vm.name(), planned.get(0).getString("ElementName"));
        assertEquals(VmState.RUNNING, vm.state(), "the VM runs on where it was");
        assertEquals(1, lab.host("HV01").vms().size());

        MigrationRefusedException again = assertThrows(MigrationRefusedException.class, () -> vm.migrate(MigrationSpec.staged("HV02")).await());
        assertEquals(MigrationRefusal.INVALID_STATE, again.refusal());
        MigrationRefusedException nowhere = assertThrows(MigrationRefusedException.class,
                () -> vm.migrate(MigrationSpec.live("HV02").intoPlanned("4C4C4544-0000-0000-0000-000000000000")).await());
        assertEquals(MigrationRefusal.INVALID_PARAMETER, nowhere.refusal());
        assertEquals(1, lab.host("HV01").vms().size(), "nothing moved");

        vm.migrate(MigrationSpec.live("HV02").intoPlanned(vm.id())).await();
        assertTrue(destination.vms().findById(vm.id()).isPresent());
        assertTrue(destination.session().query(NS, "SELECT * FROM Msvm_PlannedComputerSystem").isEmpty(), "the planned VM is used up");
        assertThrows(IllegalArgumentException.class, () -> MigrationSpec.staged("HV02").intoPlanned(vm.id()));
    }

    /**
     * StorageDeepCheck (32772) looks at the storage itself: with a disk file gone the plain
     * VirtualSystemAndStorage check still says migratable, the deep check says not; as a migration
     * it is refused as an invalid parameter, and nothing moves.
     */
    @Test
    void theStorageDeepCheckLooksAtTheDiskFilesTheOtherChecksOnlyName() throws Exception {
        VirtualMachine vm = newVm("deep");
        Path disk = source.disks().create(dir.resolve("deep.vhdx"), io.hyperv4j.vhd.DiskSpec.dynamic(io.hyperv4j.vhd.VhdFormat.VHDX, 8 << 20)).await();
        vm.hardDisks().attach(disk, io.hyperv4j.vm.ControllerType.SCSI);
        MigrationSpec spec = MigrationSpec.sharedNothing("HV02").moveDisk(disk, dir.resolve("there").resolve("deep.vhdx"));
        assertTrue(source.vms().migrations().isStorageMigratable(vm, spec));
        java.nio.file.Files.delete(disk);
        assertTrue(source.vms().migrations().isMigratable(vm, spec), "the VirtualSystemAndStorage check only names the files");
        assertFalse(source.vms().migrations().isStorageMigratable(vm, spec), "the deep check finds the file gone");
        assertThrows(IllegalArgumentException.class, () -> source.vms().migrations().isStorageMigratable(vm, MigrationSpec.live("HV02")));

        var service = source.session().query(NS, "SELECT * FROM Msvm_VirtualSystemMigrationService").get(0).path();
        String msd = CimInstance.builder("Msvm_VirtualSystemMigrationSettingData").put("MigrationType", CimValue.uint16(32772)).build().toString();
        MethodResult r = source.session().invoke(service, "MigrateVirtualSystemToHost", java.util.Map.of("ComputerSystem", CimValue.ref(vmPath(vm)),
                "DestinationHost", CimValue.string("HV02"), "MigrationSettingData", CimValue.string(msd)));
        CimInstance job = source.session().get(r.out().get("Job").asPath());
        assertEquals(32773, job.longOr("ErrorCode", 0), "a check, not a migration");
        assertTrue(source.vms().findById(vm.id()).isPresent(), "nothing moved");
    }

    /**
     * A storage migration of a VM with checkpoints (Hyper-V 2012 and later): the disk's whole chain,
     * its base and the checkpoints' differencing files, moves into the target's folder; each copy's
     * parent link names the moved parent; the VM reads what it wrote, and a checkpoint applied after
     * the move gives back the bytes of its moment.
     */
    @Test
    void aStorageMigrationMovesTheCheckpointChainAndCheckpointsStillApply() throws Exception {
        VirtualMachine vm = newVm("chain");
        java.nio.file.Files.createDirectories(dir.resolve("old"));
        Path base = source.disks().create(dir.resolve("old").resolve("chain.vhdx"), io.hyperv4j.vhd.DiskSpec.dynamic(io.hyperv4j.vhd.VhdFormat.VHDX, 8 << 20)).await();
        vm.hardDisks().attach(base, io.hyperv4j.vm.ControllerType.SCSI);
        vm.checkpoints().setType(io.hyperv4j.vm.CheckpointType.STANDARD).await();
        vm.start().await();
        io.hyperv4j.sim.v2.storage.SimGuest guest = io.hyperv4j.sim.v2.storage.SimGuest.of(lab, vm.id());
        guest.workload(0, 1, 20, 100_000, 1 << 20);
        byte[] atA = guest.read(0, 0, 1 << 20);
        String a = vm.checkpoints().create("A").await();
        guest.workload(0, 2, 20, 100_000, 1 << 20);
        vm.checkpoints().create("B").await();
        guest.workload(0, 3, 20, 100_000, 1 << 20);
        byte[] now = guest.read(0, 0, 1 << 20);
        Path current = Path.of(vm.hardDisks().list().get(0).path());
        assertNotEquals(base, current, "the VM runs on a differencing disk of its checkpoints");

        Path target = dir.resolve("new").resolve(current.getFileName().toString()); // each file keeps its name
        vm.migrate(MigrationSpec.storage(current, target)).await();
        assertEquals(target.toString(), vm.hardDisks().list().get(0).path());
        List<Path> moved;
        try (var files = java.nio.file.Files.list(dir.resolve("new"))) {
            moved = files.sorted().toList();
        }
        assertEquals(3, moved.size(), "the base (A froze it), the differencing disk B froze, and the current one: " + moved);
        for (Path f : moved) {
            var info = io.hyperv4j.vhd.VirtualDisks.inspect(f);
            if (info.vhdType() == io.hyperv4j.vhd.VhdType.DIFFERENCING)
                assertEquals(dir.resolve("new"), info.parentPath().getParent(), f + " names its moved parent");
        }
        assertArrayEquals(now, guest.read(0, 0, 1 << 20), "the VM reads what it wrote");
        vm.turnOff().await();
        vm.checkpoints().apply(vm.checkpoints().byId(a).orElseThrow()).await();
        assertArrayEquals(atA, guest.read(0, 0, 1 << 20), "checkpoint A applies after the move");
        assertTrue(Path.of(vm.hardDisks().list().get(0).path()).startsWith(dir.resolve("new")), "on a child of A's moved file");
    }

    private static final String NS = "root\\virtualization\\v2";

    private io.hyperv4j.cim.ObjectPath vmPath(VirtualMachine vm) {
        return source.session().query(NS, "SELECT * FROM Msvm_ComputerSystem WHERE Name = '" + vm.id() + "'").get(0).path();
    }

    @Test
    void aMigrationRunsAsAMigrationJobWithItsTypeAndDestination() {
        VirtualMachine vm = newVm("job");
        vm.start().await();
        var op = vm.migrate(MigrationSpec.live("HV02"));
        List<CimInstance> jobs = source.session().query("root\\virtualization\\v2", "SELECT * FROM Msvm_MigrationJob");
        assertEquals(1, jobs.size());
        assertEquals(32768, jobs.get(0).longOr("MigrationType", 0));
        assertEquals(305, jobs.get(0).longOr("JobType", 0));
        assertEquals("HV02", jobs.get(0).getString("DestinationHost"));
        assertEquals(vm.id(), jobs.get(0).getString("VirtualSystemName"));
        op.await();
    }
}
