package io.hyperv4j.wsman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.v2.V2;
import io.hyperv4j.spi.Credentials;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client and server together over plain HTTP on loopback: every value crosses the wire and comes back typed as the lab wrote it. */
class WsmanSessionTest {
    private static final String NS = V2.NAMESPACE;
    @TempDir
    Path dir;
    private ServedLab served;
    private CimSession direct;
    private CimSession remote;

    @BeforeEach
    void open() {
        served = ServedLab.serve(Lab.standalone(), false, dir);
        direct = served.lab.session(Lab.DEFAULT_HOST);
        remote = new WsmanTransport().open(served.uri(), Optional.of(ServedLab.credentials()), Duration.ofSeconds(30));
    }

    @AfterEach
    void close() {
        remote.close();
        served.close();
    }

    private ObjectPath define(CimSession s, String name) {
        MethodResult r = s.invoke(V2.managementService(Lab.DEFAULT_HOST), "DefineSystem", Map.of("SystemSettings",
                CimValue.object(CimInstance.builder(V2.VSSD).put("ElementName", CimValue.string(name)).build())));
        assertTrue(r.returnValue() == 0 || r.returnValue() == 4096, r.toString());
        return r.get("ResultingSystem").asPath();
    }

    /** Properties compared by value and CIM type; paths by namespace, class and keys (the wire carries no server). */
    private static void assertSameInstance(CimInstance expected, CimInstance actual) {
        assertEquals(expected.className(), actual.className());
        assertEquals(expected.path().relative(), actual.path().relative());
        assertEquals(expected.path().namespace().toLowerCase(), actual.path().namespace().toLowerCase());
        expected.properties().forEach((name, v) -> {
            CimValue got = actual.get(name);
            if (v.array() && !v.isNull() && v.asList().isEmpty()) return; // the wire cannot tell an empty array from an absent one
            assertEquals(v.type(), got.type(), name);
            if (v.type() == io.hyperv4j.cim.CimType.REFERENCE && !v.isNull())
                assertEquals(v.asPath().relative(), got.asPath().relative(), name);
            else assertEquals(v, got, expected.className() + "." + name);
        });
    }

    @Test
    void queriesAndGetsReturnWhatTheSessionHoldsWithTheirTypes() {
        define(direct, "typed");
        String wql = "SELECT * FROM Msvm_ComputerSystem";
        Comparator<CimInstance> byName = Comparator.comparing(i -> i.getString("Name"));
        List<CimInstance> expected = direct.query(NS, wql).stream().sorted(byName).toList();
        List<CimInstance> got = remote.query(NS, wql).stream().sorted(byName).toList();
        assertEquals(expected.size(), got.size());
        for (int i = 0; i < expected.size(); i++) assertSameInstance(expected.get(i), got.get(i));
        CimInstance one = remote.get(got.get(0).path());
        assertSameInstance(expected.get(0), one);
        assertEquals("127.0.0.1", one.path().server());
    }

    @Test
    void enumerationsLongerThanOneBatchArePulledToTheEnd() {
        for (int i = 0; i < 130; i++) define(direct, "many-" + i);
        assertEquals(direct.query(NS, "SELECT * FROM Msvm_VirtualSystemSettingData").size(),
                remote.query(NS, "SELECT * FROM Msvm_VirtualSystemSettingData").size());
        assertTrue(remote.query(NS, "SELECT * FROM Msvm_ComputerSystem WHERE Caption = 'Virtual Machine'").size() == 130);
    }

    @Test
    void associatorsAndReferencesTravelAsAssociationFilters() {
        ObjectPath vm = define(remote, "assoc");
        List<CimInstance> viaWsman = remote.associators(vm, "Msvm_SettingsDefineState", "Msvm_VirtualSystemSettingData");
        List<CimInstance> local = direct.associators(vm, "Msvm_SettingsDefineState", "Msvm_VirtualSystemSettingData");
        assertEquals(1, viaWsman.size());
        assertSameInstance(local.get(0), viaWsman.get(0));
        assertEquals(direct.references(vm, null).size(), remote.references(vm, null).size());
        assertFalse(remote.references(vm, null).isEmpty());
    }

    @Test
    void methodsTakeEmbeddedInstancesAndReturnReferencesAndJobs() {
        ObjectPath vm = define(remote, "invoked");
        assertEquals("invoked", direct.get(vm.withServer(null)).getString("ElementName"));
        MethodResult r = remote.invoke(vm, "RequestStateChange", Map.of("RequestedState", CimValue.uint16(2)));
        assertEquals(4096, r.returnValue());
        CimInstance job = remote.get(r.job());
        assertEquals("Msvm_ConcreteJob", job.className());
        assertEquals(io.hyperv4j.cim.CimType.DATETIME, job.get("ElapsedTime").type());
        assertTrue(job.get("ElapsedTime").asDateTime().isInterval());
    }

