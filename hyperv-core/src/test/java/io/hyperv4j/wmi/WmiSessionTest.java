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
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The session's orchestration over a scripted WMI: marshalling, conversion, errors, events, release. */
@Timeout(20)
class WmiSessionTest {
    private static final String V2 = "root\\virtualization\\v2";
    private static final String VM_PATH_TEXT =
            "\\\\HV01\\root\\virtualization\\v2:Msvm_ComputerSystem.CreationClassName=\"Msvm_ComputerSystem\",Name=\"6A3B\"";

    private final FakeWmi wmi = new FakeWmi();
    private FakeWmi.Ns v2;
    private WmiSession session;

    @BeforeEach
    void setUp() {
        wmi.ns("root\\cimv2");
        v2 = wmi.ns(V2);
    }

    @AfterEach
    void tearDown() {
        if (session != null) session.close();
    }

    private WmiSession open(Duration timeout) {
        session = WmiSession.open(WmiTarget.parse(URI.create("wmi://hv01")), "CORP\\ops", timeout, wmi, "root\\cimv2",
                new WmiSession.Tuning(Duration.ofMillis(20), Duration.ofMillis(1)));
        return session;
    }

    private FakeWbemObject vm(int i) {
        return wmi.object("Msvm_ComputerSystem", VM_PATH_TEXT.replace("6A3B", "VM" + i))
                .with("ElementName", CIM_STRING, WmiVariant.of(Vt.BSTR, "vm" + i))
                .with("EnabledState", CIM_UINT16, WmiVariant.of(Vt.I4, 2L))
                .with("OnTimeInMilliseconds", CIM_UINT64, WmiVariant.of(Vt.BSTR, "18446744073709551615"))
                .with("OperationalStatus", CIM_UINT16 | CIM_FLAG_ARRAY, WmiVariant.array(Vt.I4, List.of(2L, 32768L)));
    }

    @Test
    void queryReadsEveryBatchConvertsAndReleasesAllObjectsOnTheComThread() {
        String q = "SELECT * FROM Msvm_ComputerSystem";
        List<FakeEnumerator> made = new ArrayList<>();
        v2.queries.put(q, () -> {
            FakeEnumerator e = new FakeEnumerator(wmi.wire);
            for (int i = 0; i < 150; i++) e.push(vm(i));
            made.add(e.end());
            return e;
        });
        open(Duration.ofSeconds(5));
        List<CimInstance> vms = session.query("root/virtualization/v2", q);

        assertEquals(150, vms.size());
        CimInstance last = vms.get(149);
        assertEquals("vm149", last.getString("ElementName"));
        assertEquals(2, last.getLong("EnabledState"));
        assertEquals(-1L, last.getLong("OnTimeInMilliseconds"), "uint64 max as its bit pattern");
        assertEquals(List.of(2L, 32768L), last.get("OperationalStatus").asList());
        assertEquals("HV01", last.path().server());
        assertEquals("VM149", last.path().key("Name"));
        assertEquals(0, wmi.wire.open(), "every object WMI handed out was released");
        assertTrue(made.get(0).closed, "enumerator released");
        assertEquals(1, wmi.comThreads.size(), "one thread did all COM work");
        assertNotSame(Thread.currentThread(), wmi.comThreads.iterator().next());
    }

    @Test
    void aQueryThatOutlivesTheTimeoutFailsWithTimedOutAndReleasesTheEnumerator() {
        String q = "SELECT * FROM Msvm_ConcreteJob";
        FakeEnumerator slow = new FakeEnumerator(wmi.wire).push(wmi.object("Msvm_ConcreteJob", null));
        v2.queries.put(q, () -> slow);
        open(Duration.ofSeconds(1));
        CimException e = assertThrows(CimException.class, () -> session.query(V2, q));
        assertEquals(CimError.TIMED_OUT, e.error());
        assertTrue(e.getMessage().contains("1 objects read so far"), e.getMessage());
        assertTrue(slow.closed);
        assertTrue(slow.lastTimeout <= 900, "Next waited at most the native share of the budget: " + slow.lastTimeout);
        assertEquals(0, wmi.wire.open());
    }

    @Test
    void failuresCarryTheSymbolHostNamespaceAndAdvice() {
        open(Duration.ofSeconds(5));
        WmiException e = assertThrows(WmiException.class, () -> session.query("root\\MSCluster", "SELECT * FROM MSCluster_Node"));
        assertEquals(CimError.INVALID_NAMESPACE, e.error());
        assertEquals("WBEM_E_INVALID_NAMESPACE", e.symbol());
        assertTrue(e.getMessage().contains("root\\MSCluster on hv01"), e.getMessage());
        assertTrue(e.getMessage().contains("Failover Clustering feature is not installed"), e.getMessage());

        WmiException badQuery = assertThrows(WmiException.class, () -> session.query(V2, "SELEKT nonsense"));
        assertEquals(CimError.INVALID_QUERY, badQuery.error());
        assertTrue(badQuery.getMessage().contains("SELEKT nonsense"), badQuery.getMessage());
    }

