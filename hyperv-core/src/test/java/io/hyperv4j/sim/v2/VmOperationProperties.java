package io.hyperv4j.sim.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimVm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random sequences of VM operations: a VM is only ever in a documented state, a refused call
 * changes nothing, every accepted transition ends, and the same seed with the same calls gives
 * the same lab.
 */
class VmOperationProperties {
    private static final Set<Long> DOCUMENTED_STATES = Set.of(2L, 3L, 6L, 9L, 32770L, 32773L, 32774L, 32776L, 32777L);
    private static final int[] REQUESTS = {1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 32773, 32776, 32777, 32779, 32781, 40000};
    private static final String[] SNAPSHOT = {V2.COMPUTER_SYSTEM, V2.VSSD, V2.PROCESSOR_SD, V2.MEMORY_SD, V2.CONCRETE_JOB,
            V2.SHUTDOWN_COMPONENT, V2.SETTINGS_DEFINE_STATE, V2.AFFECTED_JOB_ELEMENT};

    /** One step: kind, which VM, an argument. */
    record Op(int kind, int vm, int arg) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        return Combinators.combine(Arbitraries.integers().between(0, 7), Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 1000)).as(Op::new).list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 60)
    void statesStayDocumentedAndRefusalsChangeNothing(@ForAll("ops") List<Op> ops) {
        try (V2Fixture f = new V2Fixture(11)) {
            List<ObjectPath> vms = new ArrayList<>();
            for (int i = 0; i < 3; i++) vms.add(f.defined("vm" + i, V2Fixture.memory(1024L << i)));
            for (Op op : ops) {
                List<CimInstance> before = snapshot(f);
                long rc = apply(f, vms, op);
                if (rc != 0 && rc != 4096 && rc != -1) {
                    List<CimInstance> after = snapshot(f);
                    assertTrue(before.equals(after), () -> "refused " + op + " with " + rc + " but changed " + firstDifference(before, after));
                }
                checkInvariants(f);
            }
            f.lab.clock().advance(Duration.ofMinutes(10));
            for (ObjectPath vm : vms) {
                if (f.lab.vm((String) vm.key("Name")) == null) continue;
                long s = f.session.get(vm).getLong("EnabledState");
                assertTrue(s < 32768, "every transition ended, found " + s);
            }
            assertTrue(f.session.query(V2.NAMESPACE, "SELECT * FROM Msvm_ConcreteJob WHERE JobState < 7").isEmpty());
        }
    }

    @Property(tries = 15)
    void aSavedLabLoadsBackTheSame(@ForAll("ops") List<Op> ops) throws Exception {
        try (V2Fixture f = new V2Fixture(5)) {
            List<ObjectPath> vms = new ArrayList<>();
            for (int i = 0; i < 3; i++) vms.add(f.defined("vm" + i));
            for (Op op : ops) apply(f, vms, op);
            java.nio.file.Path file = java.nio.file.Files.createTempFile("lab", ".json");
            try {
                f.lab.save(file);
                io.hyperv4j.sim.Lab back = io.hyperv4j.sim.LabFileAccess.loadAt(file, f.lab.clock().now());
                try (io.hyperv4j.cim.CimSession s = back.session(V2Fixture.HOST)) {
                    List<CimInstance> there = new ArrayList<>();
                    for (String c : SNAPSHOT) there.addAll(s.query(V2.NAMESPACE, "SELECT * FROM " + c));
                    List<CimInstance> here = snapshot(f);
                    assertTrue(here.equals(there), () -> "reloaded lab differs: " + firstDifference(here, there));
                }
            } finally {
                java.nio.file.Files.deleteIfExists(file);
            }
        }
    }

    @Property(tries = 15)
    void sameSeedSameCallsSameLab(@ForAll("ops") List<Op> ops) {
        assertEquals(run(ops), run(ops));
    }

    private List<CimInstance> run(List<Op> ops) {
        try (V2Fixture f = new V2Fixture(99)) {
            List<ObjectPath> vms = new ArrayList<>();
            for (int i = 0; i < 3; i++) vms.add(f.defined("vm" + i));
            for (Op op : ops) apply(f, vms, op);
            return snapshot(f);
        }
    }

    /** Applies one operation; returns the method's return value, or -1 for a clock step. */
    private static long apply(V2Fixture f, List<ObjectPath> vms, Op op) {
        ObjectPath vm = vms.get(op.vm() % vms.size());
        boolean exists = f.lab.vm((String) vm.key("Name")) != null;
        switch (op.kind()) {
            case 0, 1 -> {
                if (!exists) return -1;
                return f.requestState(vm, REQUESTS[op.arg() % REQUESTS.length]).returnValue();
            }
            case 2 -> {
                f.lab.clock().advance(Duration.ofMillis(op.arg() * 37L));
                return -1;
            }
            case 3 -> {
                if (!exists) return -1;
                SimVm v = f.lab.vm((String) vm.key("Name"));
                if (v.state() != PowerState.RUNNING || v.isBusy()) return -1; // no shutdown component to call
                return f.session.invoke(V2.shutdownComponent(V2Fixture.HOST, v.id()), "InitiateShutdown",
                        Map.of("Force", CimValue.bool(op.arg() % 2 == 0))).returnValue();
            }
            case 4 -> {
                List<CimInstance> running = f.session.query(V2.NAMESPACE, "SELECT * FROM Msvm_ConcreteJob WHERE JobState = 4");
                if (running.isEmpty()) return -1;
                CimInstance job = running.get(op.arg() % running.size());
                return f.session.invoke(job.path(), "RequestStateChange",
                        Map.of("RequestedState", CimValue.uint16(4 + op.arg() % 3))).returnValue();
            }
            case 5 -> {
                if (!exists) return -1;
                CimInstance proc = f.session.get(V2.processor(V2Fixture.HOST, (String) vm.key("Name"))).toBuilder()
                        .put("VirtualQuantity", CimValue.uint64(1 + op.arg() % 20)).build();
                return f.session.invoke(f.service(), "ModifyResourceSettings",
                        Map.of("ResourceSettings", CimValue.array(CimType.OBJECT, List.of(proc)))).returnValue();
            }
            case 6 -> {
                if (!exists) return -1;
                return f.session.invoke(f.service(), "DestroySystem", Map.of("AffectedSystem", CimValue.ref(vm))).returnValue();
            }
            default -> {
                MethodResult r = f.define("extra" + op.arg());
                vms.add(r.get("ResultingSystem").asPath());
                return r.returnValue();
            }
        }
    }

    private static void checkInvariants(V2Fixture f) {
        for (CimInstance cs : f.session.query(V2.NAMESPACE, "SELECT * FROM Msvm_ComputerSystem WHERE Caption = 'Virtual Machine'")) {
            long s = cs.getLong("EnabledState");
            assertTrue(DOCUMENTED_STATES.contains(s), "undocumented EnabledState " + s);
            SimVm v = f.lab.vm(cs.getString("Name"));
            assertNotNull(v);
            if (s >= 32768) assertTrue(v.isBusy(), "a transitional VM has its job: " + v);
            if (v.isBusy()) {
                CimInstance job = f.session.get(V2.job(V2Fixture.HOST, v.busyJobId()));
                assertEquals(4, job.getLong("JobState"), "the job of a busy VM is running");
            }
        }
    }

    private static String firstDifference(List<CimInstance> a, List<CimInstance> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++)
            if (!a.get(i).equals(b.get(i))) return a.get(i).path() + ": " + a.get(i).properties() + " -> " + b.get(i).properties();
        return "the number of instances, " + a.size() + " -> " + b.size();
    }

    private static List<CimInstance> snapshot(V2Fixture f) {
        List<CimInstance> all = new ArrayList<>();
        for (String c : SNAPSHOT) all.addAll(f.session.query(V2.NAMESPACE, "SELECT * FROM " + c));
        return all;
    }
}
