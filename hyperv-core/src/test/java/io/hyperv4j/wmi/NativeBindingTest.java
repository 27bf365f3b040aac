package io.hyperv4j.wmi;

import static io.hyperv4j.wmi.CimTypeCode.*;
import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.cim.Subscription;
import io.hyperv4j.spi.Credentials;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JNA binding itself ({@link NativeConnector}, {@link NativeNamespace}, {@link NativeWbemObject},
 * {@link NativeEnumerator}, {@link NativeCom}) driven through a real {@link WmiSession} over a
 * recording fake of ole32/oleaut32/WMI ({@link FakeComNative}): proxy security and reference
 * discipline on success, failure and timeout paths, checked on any OS.
 */
@Timeout(20)
class NativeBindingTest {
    private static final String NS = "root\\virtualization\\v2";
    private static final String VM_CLASS = "Msvm_ComputerSystem";
    private static final String VM_REL = "Msvm_ComputerSystem.CreationClassName=\"Msvm_ComputerSystem\",Name=\"VM1\"";
    private static final String QUERY = "SELECT * FROM Msvm_ComputerSystem";
    private static final String EVENTS = "SELECT * FROM __InstanceModificationEvent WITHIN 2";

    private final FakeComNative fake = new FakeComNative();

    private WmiSession open(String uri, Credentials creds, Duration timeout) {
        WmiTarget target = WmiTarget.parse(URI.create(uri));
        return WmiSession.open(target, creds == null ? null : "CORP\\ops", timeout, NativeConnector.create(fake, target, creds), "root\\cimv2",
                new WmiSession.Tuning(Duration.ofMillis(20), Duration.ofMillis(1)));
    }

    private static Credentials ops() {
        return new Credentials("ops", "s3cret".toCharArray(), "CORP");
    }

    private FakeComNative.Obj vm(String name) {
        FakeComNative.Obj settings = fake.fixture("Msvm_VirtualSystemSettingData");
        fake.with(settings, "__CLASS", CIM_STRING, Vt.BSTR, "Msvm_VirtualSystemSettingData");
        fake.with(settings, "ElementName", CIM_STRING, Vt.BSTR, name);
        FakeComNative.Obj o = fake.fixture(VM_CLASS);
        fake.with(o, "__CLASS", CIM_STRING, Vt.BSTR, VM_CLASS);
        fake.with(o, "__PATH", CIM_STRING, Vt.BSTR, "\\\\HV01\\" + NS + ":" + VM_REL.replace("VM1", name));
        fake.with(o, "ElementName", CIM_STRING, Vt.BSTR, name);
        fake.with(o, "EnabledState", CIM_UINT16, Vt.I4, 2L);
        fake.with(o, "Notes", CIM_STRING | CIM_FLAG_ARRAY, Vt.BSTR, List.of("a", "b"));
        fake.with(o, "Settings", CIM_OBJECT | CIM_FLAG_ARRAY, Vt.UNKNOWN, List.of(settings));
        return o;
    }

    /** A server with one class, two instances, a method with in- and out-parameters and an event stream. */
    private LinkedBlockingQueue<Object> hyperV() {
        FakeComNative.Obj cls = vm("class");
        fake.classes.put(VM_CLASS.toLowerCase(), cls);
        fake.instances.put(VM_REL, vm("VM1"));
        fake.queries.put(QUERY, List.of(vm("VM1"), vm("VM2")));
        FakeComNative.Obj in = fake.fixture("__PARAMETERS");
        fake.with(in, "__CLASS", CIM_STRING, Vt.BSTR, "__PARAMETERS");
        fake.with(in, "RequestedState", CIM_UINT16, Vt.I4, null);
        fake.with(in, "Tags", CIM_STRING | CIM_FLAG_ARRAY, Vt.BSTR, null);
        fake.inSignatures.put((VM_CLASS + ".RequestStateChange").toLowerCase(), in);
        fake.methods.put((VM_CLASS + ".RequestStateChange").toLowerCase(), args -> {
            FakeComNative.Obj out = fake.copyOf(in);
            out.props.clear();
            out.props.put("ReturnValue", new FakeComNative.Val(CIM_UINT32, Vt.I4, 4096L));
            out.props.put("Job", new FakeComNative.Val(CIM_REFERENCE, Vt.BSTR, "Msvm_ConcreteJob.InstanceID=\"J1\""));
            return out;
        });
        LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
        fake.eventStreams.put(EVENTS, events);
        return events;
    }