    @Test
    void getAsksForTheRelativePathAndMapsNotFound() {
        FakeWbemObject stored = vm(7);
        v2.instances.put("Msvm_ComputerSystem.CreationClassName=\"Msvm_ComputerSystem\",Name=\"VM7\"", stored);
        open(Duration.ofSeconds(5));
        ObjectPath path = ObjectPath.parse(VM_PATH_TEXT.replace("6A3B", "VM7"));
        CimInstance got = session.get(path);
        assertEquals("vm7", got.getString("ElementName"));
        assertEquals(path, got.path());

        ObjectPath missing = ObjectPath.of(V2, "Msvm_ComputerSystem", Map.of("CreationClassName", "Msvm_ComputerSystem", "Name", "nope"));
        WmiException e = assertThrows(WmiException.class, () -> session.get(missing));
        assertEquals(CimError.NOT_FOUND, e.error());
        assertTrue(e.getMessage().contains("Name=\"nope\""), e.getMessage());
        assertEquals(0, wmi.wire.open());
    }

    /** Msvm_ComputerSystem.RequestStateChange, declared as in the v2 documentation. */
    private AtomicReference<Map<String, WmiVariant>> defineRequestStateChange() {
        v2.defineClass("Msvm_ComputerSystem").declare("Name", CIM_STRING);
        FakeWbemObject in = wmi.object("__PARAMETERS", null)
                .declare("RequestedState", CIM_UINT16)
                .declare("TimeoutPeriod", CIM_DATETIME);
        AtomicReference<Map<String, WmiVariant>> seen = new AtomicReference<>();
        v2.defineMethod("Msvm_ComputerSystem", "RequestStateChange", in, params -> {
            seen.set(params.snapshot());
            return wmi.object("__PARAMETERS", null)
                    // a relative REF, as some providers return: the session places it in the call's namespace
                    .with("Job", CIM_REFERENCE, WmiVariant.of(Vt.BSTR,
                            "Msvm_ConcreteJob.InstanceID=\"6E4C1D39-0A4E-4F4B-9F5C-2B8E3D0C1A77\""))
                    .with("ReturnValue", CIM_UINT32, WmiVariant.of(Vt.I4, 4096L));
        });
        return seen;
    }

    @Test
    void invokeSendsDocumentedVariantTypesAndReadsOutParametersBack() {
        AtomicReference<Map<String, WmiVariant>> seen = defineRequestStateChange();
        open(Duration.ofSeconds(5));
        ObjectPath vm = ObjectPath.of(V2, "Msvm_ComputerSystem", Map.of("CreationClassName", "Msvm_ComputerSystem", "Name", "6A3B"));
        MethodResult r = session.invoke(vm, "RequestStateChange", Map.of("RequestedState", CimValue.uint16(3)));

        assertEquals(WmiVariant.of(Vt.I4, 3L), seen.get().get("RequestedState"), "uint16 travels as VT_I4");
        assertTrue(seen.get().get("TimeoutPeriod").isNull(), "unset parameters stay null");
        assertTrue(r.jobStarted());
        assertEquals("6E4C1D39-0A4E-4F4B-9F5C-2B8E3D0C1A77", r.job().key("InstanceID"));
        assertEquals(V2, r.job().namespace());
        assertTrue(wmi.calls.contains("ExecMethod Msvm_ComputerSystem.CreationClassName=\"Msvm_ComputerSystem\",Name=\"6A3B\" RequestStateChange"),
                wmi.calls.toString());
        assertEquals(1, wmi.wire.open(), "only the cached class definition is still held");
        session.close();
        assertEquals(0, wmi.wire.open(), "the class definition is released on close");
    }

    @Test
    void invokeRefusesUnknownParametersAndWrongTypesWithoutCallingWmi() {
        defineRequestStateChange();
        open(Duration.ofSeconds(5));
        ObjectPath vm = ObjectPath.of(V2, "Msvm_ComputerSystem", Map.of("CreationClassName", "Msvm_ComputerSystem", "Name", "6A3B"));

        CimException unknown = assertThrows(CimException.class,
                () -> session.invoke(vm, "RequestStateChange", Map.of("RequestedStat", CimValue.uint16(2))));
        assertEquals(CimError.INVALID_METHOD_PARAMETERS, unknown.error());
        assertTrue(unknown.getMessage().contains("'RequestedStat'") && unknown.getMessage().contains("RequestedState"), unknown.getMessage());

        CimException wrongType = assertThrows(CimException.class,
                () -> session.invoke(vm, "RequestStateChange", Map.of("RequestedState", CimValue.string("Enabled"))));
        assertEquals(CimError.TYPE_MISMATCH, wrongType.error());
        assertTrue(wrongType.getMessage().contains("'RequestedState' is declared uint16"), wrongType.getMessage());

        CimException outOfRange = assertThrows(CimException.class,
                () -> session.invoke(vm, "RequestStateChange", Map.of("RequestedState", CimValue.uint32(70000))));
        assertEquals(CimError.TYPE_MISMATCH, outOfRange.error());

        CimException noMethod = assertThrows(CimException.class, () -> session.invoke(vm, "Explode", Map.of()));
        assertEquals(CimError.INVALID_METHOD, noMethod.error());

        assertTrue(wmi.calls.stream().noneMatch(c -> c.startsWith("ExecMethod")), wmi.calls.toString());
        assertEquals(1, wmi.wire.open(), "spawned in-parameters were released");
    }

