package io.hyperv4j.sim.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.Lab;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A lab with one host and a session on it, plus the calls tests repeat. */
final class V2Fixture implements AutoCloseable {
    static final String HOST = Lab.DEFAULT_HOST;
    final Lab lab;
    final CimSession session;

    V2Fixture() {
        this(0);
    }

    V2Fixture(long seed) {
        lab = Lab.builder().seed(seed).host(HOST, 16, 65536).build();
        session = lab.session(HOST);
    }

    ObjectPath service() {
        return V2.managementService(HOST);
    }

    static CimInstance vssd(String name) {
        return CimInstance.builder(V2.VSSD)
                .put("ElementName", CimValue.string(name))
                .put("VirtualSystemSubType", CimValue.string("Microsoft:Hyper-V:SubType:2"))
                .build();
    }

    static CimInstance processors(long n) {
        return CimInstance.builder(V2.PROCESSOR_SD).put("VirtualQuantity", CimValue.uint64(n)).build();
    }

    static CimInstance memory(long mb) {
        return CimInstance.builder(V2.MEMORY_SD).put("VirtualQuantity", CimValue.uint64(mb)).build();
    }

    MethodResult define(String name, CimInstance... resources) {
        Map<String, CimValue> in = new HashMap<>();
        in.put("SystemSettings", CimValue.object(vssd(name)));
        if (resources.length > 0) in.put("ResourceSettings", CimValue.array(io.hyperv4j.cim.CimType.OBJECT, List.of(resources)));
        return session.invoke(service(), "DefineSystem", in);
    }

    /** Defines a VM, lets its job finish, and returns its Msvm_ComputerSystem path. */
    ObjectPath defined(String name, CimInstance... resources) {
        MethodResult r = define(name, resources);
        assertEquals(4096, r.returnValue());
        settle();
        return r.get("ResultingSystem").asPath();
    }

    MethodResult requestState(ObjectPath vm, int state) {
        return session.invoke(vm, "RequestStateChange", Map.of("RequestedState", CimValue.uint16(state)));
    }

    /** Runs the lab clock far enough for every VM operation to finish (not far enough for jobs to expire). */
    void settle() {
        lab.clock().advance(Duration.ofMinutes(1));
    }

    int state(ObjectPath vm) {
        return (int) session.get(vm).getLong("EnabledState");
    }

    CimInstance job(MethodResult r) {
        return session.get(r.job());
    }

    @Override
    public void close() {
        session.close();
        lab.close();
    }
}
