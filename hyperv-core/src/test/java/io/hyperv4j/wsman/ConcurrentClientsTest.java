package io.hyperv4j.wsman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.v2.V2;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many clients at once on one served lab: each defines VMs, starts them and enumerates, with no error
 * and no lost update (every VM defined exists once, every start was taken). A small, bounded form of
 * the load test; it counts operations, never wall time.
 */
class ConcurrentClientsTest {
    private static final int CLIENTS = 12;
    private static final int VMS_EACH = 6;
    @TempDir
    Path dir;

    @Test
    void concurrentClientsLoseNoUpdate() throws Exception {
        try (ServedLab served = ServedLab.serve(Lab.standalone(), false, dir)) {
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            Set<String> defined = ConcurrentHashMap.newKeySet();
            List<Future<Integer>> results = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                results.add(pool.submit(() -> {
                    try (CimSession s = new WsmanTransport().open(served.uri(), Optional.of(ServedLab.credentials()), Duration.ofSeconds(60))) {
                        int enumerated = 0;
                        for (int i = 0; i < VMS_EACH; i++) {
                            String name = "load-" + client + "-" + i;
                            MethodResult r = s.invoke(V2.managementService(Lab.DEFAULT_HOST), "DefineSystem", Map.of("SystemSettings",
                                    CimValue.object(CimInstance.builder(V2.VSSD).put("ElementName", CimValue.string(name)).build())));
                            ObjectPath vm = r.get("ResultingSystem").asPath();
                            defined.add(name);
                            assertEquals(4096, s.invoke(vm, "RequestStateChange", Map.of("RequestedState", CimValue.uint16(2))).returnValue());
                            enumerated += s.query(V2.NAMESPACE, "SELECT * FROM Msvm_ComputerSystem WHERE Caption = 'Virtual Machine'").size();
                        }
                        return enumerated;
                    }
                }));
            }
            for (Future<Integer> f : results) assertTrue(f.get() > 0);
            pool.shutdown();
            List<CimInstance> vms = served.lab.session(Lab.DEFAULT_HOST).query(V2.NAMESPACE,
                    "SELECT * FROM Msvm_ComputerSystem WHERE Caption = 'Virtual Machine'");
            assertEquals(CLIENTS * VMS_EACH, defined.size());
            assertEquals(defined, vms.stream().map(v -> v.getString("ElementName")).collect(Collectors.toSet()));
            assertTrue(vms.stream().allMatch(v -> v.getLong("EnabledState") == 32770 || v.getLong("EnabledState") == 2),
                    "every start was taken");
        }
    }
}