    @Test
    void staticMethodsTakeUint32BitPatternsAndVoidMethodsReturnZero() {
        FakeWbemObject reg = v2.defineClass("StdRegProv");
        FakeWbemObject in = wmi.object("__PARAMETERS", null).declare("hDefKey", CIM_UINT32).declare("sSubKeyName", CIM_STRING);
        AtomicReference<WmiVariant> hive = new AtomicReference<>();
        v2.defineMethod("StdRegProv", "EnumKey", in, p -> {
            hive.set(p.peek("hDefKey"));
            return wmi.object("__PARAMETERS", null)
                    .with("sNames", CIM_STRING | CIM_FLAG_ARRAY, WmiVariant.array(Vt.BSTR, List.of("A", "B")))
                    .with("ReturnValue", CIM_UINT32, WmiVariant.of(Vt.I4, 0L));
        });
        v2.defineMethod("StdRegProv", "Ping", null, p -> null);
        open(Duration.ofSeconds(5));
        ObjectPath cls = ObjectPath.of(V2, "StdRegProv", Map.of());
        MethodResult r = session.invoke(cls, "EnumKey", Map.of("hDefKey", CimValue.uint32(0x80000002L), "sSubKeyName", CimValue.string("SOFTWARE")));
        assertEquals(WmiVariant.of(Vt.I4, (long) (int) 0x80000002L), hive.get(), "HKEY_LOCAL_MACHINE as the VT_I4 bit pattern");
        assertEquals(List.of("A", "B"), r.get("sNames").asList());
        assertEquals(0, r.returnValue());
        assertNull(r.get("ReturnValue"), "ReturnValue is not an out-parameter");

        MethodResult ping = session.invoke(cls, "Ping", null);
        assertEquals(0, ping.returnValue());
        assertTrue(ping.out().isEmpty());
        CimException input = assertThrows(CimException.class, () -> session.invoke(cls, "Ping", Map.of("x", CimValue.uint8(1))));
        assertEquals(CimError.INVALID_METHOD_PARAMETERS, input.error());
        assertTrue(input.getMessage().contains("takes no input"), input.getMessage());
        assertFalse(reg.isClosed());
    }

    @Test
    void whatTheProviderSaidIsQuotedInTheError() {
        v2.defineClass("Msvm_MemoryService");
        FakeWbemObject in = wmi.object("__PARAMETERS", null).declare("VirtualQuantity", CIM_UINT64);
        v2.defineMethod("Msvm_MemoryService", "Resize", in, p -> {
            throw new ComFailure(0x80041008L, "IWbemServices::ExecMethod", "VirtualQuantity must be a multiple of 2 MB");
        });
        open(Duration.ofSeconds(5));
        WmiException e = assertThrows(WmiException.class, () -> session.invoke(ObjectPath.of(V2, "Msvm_MemoryService", Map.of()),
                "Resize", Map.of("VirtualQuantity", CimValue.uint64(1023))));
        assertEquals(CimError.INVALID_PARAMETER, e.error());
        assertTrue(e.getMessage().contains("\"VirtualQuantity must be a multiple of 2 MB\""), e.getMessage());
        assertTrue(e.getMessage().contains("Msvm_MemoryService.Resize"), e.getMessage());
        assertEquals(1, wmi.wire.open(), "in-parameters released after the failure; the class definition stays cached");
    }

