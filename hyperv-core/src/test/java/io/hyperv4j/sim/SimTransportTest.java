package io.hyperv4j.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.HyperVException;
import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.sim.v2.V2;
import io.hyperv4j.spi.CimTransport;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class SimTransportTest {

    private static CimTransport sim() {
        for (CimTransport t : ServiceLoader.load(CimTransport.class)) if (t.name().equals("sim")) return t;
        throw new AssertionError("the sim transport is not registered");
    }

    @Test
    void standaloneIsAFreshLabWithOneHost() {
        CimTransport t = sim();
        assertTrue(t.supports(URI.create("sim:standalone")));
        assertFalse(t.supports(URI.create("wmi://host")));
        try (CimSession s = t.open(URI.create("sim:standalone"), Optional.empty(), Duration.ofSeconds(5))) {
            assertEquals(Lab.DEFAULT_HOST, s.host());
            assertEquals(Duration.ofSeconds(5), s.timeout());
            assertEquals(2, s.query(V2.NAMESPACE, "SELECT * FROM Msvm_VirtualSystemManagementService").size()
                    + s.query(V2.NAMESPACE, "SELECT * FROM Msvm_ComputerSystem").size());
            s.invoke(V2.managementService(s.host()), "DefineSystem", Map.of());
            assertEquals(2, s.query(V2.NAMESPACE, "SELECT * FROM Msvm_ComputerSystem").size());
        }
        try (CimSession s = t.open(URI.create("sim:standalone?host=HVX&seed=5"), Optional.empty(), Duration.ofSeconds(5))) {
            assertEquals("HVX", s.host());
            assertEquals(1, s.query(V2.NAMESPACE, "SELECT * FROM Msvm_ComputerSystem").size(), "fresh: no VMs from before");
        }
    }

    @Test
    void aClosedSessionRefusesCalls() {
        CimSession s = sim().open(URI.create("sim:standalone"), Optional.empty(), Duration.ofSeconds(5));
        s.close();
        s.close();
        CimException e = assertThrows(CimException.class, () -> s.query(V2.NAMESPACE, "SELECT * FROM Msvm_ComputerSystem"));
        assertEquals(CimError.INVALID_OPERATION, e.error());
    }

    @Test
    void badUrisAreRefusedWithAClearMessage() {
        CimTransport t = sim();
        HyperVException a = assertThrows(HyperVException.class, () -> t.open(URI.create("sim:cluster"), Optional.empty(), null));
        assertTrue(a.getMessage().contains("sim:standalone"), a.getMessage());
        HyperVException b = assertThrows(HyperVException.class,
                () -> t.open(URI.create("sim:standalone?colour=red"), Optional.empty(), null));
        assertTrue(b.getMessage().contains("colour"), b.getMessage());
        HyperVException c = assertThrows(HyperVException.class,
                () -> t.open(URI.create("sim:standalone?seed=abc"), Optional.empty(), null));
        assertTrue(c.getMessage().contains("seed"), c.getMessage());
    }

    @Test
    void aSessionTimeoutBoundsWaitingForTheLabLock() throws Exception {
        Lab lab = Lab.standalone();
        CimSession s = lab.session(Lab.DEFAULT_HOST, Duration.ofMillis(50));
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread holder = new Thread(() -> lab.write(Duration.ofSeconds(5), txn -> {
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        holder.start();
        held.await();
        try {
            CimException e = assertThrows(CimException.class, () -> s.invoke(V2.managementService(Lab.DEFAULT_HOST), "DefineSystem",
                    Map.of("SystemSettings", CimValue.nullOf(io.hyperv4j.cim.CimType.STRING))));
            assertEquals(CimError.TIMED_OUT, e.error());
        } finally {
            release.countDown();
            holder.join();
        }
        assertEquals(0, lab.vmCount());
    }

    @Test
    void clockOptions() {
        CimTransport t = sim();
        try (CimSession s = t.open(URI.create("sim:standalone?clock=scaled&rate=1000"), Optional.empty(), Duration.ofSeconds(5))) {
            Lab lab = ((SimSession) s).lab();
            assertEquals(ClockMode.SCALED, lab.clock().mode());
            assertEquals(1000, lab.clock().rate());
            var vm = s.invoke(io.hyperv4j.sim.v2.V2.managementService(s.host()), "DefineSystem", Map.of()).get("ResultingSystem").asPath();
            var start = s.invoke(vm, "RequestStateChange", Map.of("RequestedState", CimValue.uint16(2)));
            java.util.concurrent.CompletableFuture<Object> done = new java.util.concurrent.CompletableFuture<>();
            try (var sub = s.subscribe(V2.NAMESPACE, "SELECT * FROM __InstanceModificationEvent WHERE TargetInstance ISA 'Msvm_ConcreteJob'"
                    + " AND TargetInstance.JobState = 7 AND TargetInstance.InstanceID = '" + start.job().key("InstanceID") + "'",
                    e -> done.complete(e))) {
                if (s.get(start.job()).getLong("JobState") != 7) s.await(done, Duration.ofMinutes(2)); // ~4 s simulated = ~4 ms real
            }
            assertEquals(2, s.get(vm).getLong("EnabledState"));
        }
        try (CimSession s = t.open(URI.create("sim:standalone?clock=manual"), Optional.empty(), Duration.ofSeconds(5))) {
            assertEquals(ClockMode.MANUAL, ((SimSession) s).lab().clock().mode());
        }
        assertThrows(HyperVException.class, () -> t.open(URI.create("sim:standalone?clock=sundial"), Optional.empty(), null));
        assertThrows(HyperVException.class, () -> t.open(URI.create("sim:standalone?rate=5"), Optional.empty(), null));
        assertThrows(HyperVException.class, () -> t.open(URI.create("sim:standalone?clock=scaled&rate=-1"), Optional.empty(), null));
    }

    /** Every option value that a refusal mentions is shown redacted: a secret typed in any of them never appears. */
    @Test
    void queryValuesAreNeverEchoedRaw(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        CimTransport t = sim();
        String secret = "Pw%3Ahunter2%0A%40x";   // decodes to "Pw:hunter2\n@x"
        java.util.List<String> uris = java.util.List.of(
                "sim:standalone?seed=" + secret,
                "sim:standalone?clock=" + secret,
                "sim:standalone?clock=scaled&rate=" + secret,
                "sim:standalone?" + secret,
                "sim:standalone?" + secret + "=1",
                "sim:template:" + LabTemplates.DEFAULT + "?host=" + secret,
                "sim:template:" + LabTemplates.DEFAULT + "?seed=" + secret,
                dir.resolve("lab.json").toUri().toString().replace("file:", "sim:file:") + "?host=" + secret);
        for (String u : uris) {
            HyperVException e = assertThrows(HyperVException.class, () -> t.open(URI.create(u), Optional.empty(), null), u);
            assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
            assertTrue(e.getMessage().contains("***"), e.getMessage());
        }
        HyperVException number = assertThrows(HyperVException.class,
                () -> t.open(URI.create("sim:standalone?clock=scaled&rate=-5"), Optional.empty(), null));
        assertTrue(number.getMessage().contains("-5"), "a number stays readable: " + number.getMessage());
    }
}