    private void assertNothingLeaked() {
        fake.dropFixtures();
        assertEquals(List.of(), fake.leaks());
    }

    @Test
    void everyProxyAndItsIUnknownGetTheCredentialsAndEveryReferenceIsReleasedOnce() throws Exception {
        LinkedBlockingQueue<Object> events = hyperV();
        Credentials creds = ops();
        try (WmiSession s = open("wmi://hv01", creds, Duration.ofSeconds(10))) {
            List<CimInstance> vms = s.query(NS, QUERY);
            assertEquals(List.of("VM1", "VM2"), vms.stream().map(v -> v.getString("ElementName")).toList());
            assertEquals("VM2", vms.get(1).get("Settings").asList().stream().map(o -> ((CimInstance) o).getString("ElementName"))
                    .findFirst().orElseThrow());
            ObjectPath path = vms.get(0).path();
            assertEquals(List.of("a", "b"), s.get(path).get("Notes").asList());
            MethodResult r = s.invoke(path, "RequestStateChange",
                    Map.of("RequestedState", CimValue.uint16(3), "Tags", CimValue.array(io.hyperv4j.cim.CimType.STRING, List.of("x", "y"))));
            assertEquals(4096, r.returnValue());
            s.modify(CimInstance.builder(VM_CLASS).path(path).put("ElementName", CimValue.string("renamed")).build());
            assertEquals("renamed", fake.puts.get(0).props.get("ElementName").value());

            CountDownLatch delivered = new CountDownLatch(1);
            Subscription sub = s.subscribe(NS, EVENTS, e -> delivered.countDown());
            FakeComNative.Obj event = fake.copyOf(vm("VM1"));
            events.add(event);
            assertTrue(delivered.await(5, TimeUnit.SECONDS));
            sub.close();
        }
        List<FakeComNative.Obj> proxies = fake.created.stream().filter(o -> o.proxy).toList();
        assertEquals(java.util.Set.of("IWbemServices", "IEnumWbemClassObject", "IWbemCallResult"),
                proxies.stream().map(o -> o.iface).collect(java.util.stream.Collectors.toSet()));
        for (FakeComNative.Obj p : proxies) {
            assertEquals(1, p.blankets.size(), "one blanket on " + p);
            assertNotNull(p.identity, "the IUnknown of " + p + " was queried");
            assertEquals(1, p.identity.blankets.size(), "one blanket on the IUnknown of " + p);
        }
        for (FakeComNative.Blanket b : fake.blankets) {
            assertEquals(-1L, b.principal(), "COLE_DEFAULT_PRINCIPAL at full pointer width on " + b.target());
            assertEquals(6, b.level(), "RPC_C_AUTHN_LEVEL_PKT_PRIVACY");
            assertEquals(3, b.imp(), "RPC_C_IMP_LEVEL_IMPERSONATE");
            assertEquals("ops", b.user());
            assertEquals("CORP", b.domain());
            assertEquals("s3cret", b.password());
            assertEquals(2, b.flags(), "SEC_WINNT_AUTH_IDENTITY_UNICODE");
        }
        assertFalse(fake.created.stream().anyMatch(o -> !o.proxy && !o.blankets.isEmpty()), "class objects are not proxies");
        assertNothingLeaked();
    }