    @Test
    void embeddedObjectParametersAreSpawnedFilledAndReleased() {
        v2.defineClass("Msvm_Service");
        v2.defineClass("Msvm_VirtualSystemSettingData").declare("ElementName", CIM_STRING).declare("VirtualNumaEnabled", CIM_BOOLEAN);
        FakeWbemObject in = wmi.object("__PARAMETERS", null).declare("Settings", CIM_OBJECT);
        AtomicReference<String> sentClass = new AtomicReference<>();
        AtomicReference<Object> sentName = new AtomicReference<>();
        v2.defineMethod("Msvm_Service", "Apply", in, p -> {
            WmiVariant v = p.get("Settings");
            FakeWbemObject o = (FakeWbemObject) v.value();
            sentClass.set(o.className());
            sentName.set(o.peek("ElementName").value());
            WmiValues.release(v);
            return null;
        });
        open(Duration.ofSeconds(5));
        CimInstance settings = CimInstance.builder("Msvm_VirtualSystemSettingData")
                .put("ElementName", CimValue.string("web01")).put("VirtualNumaEnabled", CimValue.bool(true)).build();
        session.invoke(ObjectPath.of(V2, "Msvm_Service", Map.of()), "Apply", Map.of("Settings", CimValue.object(settings)));
        assertEquals("Msvm_VirtualSystemSettingData", sentClass.get());
        assertEquals("web01", sentName.get());
        assertEquals(1, wmi.wire.open(), "only the cached class definition is held");

        CimInstance typo = CimInstance.builder("Msvm_VirtualSystemSettingData").put("ElementNam", CimValue.string("x")).build();
        CimException e = assertThrows(CimException.class,
                () -> session.invoke(ObjectPath.of(V2, "Msvm_Service", Map.of()), "Apply", Map.of("Settings", CimValue.object(typo))));
        assertEquals(CimError.INVALID_PROPERTY, e.error());
        assertEquals(1, wmi.wire.open());
    }

    @Test
    void embeddedInstanceStringParametersCarryCimXmlText() {
        v2.defineClass("Msvm_VirtualSystemManagementService");
        FakeWbemObject in = wmi.object("__PARAMETERS", null)
                .declare("SystemSettings", CIM_STRING)
                .declare("ResourceSettings", CIM_STRING | CIM_FLAG_ARRAY)
                .declare("ReferenceConfiguration", CIM_REFERENCE);
        AtomicReference<Map<String, WmiVariant>> seen = new AtomicReference<>();
        v2.defineMethod("Msvm_VirtualSystemManagementService", "DefineSystem", in, p -> {
            seen.set(p.snapshot());
            return wmi.object("__PARAMETERS", null)
                    .with("ResultingSystem", CIM_REFERENCE, WmiVariant.of(Vt.BSTR, VM_PATH_TEXT))
                    .with("Job", CIM_REFERENCE, WmiVariant.NULL)
                    .with("ReturnValue", CIM_UINT32, WmiVariant.of(Vt.I4, 0L));
        });
        open(Duration.ofSeconds(5));
        CimInstance vssd = CimInstance.builder("Msvm_VirtualSystemSettingData")
                .put("ElementName", CimValue.string("web01")).put("VirtualSystemSubType", CimValue.string("Microsoft:Hyper-V:SubType:2")).build();
        CimInstance memory = CimInstance.builder("Msvm_MemorySettingData").put("VirtualQuantity", CimValue.uint64(2048)).build();
        MethodResult r = session.invoke(ObjectPath.of(V2, "Msvm_VirtualSystemManagementService",
                        Map.of("CreationClassName", "Msvm_VirtualSystemManagementService", "Name", "vmms")),
                "DefineSystem", Map.of(
                        "SystemSettings", CimValue.object(vssd),
                        "ResourceSettings", CimValue.array(io.hyperv4j.cim.CimType.OBJECT, List.of(memory))));

        WmiVariant sent = seen.get().get("SystemSettings");
        assertEquals(Vt.BSTR, sent.vt());
        assertEquals(vssd, io.hyperv4j.cim.CimXml.readInstance((String) sent.value()));
        WmiVariant rasds = seen.get().get("ResourceSettings");
        assertEquals(Vt.ARRAY | Vt.BSTR, rasds.vt());
        assertEquals(memory, io.hyperv4j.cim.CimXml.readInstance((String) rasds.asList().get(0)));
        assertEquals(0, r.returnValue());
        assertNull(r.job());
        assertEquals("VM6A3B".substring(2), r.get("ResultingSystem").asPath().key("Name"));
    }

    // ---------------------------------------------------------------- modify (PutInstance)

    private static final String MSCLUSTER = "root\\MSCluster";
    private static final String NETWORK_REL = "MSCluster_Network.Name=\"Cluster Network 1\"";
    private static final ObjectPath NETWORK = ObjectPath.parse("\\\\HV01\\root\\MSCluster:" + NETWORK_REL);

    /** MSCluster_Network as the cluster provider stores it (properties and types from the ClusWmi documentation). */
    private FakeWmi.Ns clusterWithNetwork() {
        FakeWmi.Ns cluster = wmi.ns(MSCLUSTER);
        cluster.instances.put(NETWORK_REL, wmi.object("MSCluster_Network", NETWORK.toString())
                .with("Name", CIM_STRING, WmiVariant.of(Vt.BSTR, "Cluster Network 1"))
                .with("Metric", CIM_UINT32, WmiVariant.of(Vt.I4, 39840L))
                .with("AutoMetric", CIM_BOOLEAN, WmiVariant.of(Vt.BOOL, true))
                .with("Role", CIM_UINT32, WmiVariant.of(Vt.I4, 3L))
                .with("Description", CIM_STRING, WmiVariant.NULL));
        return cluster;
    }

