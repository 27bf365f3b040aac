package io.hyperv4j.contract;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.JobState;
import io.hyperv4j.job.Operation;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.vm.MigrationSpec;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MaximumActiveVirtualSystemMigration: migrations beyond the host's maximum of active ones wait as
 * New jobs (not counted active) and start, oldest first, as running ones end, are cancelled, or the
 * maximum is raised; a queued job survives a save and load.
 */
class MigrationQueueTest {
    private static final String NS = "root\\virtualization\\v2";
    private final Lab lab = Lab.builder().clock(SimClock.virtual(Lab.DEFAULT_START)).host("HV01", 16, 65_536).host("HV02", 16, 65_536).build();
    private final HyperVHost hv01 = lab.connect("HV01");
    private final HyperVHost hv02 = lab.connect("HV02");
    @TempDir
    Path dir;

    @AfterEach
    void close() {
        hv01.close();
        hv02.close();
        lab.close();
    }

    private List<Long> jobStates() {
        return hv01.session().query(NS, "SELECT * FROM Msvm_MigrationJob").stream()
                .sorted(java.util.Comparator.comparing((CimInstance j) -> j.getString("Description")))
                .map(j -> j.longOr("JobState", 0)).toList();
    }

    private long active(HyperVHost h) {
        return h.session().query(NS, "SELECT * FROM Msvm_VirtualSystemMigrationService").get(0).longOr("ActiveVirtualSystemMigrationCount", -1);
    }

    private static void maximum(HyperVHost h, long n) {
        CimSession s = h.session();
        CimInstance settings = s.query(NS, "SELECT * FROM Msvm_VirtualSystemMigrationServiceSettingData").get(0)
                .toBuilder().put("MaximumActiveVirtualSystemMigration", CimValue.uint32(n)).build();
        var service = s.query(NS, "SELECT * FROM Msvm_VirtualSystemMigrationService").get(0).path();
        assertEquals(0, s.invoke(service, "ModifyServiceSettings", Map.of("ServiceSettingData", CimValue.string(settings.toString()))).returnValue());
    }

    private List<Operation<Void>> migrateThree() {
        for (HyperVHost h : List.of(hv01, hv02)) h.vms().migrations().enable(true).await();
        List<Operation<Void>> ops = new ArrayList<>();
        for (String name : List.of("q1", "q2", "q3")) {
            VirtualMachine vm = hv01.vms().create(VmSpec.builder(name).memoryMb(1024).build());
            vm.start().await();
            ops.add(vm.migrate(MigrationSpec.live("HV02")));
        }
        return ops;
    }

    @Test
    void migrationsBeyondTheMaximumWaitAndStartAsSlotsFree() {
        List<Operation<Void>> ops = migrateThree(); // the default maximum is 2
        long running = JobState.RUNNING.value(), fresh = JobState.NEW.value(), done = JobState.COMPLETED.value();
        assertEquals(List.of(running, running, fresh), jobStates(), "the third waits");
        assertEquals(2, active(hv01));
        assertEquals(2, active(hv02), "the destination's slots are taken too");
        java.time.Instant t0 = lab.clock().now();
        while (jobStates().get(2) == fresh) lab.clock().advance(Duration.ofSeconds(1));
        java.time.Instant started = lab.clock().now();
        assertEquals(List.of(done, running, running), jobStates(), "it starts once the first ended");
        assertEquals(2, active(hv01));
        ops.get(2).await();
        assertEquals(3, lab.host("HV02").vms().size());
        double waited = Duration.between(t0, started).toMillis() / 1000.0, ran = Duration.between(started, lab.clock().now()).toMillis() / 1000.0;
        assertTrue(waited >= 1 && ran > 15, "waited " + waited + " s for a slot, then ran its own " + ran + " s");
    }

    @Test
    void cancellingARunningMigrationOrRaisingTheMaximumStartsAWaitingOne() {
        List<Operation<Void>> ops = migrateThree();
        ops.get(0).cancel();
        assertEquals(JobState.RUNNING.value(), jobStates().get(2), "the cancel freed a slot");

        for (String name : List.of("q4")) {
            VirtualMachine vm = hv01.vms().create(VmSpec.builder(name).memoryMb(1024).build());
            vm.start().await();
            ops.add(vm.migrate(MigrationSpec.live("HV02")));
        }
        assertEquals(JobState.NEW.value(), jobStates().get(3));
        maximum(hv01, 3);
        assertEquals(JobState.NEW.value(), jobStates().get(3), "HV02 still takes part in its maximum of 2");
        maximum(hv02, 3);
        assertEquals(JobState.RUNNING.value(), jobStates().get(3), "raised on both hosts, it starts");
        assertEquals(3, active(hv01));
    }

    @Test
    void aWaitingMigrationIsSavedWithTheLabAndStartsAfterTheLoad() {
        migrateThree();
        Path file = dir.resolve("lab.json");
        lab.save(file);
        try (Lab again = Lab.load(file); HyperVHost h = again.connect("HV01")) {
            List<Long> states = h.session().query(NS, "SELECT * FROM Msvm_MigrationJob").stream().map(j -> j.longOr("JobState", 0)).sorted().toList();
            assertEquals(List.of((long) JobState.NEW.value(), (long) JobState.RUNNING.value(), (long) JobState.RUNNING.value()), states);
            again.clock().advance(Duration.ofMinutes(2));
            assertEquals(3, again.host("HV02").vms().size(), "all three moved");
        }
    }
}