    @Test
    void withoutCredentialsARemoteProxyLetsComPickThePrincipalAndALocalOneUsesNtlm() {
        try (WmiSession s = open("wmi://hv01", null, Duration.ofSeconds(5))) {
            assertEquals("hv01", s.host());
        }
        FakeComNative.Blanket remote = fake.blankets.get(0);
        assertEquals(-1L, remote.principal(), "(OLECHAR*)-1, not 0xffffffff");
        assertEquals(0xFFFFFFFF, remote.authn(), "RPC_C_AUTHN_DEFAULT");
        assertNull(remote.user());
        assertEquals(List.of("IWbemServices"), fake.blanketTargets(), "the process identity needs no IUnknown blanket");
        try (WmiSession s = open("wmi://localhost", null, Duration.ofSeconds(5))) {
            assertNotNull(s.host());
        }
        FakeComNative.Blanket local = fake.blankets.get(1);
        assertEquals(0L, local.principal());
        assertEquals(10, local.authn(), "RPC_C_AUTHN_WINNT");
        assertNothingLeaked();
    }

    @Test
    void theDefaultPrincipalIsMinusOneAtFullPointerWidth() {
        assertEquals(-1L, com.sun.jna.Pointer.nativeValue(NativeConnector.COLE_DEFAULT_PRINCIPAL));
    }

    @Test
    void aServicesProxyThatRefusesItsBlanketIsReleased() {
        fake.faults = call -> call.equals("CoSetProxyBlanket IWbemServices") ? FakeComNative.E_ACCESSDENIED : null;
        WmiException e = assertThrows(WmiException.class, () -> open("wmi://hv01", ops(), Duration.ofSeconds(5)));
        assertEquals(0x80070005L, e.hresult());
        assertNothingLeaked();
    }

    @Test
    void anIUnknownThatCannotBeQueriedOrSecuredReleasesTheProxy() {
        fake.faults = call -> call.startsWith("QueryInterface IUnknown") ? FakeComNative.E_NOINTERFACE : null;
        assertThrows(WmiException.class, () -> open("wmi://hv01", ops(), Duration.ofSeconds(5)));
        assertNothingLeaked();
        fake.faults = call -> call.equals("CoSetProxyBlanket IUnknown") ? FakeComNative.E_ACCESSDENIED : null;
        assertThrows(WmiException.class, () -> open("wmi://hv01", ops(), Duration.ofSeconds(5)));
        assertNothingLeaked();
    }

    @Test
    void aConnectWhoseStringsCannotAllFreesTheOnesItHas() {
        fake.faults = call -> call.equals("SysAllocStringLen MS_409") ? 1 : null;
        WmiException e = assertThrows(WmiException.class, () -> open("wmi://hv01?locale=MS_409", ops(), Duration.ofSeconds(5)));
        assertEquals(0x8007000EL, e.hresult());
        assertNothingLeaked();
        assertTrue(fake.calls.contains("SysAllocStringLen \\\\hv01\\root\\cimv2"), "the resource BSTR was allocated first: " + fake.calls);
    }

    @Test
    void aQueryInterfaceFailingPartWayThroughAnObjectArrayReleasesTheObjectsAlreadyRead() {
        hyperV();
        FakeComNative.Obj two = fake.fixture("Msvm_VirtualSystemSettingData");
        fake.with(two, "__CLASS", CIM_STRING, Vt.BSTR, "Msvm_VirtualSystemSettingData");
        FakeComNative.Obj one = fake.fixture("Msvm_VirtualSystemSettingData");
        fake.with(one, "__CLASS", CIM_STRING, Vt.BSTR, "Msvm_VirtualSystemSettingData");
        FakeComNative.Obj vm = vm("VM3");
        fake.with(vm, "Settings", CIM_OBJECT | CIM_FLAG_ARRAY, Vt.UNKNOWN, List.of(one, two));
        fake.queries.put(QUERY, List.of(vm));
        List<String> queried = Collections.synchronizedList(new ArrayList<>());
        fake.faults = call -> {
            if (!call.startsWith("QueryInterface IWbemClassObject")) return null;
            queried.add(call);
            return queried.size() == 2 ? FakeComNative.E_NOINTERFACE : null;
        };
        try (WmiSession s = open("wmi://hv01", ops(), Duration.ofSeconds(5))) {
            assertThrows(WmiException.class, () -> s.query(NS, QUERY));
        }
        assertEquals(2, queried.size());
        assertNothingLeaked();
    }