    @Test
    void modifyPutsTheGivenPropertiesWithDocumentedVariantsAndUpdatesOnly() {
        FakeWmi.Ns cluster = clusterWithNetwork();
        open(Duration.ofSeconds(5));
        CimInstance changed = session.get(NETWORK).toBuilder()
                .put("Metric", CimValue.uint32(1000))
                .put("AutoMetric", CimValue.bool(false))
                .put("Description", CimValue.string("live migration"))
                .build();
        session.modify(changed);

        assertEquals(1, cluster.puts.size());
        FakeWmi.Ns.Put put = cluster.puts.get(0);
        assertEquals(WbemNamespace.WBEM_FLAG_UPDATE_ONLY, put.flags(), "update only: never creates an instance");
        assertFalse(put.puts().stream().anyMatch("Name"::equalsIgnoreCase), "the unchanged key is not put: " + put.puts());
        assertTrue(put.puts().containsAll(List.of("Metric", "AutoMetric", "Description")), put.puts().toString());
        assertEquals(WmiVariant.of(Vt.I4, 1000L), put.written().peek("Metric"), "uint32 travels as VT_I4");
        assertEquals(WmiVariant.of(Vt.BOOL, false), put.written().peek("AutoMetric"));
        assertEquals(WmiVariant.of(Vt.BSTR, "live migration"), put.written().peek("Description"));
        assertEquals(WmiVariant.of(Vt.I4, 3L), put.written().peek("Role"), "untouched values are written back as read");
        assertTrue(put.timeoutMillis() > 0 && put.timeoutMillis() <= 4500, "bounded native wait: " + put.timeoutMillis());
        assertEquals(1000, session.get(NETWORK).getLong("Metric"), "the stored instance changed");
        List<String> order = wmi.calls.stream().filter(c -> c.startsWith("GetObject") || c.startsWith("PutInstance")).toList();
        // the test's get, modify's own read of the stored instance, the write, the test's get again
        assertEquals(List.of("GetObject " + NETWORK_REL, "GetObject " + NETWORK_REL, "PutInstance " + NETWORK + " flags=1",
                "GetObject " + NETWORK_REL), order);
        assertEquals(0, wmi.wire.open(), "the object read for the update was released");
        assertEquals(1, wmi.comThreads.size());
    }

    @Test
    void modifyOfAMissingInstanceFailsWithNotFoundAndPutsNothing() {
        FakeWmi.Ns cluster = clusterWithNetwork();
        open(Duration.ofSeconds(5));
        ObjectPath gone = ObjectPath.of(MSCLUSTER, "MSCluster_Network", Map.of("Name", "Cluster Network 9"));
        CimInstance update = CimInstance.builder("MSCluster_Network").path(gone).put("Metric", CimValue.uint32(1000)).build();
        WmiException e = assertThrows(WmiException.class, () -> session.modify(update));
        assertEquals(CimError.NOT_FOUND, e.error());
        assertEquals("WBEM_E_NOT_FOUND", e.symbol());
        assertTrue(e.getMessage().contains("Cluster Network 9"), e.getMessage());
        assertTrue(cluster.puts.isEmpty());

        CimInstance pathless = CimInstance.builder("MSCluster_Network").put("Metric", CimValue.uint32(1000)).build();
        assertEquals(CimError.INVALID_OBJECT_PATH, assertThrows(CimException.class, () -> session.modify(pathless)).error());
    }

    @Test
    void modifyRefusesAChangedKeyBeforeAnythingIsPut() {
        FakeWmi.Ns cluster = clusterWithNetwork();
        open(Duration.ofSeconds(5));
        CimInstance renamed = CimInstance.builder("MSCluster_Network").path(NETWORK)
                .put("Name", CimValue.string("Cluster Network 2"))
                .put("Metric", CimValue.uint32(1000))
                .build();
        CimException e = assertThrows(CimException.class, () -> session.modify(renamed));
        assertEquals(CimError.INVALID_PARAMETER, e.error());
        assertTrue(e.getMessage().contains("key property Name"), e.getMessage());
        assertTrue(cluster.puts.isEmpty());
        assertTrue(cluster.handedOut.get(0).puts().isEmpty(), "not even the local copy was touched");
        assertTrue(wmi.calls.stream().noneMatch(c -> c.startsWith("PutInstance")));
        assertEquals(0, wmi.wire.open());
    }

