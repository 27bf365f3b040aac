package io.hyperv4j.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.sim.v2.V2;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A change renders, to find its events, the instances of the namespaces someone listens to and no
 * others: a provider of a namespace without subscribers is not asked, and is once someone subscribes.
 */
class EventNamespacesTest {
    /** Counts the renders of VMs it is asked for. */
    static final class RenderCounter extends LabSaveTest.CounterProvider {
        int vmRenders;

        @Override
        public List<CimInstance> render(Lab lab, Object entity, Instant now) {
            if (entity instanceof SimVm) vmRenders++;
            return List.of();
        }
    }

    @Test
    void onlyTheObservedNamespacesAreRenderedForEvents() {
        RenderCounter counter = new RenderCounter();
        List<CimInstance> v2Events = new ArrayList<>();
        try (Lab lab = Lab.builder().provider(counter).host("HV01", 4, 8192).build(); CimSession s = lab.session("HV01")) {
            lab.subscribe("HV01", V2.NAMESPACE, UnaryOperator.identity(), v2Events::add);
            s.invoke(V2.managementService("HV01"), "DefineSystem", Map.of("SystemSettings",
                    CimValue.object(CimInstance.builder(V2.VSSD).put("ElementName", CimValue.string("vm1")).build())));
            SimVm vm = lab.host("HV01").vms().iterator().next();
            rename(lab, vm, "vm2");
            assertTrue(v2Events.stream().anyMatch(e -> e.className().equals("__InstanceModificationEvent")
                    && e.get("TargetInstance").asInstance().getString("ElementName").equals("vm2")), "the v2 listener hears the rename");
            assertEquals(0, counter.vmRenders, "no one listens to root\\test: its provider renders nothing for the events");

            lab.subscribe("HV01", "ROOT\\Test", UnaryOperator.identity(), e -> {});
            rename(lab, vm, "vm3");
            assertEquals(2, counter.vmRenders, "now someone listens (any case): the VM before and after the change");
        }
    }

    private static void rename(Lab lab, SimVm vm, String name) {
        lab.write(Duration.ofSeconds(5), txn -> {
            txn.touch(vm);
            vm.name(name);
            return null;
        });
    }
}
