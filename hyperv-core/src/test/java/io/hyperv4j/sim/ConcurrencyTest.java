package io.hyperv4j.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.cim.Subscription;
import io.hyperv4j.sim.v2.V2;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Several threads drive one lab at once on a virtual clock: no deadlock, no lost completion, no spurious time jump. */
class ConcurrencyTest {

    private static CimInstance run(CimSession s, ObjectPath target, int state) {
        MethodResult r = s.invoke(target, "RequestStateChange", Map.of("RequestedState", CimValue.uint16(state)));
        assertEquals(4096, r.returnValue());
        String id = (String) r.job().key("InstanceID");
        CompletableFuture<CimInstance> done = new CompletableFuture<>();
        try (Subscription sub = s.subscribe(V2.NAMESPACE, "SELECT * FROM __InstanceModificationEvent WHERE TargetInstance ISA "
                + "'Msvm_ConcreteJob' AND TargetInstance.InstanceID = '" + id + "' AND TargetInstance.JobState >= 7",
                e -> done.complete(e.get("TargetInstance").asInstance()))) {
            CimInstance now = s.get(r.job());
            if (now.getLong("JobState") >= 7) return now;
            return s.await(done, Duration.ofMinutes(15));
        }
    }

    @Test
    void threadsStartingAndStoppingVmsTogether() {
        Lab lab = Lab.standalone();
        Instant start = lab.clock().now();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int n = t;
                    results.add(pool.submit(() -> {
                        try (CimSession s = lab.session(Lab.DEFAULT_HOST)) {
                            ObjectPath vm = s.invoke(V2.managementService(Lab.DEFAULT_HOST), "DefineSystem", Map.of("SystemSettings",
                                    CimValue.object(CimInstance.builder(V2.VSSD).put("ElementName", CimValue.string("t" + n)).build())))
                                    .get("ResultingSystem").asPath();
                            int cycles = 0;
                            for (int i = 0; i < 5; i++) {
                                assertEquals(7, run(s, vm, 2).getLong("JobState"));
                                assertEquals(2, s.get(vm).getLong("EnabledState"));
                                assertEquals(7, run(s, vm, 3).getLong("JobState"));
                                cycles++;
                            }
                            return cycles;
                        }
                    }));
                }
                for (Future<Integer> f : results) assertEquals(5, f.get());
            } finally {
                pool.shutdownNow();
            }
        });
        // 4 threads x 5 cycles of ~4 s start + ~1 s stop; waits overlap, and no wait jumped to its 15-minute deadline.
        Duration passed = Duration.between(start, lab.clock().now());
        assertTrue(passed.compareTo(Duration.ofMinutes(10)) < 0, "virtual time passed: " + passed);
    }
}