    @Test
    void modifyRefusesUnknownPropertiesAndWrongTypesAndPutsNothing() {
        FakeWmi.Ns cluster = clusterWithNetwork();
        open(Duration.ofSeconds(5));
        CimInstance unknown = CimInstance.builder("MSCluster_Network").path(NETWORK)
                .put("Metric", CimValue.uint32(1000))
                .put("Bandwidth", CimValue.uint32(10))
                .build();
        CimException e = assertThrows(CimException.class, () -> session.modify(unknown));
        assertEquals(CimError.INVALID_PROPERTY, e.error());
        assertTrue(e.getMessage().contains("'Bandwidth'") && e.getMessage().contains("Metric"), e.getMessage());

        CimInstance wrongType = CimInstance.builder("MSCluster_Network").path(NETWORK)
                .put("AutoMetric", CimValue.bool(false))
                .put("Metric", CimValue.string("fast"))
                .build();
        assertEquals(CimError.TYPE_MISMATCH, assertThrows(CimException.class, () -> session.modify(wrongType)).error());

        assertEquals(2, cluster.handedOut.size());
        cluster.handedOut.forEach(o -> assertTrue(o.puts().isEmpty(), "nothing put: " + o.puts()));
        assertTrue(cluster.puts.isEmpty());
        assertEquals(0, wmi.wire.open());
    }

