package io.hyperv4j.sim.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.cim.Subscription;
import io.hyperv4j.cim.Wql;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionQueryTest {
    private static final String NS = V2.NAMESPACE;
    private final V2Fixture f = new V2Fixture();

    @AfterEach
    void close() {
        f.close();
    }

    private static Set<String> names(List<CimInstance> l) {
        return l.stream().map(i -> i.getString("ElementName")).collect(Collectors.toSet());
    }

    @Test
    void selectWithWhereAndSubclassMatching() {
        f.defined("alpha");
        ObjectPath beta = f.defined("beta");
        assertEquals(Set.of(V2Fixture.HOST, "alpha", "beta"), names(f.session.query(NS, "SELECT * FROM Msvm_ComputerSystem")));
        assertEquals(Set.of("alpha", "beta"),
                names(f.session.query(NS, "SELECT * FROM Msvm_ComputerSystem WHERE Caption = 'Virtual Machine'")));
        assertEquals(3, f.session.query(NS, "SELECT * FROM CIM_ComputerSystem").size(), "a superclass finds its subclasses");
        List<CimInstance> one = f.session.query(NS, "SELECT ElementName FROM Msvm_ComputerSystem WHERE Name = '" + beta.key("Name") + "'");
        assertEquals(1, one.size());
        assertEquals("beta", one.get(0).getString("ElementName"));
        assertEquals(null, one.get(0).get("EnabledState"), "only the selected property");
        assertEquals(beta.relative(), one.get(0).path().relative());
        assertEquals(2, f.session.query(NS, "SELECT * FROM CIM_ResourceAllocationSettingData WHERE ResourceType = 3 OR ResourceType = 4")
                .size() / 2);
    }

    @Test
    void badQueriesFailWithWbemErrors() {
        CimException c = assertThrows(CimException.class, () -> f.session.query(NS, "SELECT * FROM Msvm_Nothing"));
        assertEquals(CimError.INVALID_CLASS, c.error());
        CimException q = assertThrows(CimException.class, () -> f.session.query(NS, "SELEKT * FROM Msvm_ComputerSystem"));
        assertEquals(CimError.INVALID_QUERY, q.error());
        CimException n = assertThrows(CimException.class, () -> f.session.query("root\\cimv3", "SELECT * FROM Msvm_ComputerSystem"));
        assertEquals(CimError.INVALID_NAMESPACE, n.error());
        CimException e = assertThrows(CimException.class, () -> f.session.query(NS,
                "SELECT * FROM __InstanceModificationEvent WITHIN 2 WHERE TargetInstance ISA 'Msvm_ComputerSystem'"));
        assertEquals(CimError.INVALID_QUERY_TYPE, e.error());
    }

    @Test
    void associationsAsClientsWalkThem() {
        ObjectPath vm = f.defined("linked", V2Fixture.processors(2));
        String id = (String) vm.key("Name");
        List<CimInstance> vssd = f.session.associators(vm, V2.SETTINGS_DEFINE_STATE, V2.VSSD);
        assertEquals(1, vssd.size());
        assertEquals("linked", vssd.get(0).getString("ElementName"));
        List<CimInstance> procs = f.session.associators(vssd.get(0).path(), null, V2.PROCESSOR_SD);
        assertEquals(1, procs.size());
        assertEquals(2, procs.get(0).getLong("VirtualQuantity"));
        // processor, memory, and the generation 2 VM's SCSI controller, keyboard, mouse, display, COM 1 and COM 2
        assertEquals(8, f.session.query(NS, Wql.associatorsOf(vssd.get(0).path(), V2.VSSD_COMPONENT, null, "GroupComponent", null)).size());

        MethodResult start = f.requestState(vm, 2);
        List<CimInstance> refs = f.session.references(start.job(), V2.AFFECTED_JOB_ELEMENT);
        assertEquals(1, refs.size());
        assertEquals(vm.relative(), refs.get(0).get("AffectedElement").asPath().relative());
        // os-win: job.associators(wmi_result_class=..., wmi_association_class='Msvm_AffectedJobElement')
        List<CimInstance> affected = f.session.associators(start.job(), V2.AFFECTED_JOB_ELEMENT, V2.COMPUTER_SYSTEM);
        assertEquals(List.of(id), affected.stream().map(i -> i.getString("Name")).toList());
        f.settle();
        List<CimInstance> sc = f.session.associators(vm, null, V2.SHUTDOWN_COMPONENT);
        assertEquals(1, sc.size(), "the running VM has its shutdown component");
        CimException e = assertThrows(CimException.class,
                () -> f.session.associators(V2.computerSystem(V2Fixture.HOST, "NOT-THERE"), null, null));
        assertEquals(CimError.NOT_FOUND, e.error());
    }

    @Test
    void osWinPowerStateListenerSeesOnlyStateChanges() {
        ObjectPath vm = f.defined("watched");
        List<CimInstance> got = new ArrayList<>();
        Subscription sub = f.session.subscribe(NS, "SELECT * FROM __InstanceModificationEvent WITHIN 2 WHERE TargetInstance ISA "
                + "'Msvm_ComputerSystem' AND TargetInstance.EnabledState != PreviousInstance.EnabledState", got::add);
        f.requestState(vm, 2);
        f.settle();
        f.session.invoke(f.service(), "ModifySystemSettings", java.util.Map.of("SystemSettings", io.hyperv4j.cim.CimValue.object(
                f.session.get(V2.settings(V2Fixture.HOST, (String) vm.key("Name"))).toBuilder()
                        .put("ElementName", io.hyperv4j.cim.CimValue.string("renamed")).build())));
        List<Long> states = got.stream().map(e -> e.get("TargetInstance").asInstance().getLong("EnabledState")).toList();
        assertEquals(List.of(32770L, 2L), states, "job progress and the rename are filtered out");
        sub.close();
        f.requestState(vm, 3);
        f.settle();
        assertEquals(2, got.size(), "nothing after close");
    }

    @Test
    void waitingForAJobThroughASubscriptionAndAwait() {
        ObjectPath vm = f.defined("waiter", V2Fixture.memory(32768));
        f.requestState(vm, 2);
        f.settle();
        MethodResult save = f.requestState(vm, 6);
        String jobId = (String) save.job().key("InstanceID");
        CompletableFuture<CimInstance> done = new CompletableFuture<>();
        try (Subscription s = f.session.subscribe(NS, "SELECT * FROM __InstanceModificationEvent WHERE TargetInstance ISA "
                + "'Msvm_ConcreteJob' AND TargetInstance.InstanceID = '" + jobId + "' AND TargetInstance.JobState >= 7",
                e -> done.complete(e.get("TargetInstance").asInstance()))) {
            long wall = System.nanoTime();
            CimInstance job = f.session.await(done, Duration.ofMinutes(15));
            assertEquals(7, job.getLong("JobState"));
            assertTrue(job.get("ElapsedTime").asDateTime().toDuration().toSeconds() > 25, "a 32 GB save takes half a minute at the storage model's rate");
            assertTrue(System.nanoTime() - wall < Duration.ofSeconds(5).toNanos());
        }
        assertEquals(6, f.state(vm));
    }

    @Test
    void subscribeRefusesDataQueriesAndUnknownClasses() {
        CimException a = assertThrows(CimException.class, () -> f.session.subscribe(NS, "SELECT * FROM Msvm_ComputerSystem", e -> {}));
        assertEquals(CimError.INVALID_QUERY_TYPE, a.error());
        CimException b = assertThrows(CimException.class, () -> f.session.subscribe(NS,
                "SELECT * FROM __InstanceCreationEvent WITHIN 1 WHERE TargetInstance ISA 'Msvm_Typo'", e -> {}));
        assertEquals(CimError.INVALID_CLASS, b.error());
    }

    @Test
    void destroyingAVmRaisesDeletionEventsForItsInstances() {
        ObjectPath vm = f.defined("gone");
        List<String> deleted = new ArrayList<>();
        try (Subscription sub = f.session.subscribe(NS, "SELECT * FROM __InstanceDeletionEvent WITHIN 5 WHERE "
                + "TargetInstance ISA 'CIM_ManagedElement'", e -> deleted.add(e.get("TargetInstance").asInstance().className()))) {
            f.session.invoke(f.service(), "DestroySystem", java.util.Map.of("AffectedSystem", io.hyperv4j.cim.CimValue.ref(vm)));
            f.settle();
        }
        assertEquals(Set.of(V2.COMPUTER_SYSTEM, V2.VSSD, V2.PROCESSOR_SD, V2.MEMORY_SD, "Msvm_ResourceAllocationSettingData",
                "Msvm_SerialPortSettingData", "Msvm_SyntheticDisplayControllerSettingData"), Set.copyOf(deleted), "the VM and every device it had");
    }

    @Test
    void keyLookupsAnswerLikeAScan() {
        ObjectPath a = f.defined("a");
        f.defined("b");
        f.requestState(a, 2);
        String id = (String) a.key("Name");
        List<String> wheres = List.of("Name = '" + id + "'", "Name = '" + id.toLowerCase() + "'", "Name = 'HV01'",
                "Name = 'nope'", "Name = '" + id + "' AND EnabledState = 2", "Name = '" + id + "' AND EnabledState = 32770",
                "'" + id + "' = Name", "Name = '" + id + "' OR Name = 'HV01'", "CreationClassName = 'Msvm_ComputerSystem' AND Name = 'HV01'");
        List<CimInstance> all = f.session.query(NS, "SELECT * FROM Msvm_ComputerSystem");
        for (String w : wheres) {
            Set<ObjectPath> got = f.session.query(NS, "SELECT * FROM Msvm_ComputerSystem WHERE " + w).stream()
                    .map(CimInstance::path).collect(Collectors.toSet());
            io.hyperv4j.cim.WqlQuery.Select sel = io.hyperv4j.cim.Wql.parseSelect("SELECT * FROM Msvm_ComputerSystem WHERE " + w);
            Set<ObjectPath> scanned = all.stream().filter(i -> sel.matches(i, io.hyperv4j.cim.schema.CimSchema.forNamespace(NS)))
                    .map(CimInstance::path).collect(Collectors.toSet());
            assertEquals(scanned, got, w);
        }
        assertEquals(1, f.session.query(NS, "SELECT * FROM Msvm_VirtualSystemSettingData WHERE InstanceID = 'Microsoft:" + id + "'").size());
        assertEquals(1, f.session.query(NS, "SELECT * FROM CIM_ComputerSystem WHERE Name = '" + id + "'").size());
    }

    /**
     * A projected scan tests its WHERE on the VM's tested properties only and renders the VMs that
     * pass: it answers what filtering every whole instance answers, with the selected values.
     */
    @Test
    void projectedScansAnswerLikeFilteringWholeInstances() {
        ObjectPath a = f.defined("web-01");
        f.defined("web-02");
        f.defined("db-01");
        f.requestState(a, 2);
        String id = (String) a.key("Name");
        List<String> wheres = List.of("ElementName LIKE 'web-%'", "ElementName LIKE '%-01' AND EnabledState = 3",
                "EnabledState = 2", "EnabledState <> 2 OR ElementName = 'web-01'", "NOT ElementName LIKE 'w%'",
                "Name = '" + id + "' OR ElementName = 'db-01'", "ElementName = 'HV01'", "ElementName LIKE '_b-0[1]'",
                "HealthState = 5 AND Caption = 'Virtual Machine'", "ElementName ISA 'x' OR ProcessID = 0", "InstallDate IS NOT NULL",
                "OnTimeInMilliseconds > 0", "ElementName IS NULL", "ElementName = 'nope'");
        List<CimInstance> all = f.session.query(NS, "SELECT * FROM Msvm_ComputerSystem");
        io.hyperv4j.cim.schema.CimSchema schema = io.hyperv4j.cim.schema.CimSchema.forNamespace(NS);
        for (String w : wheres) {
            String text = "SELECT Name, EnabledState FROM Msvm_ComputerSystem WHERE " + w;
            List<CimInstance> got;
            try {
                got = f.session.query(NS, text);
            } catch (CimException e) {
                assertThrows(CimException.class, () -> Wql.parseSelect(text).matches(all.get(0), schema), w);
                continue;
            }
            io.hyperv4j.cim.WqlQuery.Select sel = Wql.parseSelect(text);
            Set<String> expected = all.stream().filter(i -> sel.matches(i, schema))
                    .map(i -> i.path().relative() + " " + i.get("EnabledState")).collect(Collectors.toSet());
            assertEquals(expected, got.stream().map(i -> i.path().relative() + " " + i.get("EnabledState")).collect(Collectors.toSet()), w);
            got.forEach(i -> assertEquals(null, i.get("ElementName"), "only the selected properties: " + w));
        }
    }
}