    @Test
    void eventsArePulledAndTimePassesOnlyWhileTheCallerWaits() {
        ObjectPath vm = define(remote, "evented");
        List<CimInstance> events = new CopyOnWriteArrayList<>();
        CompletableFuture<CimInstance> running = new CompletableFuture<>();
        try (Subscription sub = remote.subscribe(NS, "SELECT * FROM __InstanceModificationEvent WITHIN 1 WHERE TargetInstance ISA 'Msvm_ComputerSystem'", e -> {
            events.add(e);
            if (e.get("TargetInstance").asInstance().getLong("EnabledState") == 2) running.complete(e);
        })) {
            assertTrue(remote.timeAdvancesOnlyWhileWaiting());
            var before = served.lab.clock().now();
            remote.invoke(vm, "RequestStateChange", Map.of("RequestedState", CimValue.uint16(2)));
            assertEquals(before, served.lab.clock().now(), "nobody waits, no time passes");
            CimInstance e = remote.await(running, Duration.ofMinutes(5));
            CimInstance target = e.get("TargetInstance").asInstance();
            assertEquals(vm.relative(), target.path().relative(), "the embedded instance's path is rebuilt from its keys");
            assertEquals(32770, e.get("PreviousInstance").asInstance().getLong("EnabledState"));
            assertTrue(served.lab.clock().now().isAfter(before));
        }
        CimException timedOut = assertThrows(CimException.class, () -> remote.await(new CompletableFuture<>(), Duration.ofSeconds(3)));
        assertEquals(CimError.TIMED_OUT, timedOut.error());
    }

    @Test
    void modifyIsAPutOfTheChangedProperties() {
        ObjectPath vm = define(remote, "before");
        CimInstance vssd = remote.associators(vm, "Msvm_SettingsDefineState", "Msvm_VirtualSystemSettingData").get(0);
        CimException e = assertThrows(CimException.class, () -> remote.modify(vssd.toBuilder().put("NoSuchProperty", CimValue.string("x")).build()));
        assertEquals(direct.associators(vm, "Msvm_SettingsDefineState", "Msvm_VirtualSystemSettingData").get(0), 
                direct.associators(vm, "Msvm_SettingsDefineState", "Msvm_VirtualSystemSettingData").get(0));
        CimException localRefusal = assertThrows(CimException.class, () -> direct.modify(vssd.toBuilder().path(vssd.path().withServer(null))
                .put("NoSuchProperty", CimValue.string("x")).build()));
        assertEquals(localRefusal.error(), e.error(), "the same refusal as in-process: " + e.getMessage());
    }

    @Test
    void faultsBecomeTheSameTypedErrorsAsInProcess() {
        ObjectPath missing = ObjectPath.of(NS, "Msvm_ComputerSystem", Map.of("CreationClassName", "Msvm_ComputerSystem", "Name", "no-such-vm"));
        CimException local = assertThrows(CimException.class, () -> direct.get(missing));
        CimException wire = assertThrows(CimException.class, () -> remote.get(missing));
        assertEquals(CimError.NOT_FOUND, local.error());
        assertEquals(local.error(), wire.error());
        assertEquals(local.hresult(), wire.hresult());
        assertEquals(CimError.INVALID_QUERY, assertThrows(CimException.class, () -> remote.query(NS, "SELEC * FROM x")).error());
        CimException badParam = assertThrows(CimException.class, () -> remote.invoke(V2.managementService(Lab.DEFAULT_HOST),
                "DefineSystem", Map.of("NoSuchParameter", CimValue.string("x"))));
        assertEquals(CimError.INVALID_METHOD_PARAMETERS, badParam.error());
    }

    @Test
    void wrongCredentialsAreAccessDeniedAndThePasswordIsNeverShown() {
        char[] wrong = "hunter2-wrong".toCharArray();
        CimException e = assertThrows(CimException.class, () -> new WsmanTransport().open(served.uri(),
                Optional.of(new Credentials(ServedLab.USER, wrong, null)), Duration.ofSeconds(10)));
        assertEquals(CimError.ACCESS_DENIED, e.error());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        CimException inUri = assertThrows(CimException.class, () -> new WsmanTransport().open(
                URI.create("wsman://ops:hunter2@127.0.0.1:" + served.server.port()), Optional.empty(), Duration.ofSeconds(10)));
        assertFalse(inUri.getMessage().contains("hunter2"), inUri.getMessage());
        assertEquals(CimError.INVALID_PARAMETER, inUri.error());
    }
}