    @Test
    void anArrayParameterThatCannotBeBuiltIsDestroyedWithWhatWasWrittenIntoIt() {
        hyperV();
        Map<String, CimValue> args = Map.of("Tags", CimValue.array(io.hyperv4j.cim.CimType.STRING, List.of("first", "second", "third")));
        ObjectPath path = ObjectPath.parse("\\\\HV01\\" + NS + ":" + VM_REL);
        try (WmiSession s = open("wmi://hv01", ops(), Duration.ofSeconds(5))) {
            fake.faults = call -> call.equals("SysAllocStringLen second") ? 1 : null;
            assertThrows(CimException.class, () -> s.invoke(path, "RequestStateChange", args));
            fake.faults = call -> call.equals("SafeArrayAccessData") ? FakeComNative.E_ACCESSDENIED : null;
            assertThrows(CimException.class, () -> s.invoke(path, "RequestStateChange", args));
            fake.faults = call -> null;
            assertEquals(4096, s.invoke(path, "RequestStateChange", args).returnValue(), "the session still works");
        }
        assertNothingLeaked();
    }

    @Test
    void theProvidersErrorObjectIsQuotedAndReleased() {
        hyperV();
        FakeComNative.Obj status = fake.fixture("__ExtendedStatus");
        fake.with(status, "__CLASS", CIM_STRING, Vt.BSTR, "__ExtendedStatus");
        fake.with(status, "Description", CIM_STRING, Vt.BSTR, "Unexpected token 'FORM'");
        fake.with(status, "ParameterInfo", CIM_STRING, Vt.BSTR, "SELECT * FORM X");
        fake.errorObject = status;
        try (WmiSession s = open("wmi://hv01", ops(), Duration.ofSeconds(5))) {
            WmiException e = assertThrows(WmiException.class, () -> s.query(NS, "SELECT * FORM X"));
            assertEquals(CimError.INVALID_QUERY, e.error());
            assertTrue(e.getMessage().contains("Unexpected token 'FORM' (parameter info: SELECT * FORM X)"), e.getMessage());
        }
        assertNothingLeaked();
    }

    @Test
    void aCallResultThatTimesOutIsReleased() {
        hyperV();
        ObjectPath path = ObjectPath.parse("\\\\HV01\\" + NS + ":" + VM_REL);
        fake.faults = call -> call.equals("IWbemCallResult::GetResultObject") ? FakeComNative.WBEM_S_TIMEDOUT : null;
        try (WmiSession s = open("wmi://hv01", ops(), Duration.ofSeconds(5))) {
            CimException e = assertThrows(CimException.class, () -> s.get(path));
            assertEquals(CimError.TIMED_OUT, e.error());
        }
        assertNothingLeaked();
    }

    @Test
    void aSubscribeThatTimesOutReleasesTheLateEnumeratorAndItsIUnknown() throws Exception {
        hyperV();
        CountDownLatch answer = new CountDownLatch(1);
        CountDownLatch enumeratorGone = new CountDownLatch(1);
        fake.beforeCall = call -> {
            if (!call.equals("IWbemServices::ExecNotificationQuery")) return;
            try {
                answer.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        fake.onDestroy = o -> {
            if (o.iface.equals("IEnumWbemClassObject")) enumeratorGone.countDown();
        };
        try (WmiSession s = open("wmi://hv01", ops(), Duration.ofMillis(300))) {
            CimException e = assertThrows(CimException.class, () -> s.subscribe(NS, EVENTS, ev -> {}));
            assertEquals(CimError.TIMED_OUT, e.error());
            answer.countDown();
            assertTrue(enumeratorGone.await(5, TimeUnit.SECONDS), "the enumerator that arrived late is released");
        }
        FakeComNative.Obj enumerator = fake.created.stream().filter(o -> o.iface.equals("IEnumWbemClassObject")).findFirst().orElseThrow();
        assertEquals(1, enumerator.identity.blankets.size(), "secured before it was dropped");
        assertNothingLeaked();
    }
}