    @Test
    void modifyHonoursTheTimeoutWhetherWmiOrTheCallerNoticesFirst() throws Exception {
        FakeWmi.Ns cluster = clusterWithNetwork();
        open(Duration.ofSeconds(1));
        CimInstance update = CimInstance.builder("MSCluster_Network").path(NETWORK).put("Metric", CimValue.uint32(1000)).build();

        List<Long> waits = Collections.synchronizedList(new ArrayList<>());
        cluster.putHook = t -> {
            waits.add(t);
            throw new ComFailure(0x80041069L, "IWbemServices::PutInstance"); // GetCallStatus said WBEM_S_TIMEDOUT
        };
        WmiException wmiSide = assertThrows(WmiException.class, () -> session.modify(update));
        assertEquals(CimError.TIMED_OUT, wmiSide.error());
        assertTrue(waits.get(0) > 0 && waits.get(0) <= 900, "GetCallStatus waits within the native share of 1 s: " + waits);

        CountDownLatch release = new CountDownLatch(1);
        cluster.putHook = t -> {
            try {
                release.await(10, TimeUnit.SECONDS); // a provider that ignores its timeout
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        };
        long start = System.nanoTime();
        CimException callerSide = assertThrows(CimException.class, () -> session.modify(update));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        release.countDown();
        assertEquals(CimError.TIMED_OUT, callerSide.error());
        assertTrue(tookMillis < 5000, "the caller gave up after about the session timeout: " + tookMillis + " ms");
    }

    @Test
    void subscriptionsDeliverEventsOnAReaderThreadAndStopWhenClosed() throws Exception {
        String q = "SELECT * FROM __InstanceModificationEvent WITHIN 2 WHERE TargetInstance ISA 'Msvm_ComputerSystem'";
        FakeEnumerator events = new FakeEnumerator(wmi.wire);
        v2.eventQueries.put(q, () -> events);
        open(Duration.ofSeconds(5));
        List<CimInstance> got = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch three = new CountDownLatch(3);
        AtomicReference<Thread> listenerThread = new AtomicReference<>();
        Subscription s = session.subscribe(V2, q, e -> {
            listenerThread.set(Thread.currentThread());
            got.add(e);
            three.countDown();
            if (got.size() == 1) throw new IllegalStateException("a broken listener must not stop delivery");
        });
        for (int i = 0; i < 3; i++) {
            events.push(wmi.object("__InstanceModificationEvent", null)
                    .with("TargetInstance", CIM_OBJECT, WmiVariant.of(Vt.UNKNOWN, vm(i))));
        }
        assertTrue(three.await(5, TimeUnit.SECONDS), "events delivered: " + got.size());
        assertEquals("vm2", got.get(2).get("TargetInstance").asInstance().getString("ElementName"));
        assertNotSame(Thread.currentThread(), listenerThread.get());
        assertFalse(wmi.comThreads.contains(listenerThread.get()), "events are read off the COM thread, which stays free for calls");
        assertEquals(1, session.subscriptionCount());
        assertTrue(events.lastTimeout > 0 && events.lastTimeout <= 20, "Next polls with a short finite timeout: " + events.lastTimeout);

        s.close();
        assertTrue(events.closed, "close joined the reader, which released the enumerator");
        assertEquals(0, session.subscriptionCount());
        long entered = wmi.apartmentEvents.stream().filter(a -> a.startsWith("enter hyperv4j-events")).count();
        long left = wmi.apartmentEvents.stream().filter(a -> a.startsWith("leave hyperv4j-events")).count();
        assertEquals(1, entered);
        assertEquals(1, left);
        events.push(vm(9));
        assertEquals(3, got.size(), "nothing delivered after close");
        s.close(); // idempotent
        assertEquals(0, wmi.wire.open(), "every event object the reader received was released");
    }

    @Test
    void aSubscribeThatTimesOutReleasesTheEnumeratorThatArrivesLate() throws Exception {
        String q = "SELECT * FROM __InstanceModificationEvent WITHIN 2 WHERE TargetInstance ISA 'Msvm_ComputerSystem'";
        FakeEnumerator events = new FakeEnumerator(wmi.wire);
        CountDownLatch answer = new CountDownLatch(1);
        v2.eventQueries.put(q, () -> {
            try {
                answer.await(10, TimeUnit.SECONDS); // WMI answers ExecNotificationQuery after the caller gave up
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return events;
        });
        open(Duration.ofMillis(300));
        CimException e = assertThrows(CimException.class, () -> session.subscribe(V2, q, ev -> fail("no subscription")));
        assertEquals(CimError.TIMED_OUT, e.error());
        answer.countDown();
        assertTrue(events.released.await(5, TimeUnit.SECONDS), "the late enumerator is released, so the server drops the subscription");
        assertEquals(1, events.closes.get(), "released exactly once");
        assertTrue(wmi.comThreads.contains(events.closedOn), "released on the COM thread that owns it");
        assertEquals(0, session.subscriptionCount());
    }

    @Test
    void aShortBatchDoesNotEndTheStreamButAnEmptyEndDoes() throws Exception {
        String q = "SELECT * FROM MSCluster_EventGroupStateChange";
        FakeEnumerator events = new FakeEnumerator(wmi.wire);
        v2.eventQueries.put(q, () -> events);
        open(Duration.ofSeconds(5));
        List<String> got = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch two = new CountDownLatch(2);
        // queued before the reader starts, so its first Next sees g1 then the end marker: a short batch (pushed
        // one by one while it reads, it could take g1 alone and then the marker alone, which is an empty end)
        events.push(wmi.object("MSCluster_EventGroupStateChange", null).with("Name", CIM_STRING, WmiVariant.of(Vt.BSTR, "g1")))
                .end()
                .push(wmi.object("MSCluster_EventGroupStateChange", null).with("Name", CIM_STRING, WmiVariant.of(Vt.BSTR, "g2")));
        WmiSubscription s = (WmiSubscription) session.subscribe(V2, q, e -> {
            got.add(e.getString("Name"));
            two.countDown();
        });
        assertTrue(two.await(5, TimeUnit.SECONDS), "got " + got);
        assertEquals(List.of("g1", "g2"), got);
        assertTrue(s.isRunning(), "fewer events than asked for is not the end");

        events.end();
        assertTrue(s.awaitStopped(Duration.ofSeconds(5)), "an empty end stops the reader");
        assertTrue(events.closed);
        s.close();
        assertEquals(0, session.subscriptionCount());
    }

    @Test
    void aFailingEventStreamStopsItsReaderAndReleasesTheEnumerator() throws Exception {
        String q = "SELECT * FROM __InstanceDeletionEvent WITHIN 2 WHERE TargetInstance ISA 'Msvm_ComputerSystem'";
        FakeEnumerator events = new FakeEnumerator(wmi.wire);
        v2.eventQueries.put(q, () -> events);
        open(Duration.ofSeconds(5));
        WmiSubscription s = (WmiSubscription) session.subscribe(V2, q, e -> fail("no events expected"));
        events.fail(0x800706BEL); // RPC_S_CALL_FAILED: the host went away
        assertTrue(s.awaitStopped(Duration.ofSeconds(5)));
        assertTrue(events.closed);
        s.close();
    }

    @Test
    void closingTheSessionEndsItsSubscriptionsAndReleasesEverythingOnTheComThread() {
        String q = "SELECT * FROM __InstanceCreationEvent WITHIN 1 WHERE TargetInstance ISA 'Msvm_ConcreteJob'";
        FakeEnumerator events = new FakeEnumerator(wmi.wire);
        v2.eventQueries.put(q, () -> events);
        v2.queries.put("SELECT * FROM Msvm_ConcreteJob", () -> new FakeEnumerator(wmi.wire).end());
        open(Duration.ofSeconds(5));
        session.subscribe(V2, q, e -> {});
        assertEquals(List.of(), session.query(V2, "SELECT * FROM Msvm_ConcreteJob"));
        Thread com = wmi.comThreads.iterator().next();

        session.close();
        assertTrue(events.closed);
        assertTrue(wmi.closed);
        assertSame(com, wmi.closedOn, "connector released on the COM thread");
        assertTrue(wmi.calls.contains("release root\\cimv2") && wmi.calls.contains("release " + V2), wmi.calls.toString());
        assertTrue(session.isClosed());
        CimException after = assertThrows(CimException.class, () -> session.query(V2, "SELECT * FROM Msvm_ConcreteJob"));
        assertEquals(CimError.SHUTTING_DOWN, after.error());
        session.close(); // idempotent, never throws
    }

    @Test
    void openFailsCleanlyWhenTheFirstConnectIsRefused() {
        wmi.connectFailures.put("root\\cimv2", 0x80070005L);
        WmiException e = assertThrows(WmiException.class, () -> open(Duration.ofSeconds(5)));
        session = null;
        assertEquals(CimError.ACCESS_DENIED, e.error());
        assertEquals("E_ACCESSDENIED", e.symbol());
        assertTrue(e.getMessage().contains("CORP\\ops") && e.getMessage().contains("hv01"), e.getMessage());
        assertTrue(wmi.closed, "connector released after a failed open");
        assertEquals(2, wmi.apartmentEvents.size(), "the COM thread joined and left the apartment: " + wmi.apartmentEvents);
    }

    @Test
    void aProviderThatIsStillStartingIsRetriedWithinTheBudget() {
        wmi.connectFailures.put("root\\mscluster", 0x80070046L);
        wmi.connectFailuresLeft.set(3);
        wmi.ns("root\\MSCluster").queries.put("SELECT * FROM MSCluster_Node", () -> new FakeEnumerator(wmi.wire).end());
        open(Duration.ofSeconds(5));
        assertEquals(List.of(), session.query("root\\MSCluster", "SELECT * FROM MSCluster_Node"));
        assertEquals(4, wmi.calls.stream().filter(c -> c.equals("connect root\\MSCluster")).count(), "three refusals, then success");

        wmi.connectFailures.put("root\\storage", 0x800706BAL);
        wmi.connectFailuresLeft.set(1);
        wmi.ns("root\\Storage");
        WmiException unreachable = assertThrows(WmiException.class, () -> session.query("root\\Storage", "SELECT * FROM X"));
        assertEquals("RPC_S_SERVER_UNAVAILABLE", unreachable.symbol());
        assertEquals(1, wmi.calls.stream().filter(c -> c.equals("connect root\\Storage")).count(), "a real refusal is not retried");
    }

    @Test
    void aComThreadThatCannotJoinTheApartmentFailsOpenWithTheMappedError() {
        FakeWmi broken = new FakeWmi() {
            @Override
            public void enterApartment() {
                throw new ComFailure(0x80004005L, "CoInitializeEx");
            }
        };
        WmiException e = assertThrows(WmiException.class, () -> WmiSession.open(WmiTarget.parse(URI.create("wmi://hv01")), null,
                Duration.ofSeconds(5), broken, "root\\cimv2"));
        assertEquals("E_FAIL", e.symbol());
        assertTrue(e.getMessage().contains("CoInitializeEx on hv01"), e.getMessage());
        assertTrue(broken.closed, "the connector's credentials were wiped");
    }

    @Test
    void callsFromManyThreadsShareOneComThread() throws Exception {
        String q = "SELECT * FROM Msvm_ComputerSystem";
        v2.queries.put(q, () -> new FakeEnumerator(wmi.wire).push(vm(1)).end());
        open(Duration.ofSeconds(5));
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Thread t = new Thread(() -> {
                try {
                    for (int j = 0; j < 20; j++) assertEquals(1, session.query(V2, q).size());
                } catch (Throwable ex) {
                    errors.add(ex);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) t.join();
        assertEquals(List.of(), errors);
        assertEquals(1, wmi.comThreads.size());
        assertEquals(0, wmi.wire.open());
    }

    @Test
    void aSessionDroppedWithoutCloseIsReleasedOnceUnreachable() throws Exception {
        openAndDrop();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!wmi.closedLatch.await(20, TimeUnit.MILLISECONDS)) {
            assertTrue(System.nanoTime() < deadline, "the dropped session was never released");
            System.gc();
        }
        assertTrue(wmi.calls.contains("release root\\cimv2"), wmi.calls.toString());
        assertTrue(wmi.comThreadLeft.await(5, TimeUnit.SECONDS), "the COM thread left the apartment: " + wmi.apartmentEvents);
    }

    private void openAndDrop() {
        WmiSession.open(WmiTarget.parse(URI.create("wmi://hv01")), null, Duration.ofSeconds(5), wmi, "root\\cimv2",
                new WmiSession.Tuning(Duration.ofMillis(20), Duration.ofMillis(1)));
    }

    @Test
    void toStringShowsTheUserButNothingSecret() {
        open(Duration.ofSeconds(5));
        assertEquals("WmiSession[wmi://hv01, user CORP\\ops]", session.toString());
        assertEquals("hv01", session.host());
        assertEquals(Duration.ofSeconds(5), session.timeout());
    }

    @SuppressWarnings("unused")
    private static Map<String, CimValue> args(Object... kv) {
        Map<String, CimValue> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], (CimValue) kv[i + 1]);
        return m;
    }
}
