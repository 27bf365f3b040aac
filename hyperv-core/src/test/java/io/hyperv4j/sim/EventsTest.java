package io.hyperv4j.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
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
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Instance events pushed from model changes (the kernel side; WQL filtering is tested with the session). */
class EventsTest {
    private final Lab lab = Lab.standalone();
    private final CimSession s = lab.session(Lab.DEFAULT_HOST);
    private final List<CimInstance> events = new ArrayList<>();

    @AfterEach
    void close() {
        s.close();
        lab.close();
    }

    private Subscription all() {
        return lab.subscribe(Lab.DEFAULT_HOST, V2.NAMESPACE, UnaryOperator.identity(), events::add);
    }

    private ObjectPath define(String name) {
        MethodResult r = s.invoke(V2.managementService(Lab.DEFAULT_HOST), "DefineSystem", Map.of("SystemSettings",
                CimValue.object(CimInstance.builder(V2.VSSD).put("ElementName", CimValue.string(name)).build())));
        return r.get("ResultingSystem").asPath();
    }

    private List<CimInstance> of(String eventClass, String targetClass) {
        return events.stream().filter(e -> e.className().equals(eventClass)
                && e.get("TargetInstance").asInstance().className().equals(targetClass)).toList();
    }

    @Test
    void creationModificationAndDeletionArePushedWithTargetAndPreviousInstances() {
        all();
        ObjectPath vm = define("evented");
        assertEquals(1, of("__InstanceCreationEvent", V2.COMPUTER_SYSTEM).size());
        assertEquals(1, of("__InstanceCreationEvent", V2.CONCRETE_JOB).size());
        events.clear();

        Instant t = lab.clock().now();
        s.invoke(vm, "RequestStateChange", Map.of("RequestedState", CimValue.uint16(2)));
        List<CimInstance> mods = of("__InstanceModificationEvent", V2.COMPUTER_SYSTEM);
        assertEquals(1, mods.size());
        CimInstance e = mods.get(0);
        assertEquals(3, e.get("PreviousInstance").asInstance().getLong("EnabledState"));
        assertEquals(32770, e.get("TargetInstance").asInstance().getLong("EnabledState"));
        long filetime = e.getLong("TIME_CREATED");
        assertEquals(t, Instant.EPOCH.plus(Duration.ofNanos((filetime - 116_444_736_000_000_000L) * 100)));

        events.clear();
        lab.clock().advance(Duration.ofMinutes(1));
        List<Long> pct = of("__InstanceModificationEvent", V2.CONCRETE_JOB).stream()
                .map(x -> x.get("TargetInstance").asInstance().getLong("PercentComplete")).toList();
        assertTrue(pct.size() >= 10, "each progress step is an event: " + pct);
        assertEquals(100L, pct.get(pct.size() - 1));
        CimInstance running = of("__InstanceModificationEvent", V2.COMPUTER_SYSTEM).stream()
                .filter(x -> x.get("TargetInstance").asInstance().getLong("EnabledState") == 2).findFirst().orElseThrow();
        assertEquals(32770, running.get("PreviousInstance").asInstance().getLong("EnabledState"));

        events.clear();
        lab.clock().advance(Duration.ofMinutes(5));
        assertEquals(2, of("__InstanceDeletionEvent", V2.CONCRETE_JOB).size(), "define and start jobs expired");
        assertNull(of("__InstanceDeletionEvent", V2.CONCRETE_JOB).get(0).get("PreviousInstance"));
    }

    @Test
    void closingASubscriptionStopsDelivery() {
        Subscription sub = all();
        define("one");
        int n = events.size();
        sub.close();
        define("two");
        assertEquals(n, events.size());
    }

    @Test
    void eventsOfOtherHostsAreNotDelivered() {
        lab.addHost("HV02", 8, 16384);
        all();
        try (CimSession other = lab.session("HV02")) {
            other.invoke(V2.managementService("HV02"), "DefineSystem", Map.of());
        }
        assertTrue(events.isEmpty());
    }

    @Test
    void awaitOnAVirtualClockIsPushedTheCompletionWithoutWallTime() {
        ObjectPath vm = define("await");
        MethodResult r = s.invoke(vm, "RequestStateChange", Map.of("RequestedState", CimValue.uint16(2)));
        String jobId = (String) r.job().key("InstanceID");
        CompletableFuture<CimInstance> done = new CompletableFuture<>();
        lab.subscribe(Lab.DEFAULT_HOST, V2.NAMESPACE, UnaryOperator.identity(), e -> {
            CimInstance target = e.get("TargetInstance").asInstance();
            if (target.className().equals(V2.CONCRETE_JOB) && jobId.equals(target.getString("InstanceID"))
                    && target.getLong("JobState") == 7) done.complete(target);
        });
        Instant before = lab.clock().now();
        CimInstance job = s.await(done, Duration.ofMinutes(15));
        assertEquals(100, job.getLong("PercentComplete"));
        Duration took = Duration.between(before, lab.clock().now());
        assertTrue(took.toSeconds() >= 2 && took.toSeconds() <= 10, "virtual time went on by the start's duration: " + took);
        assertEquals(2, s.get(vm).getLong("EnabledState"));

        CimException e = assertThrows(CimException.class, () -> s.await(new CompletableFuture<>(), Duration.ofMinutes(1)));
        assertEquals(CimError.TIMED_OUT, e.error());
    }

    @Test
    void aListenerThatThrowsDoesNotBreakTheChange() {
        lab.subscribe(Lab.DEFAULT_HOST, V2.NAMESPACE, UnaryOperator.identity(), e -> {
            throw new IllegalStateException("listener bug");
        });
        all();
        ObjectPath vm = define("robust");
        assertEquals(3, s.get(vm).getLong("EnabledState"));
        assertTrue(!events.isEmpty());
    }

    @Test
    void aMovedVmLeavesOneHostAndAppearsOnTheOther() {
        SimHost hv02 = lab.addHost("HV02", 8, 32768);
        ObjectPath vm = define("mover");
        String id = (String) vm.key("Name");
        List<CimInstance> there = new ArrayList<>();
        lab.subscribe("HV02", V2.NAMESPACE, UnaryOperator.identity(), there::add);
        all();
        lab.write(Duration.ofSeconds(5), txn -> {
            lab.moveVm(txn, lab.vm(id), hv02);
            return null;
        });
        assertEquals(4, of("__InstanceDeletionEvent", V2.COMPUTER_SYSTEM).size() + of("__InstanceDeletionEvent", V2.VSSD).size()
                + of("__InstanceDeletionEvent", V2.PROCESSOR_SD).size() + of("__InstanceDeletionEvent", V2.MEMORY_SD).size());
        // the system, its settings, processor, memory, the generation 1 VM's two IDE controllers, DVD drive, keyboard, mouse, display, COM 1 and COM 2
        assertEquals(12, there.stream().filter(e -> e.className().equals("__InstanceCreationEvent")).count());
        CimException gone = assertThrows(CimException.class, () -> s.get(vm));
        assertEquals(CimError.NOT_FOUND, gone.error());
        try (CimSession other = lab.session("HV02")) {
            assertEquals("mover", other.get(V2.computerSystem("HV02", id)).getString("ElementName"));
        }
    }
}
