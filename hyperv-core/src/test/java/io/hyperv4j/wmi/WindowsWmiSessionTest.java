package io.hyperv4j.wmi;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.cim.Subscription;
import io.hyperv4j.spi.Credentials;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The WMI transport against a real Windows host, read-only (modify is checked only for refusals). Run on Windows with
 * {@code -Dhyperv4j.contract.host=wmi://localhost} (or a remote host; credentials then come from the
 * environment variables HYPERV4J_USER, as DOMAIN\\user, and HYPERV4J_PASSWORD).
 * The Hyper-V checks are skipped when the host has no Hyper-V role.
 */
@EnabledOnOs(OS.WINDOWS)
@EnabledIfSystemProperty(named = WindowsWmiSessionTest.HOST_PROPERTY, matches = ".+")
class WindowsWmiSessionTest {
    static final String HOST_PROPERTY = "hyperv4j.contract.host";
    private static final String CIMV2 = "root\\cimv2";

    private CimSession session;

    /** HYPERV4J_USER ({@code DOMAIN\\user} or {@code user}) and HYPERV4J_PASSWORD, as the CLI reads them. */
    static Optional<Credentials> credentialsFromEnvironment() {
        String user = System.getenv("HYPERV4J_USER");
        String password = System.getenv("HYPERV4J_PASSWORD");
        if (user == null || password == null) return Optional.empty();
        int slash = user.indexOf('\\');
        return slash > 0
                ? Optional.of(new Credentials(user.substring(slash + 1), password.toCharArray(), user.substring(0, slash)))
                : Optional.of(new Credentials(user, password.toCharArray(), null));
    }

    @BeforeEach
    void open() {
        session = new WmiTransport().open(URI.create(System.getProperty(HOST_PROPERTY)), credentialsFromEnvironment(), Duration.ofSeconds(60));
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void queriesAndGetsByPath() {
        List<CimInstance> os = session.query(CIMV2, "SELECT * FROM Win32_OperatingSystem");
        assertEquals(1, os.size());
        CimInstance o = os.get(0);
        assertNotNull(o.getString("Caption"));
        assertNotNull(o.get("LastBootUpTime").asDateTime());
        assertTrue(o.get("TotalVisibleMemorySize").asLong() > 0, "uint64 read from its string form");
        CimInstance again = session.get(o.path());
        assertEquals(o.getString("Caption"), again.getString("Caption"));
    }

    @Test
    void associatorsFollowAssociations() {
        CimInstance cs = session.query(CIMV2, "SELECT * FROM Win32_ComputerSystem").get(0);
        List<CimInstance> os = session.associators(cs.path(), "Win32_SystemOperatingSystem", "Win32_OperatingSystem");
        assertEquals(1, os.size());
    }

    @Test
    void invokesAStaticMethodWithAnUnsignedParameterAboveTwoToThe31() {
        ObjectPath reg = ObjectPath.of(CIMV2, "StdRegProv", Map.of());
        MethodResult r = session.invoke(reg, "GetStringValue", Map.of(
                "hDefKey", CimValue.uint32(0x80000002L),
                "sSubKeyName", CimValue.string("SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion"),
                "sValueName", CimValue.string("ProductName")));
        assertEquals(0, r.returnValue());
        assertFalse(r.get("sValue").asString().isBlank());
        CimException e = assertThrows(CimException.class, () -> session.invoke(reg, "GetStringValue", Map.of("NoSuchParameter", CimValue.string("x"))));
        assertEquals(CimError.INVALID_METHOD_PARAMETERS, e.error());
    }

    /**
     * modify's refusals against real objects. Every case is refused before PutInstance, so the host is
     * not changed: no write is harmless enough to run on someone's host, so PutInstance itself is not
     * exercised here.
     */
    @Test
    void modifyRefusesBadUpdatesBeforeWriting() {
        CimInstance os = session.query(CIMV2, "SELECT * FROM Win32_OperatingSystem").get(0);
        CimInstance unknown = CimInstance.builder(os.className()).path(os.path())
                .put("Hyperv4jNoSuchProperty", CimValue.string("x")).build();
        assertEquals(CimError.INVALID_PROPERTY, assertThrows(CimException.class, () -> session.modify(unknown)).error());
        CimInstance renamed = CimInstance.builder(os.className()).path(os.path())
                .put("Name", CimValue.string("hyperv4j-renamed")).build();
        assertEquals(CimError.INVALID_PARAMETER, assertThrows(CimException.class, () -> session.modify(renamed)).error());
        ObjectPath missing = ObjectPath.of(CIMV2, "Win32_Environment", Map.of("Name", "HYPERV4J_NO_SUCH_VARIABLE", "UserName", "<SYSTEM>"));
        CimInstance gone = CimInstance.builder("Win32_Environment").path(missing)
                .put("VariableValue", CimValue.string("x")).build();
        assertEquals(CimError.NOT_FOUND, assertThrows(CimException.class, () -> session.modify(gone)).error());
    }

    @Test
    void missingNamespacesAndClassesAreTypedErrors() {
        WmiException ns = assertThrows(WmiException.class, () -> session.query("root\\hyperv4jNoSuchNamespace", "SELECT * FROM X"));
        assertEquals(CimError.INVALID_NAMESPACE, ns.error());
        CimException cls = assertThrows(CimException.class, () -> session.query(CIMV2, "SELECT * FROM Hyperv4j_NoSuchClass"));
        assertEquals(CimError.INVALID_CLASS, cls.error());
    }

    @Test
    void subscriptionsDeliverEventsAndStopOnClose() throws Exception {
        CompletableFuture<CimInstance> first = new CompletableFuture<>();
        try (Subscription s = session.subscribe(CIMV2,
                "SELECT * FROM __InstanceModificationEvent WITHIN 1 WHERE TargetInstance ISA 'Win32_LocalTime'", first::complete)) {
            CimInstance event = first.get(30, TimeUnit.SECONDS);
            assertEquals("Win32_LocalTime", event.get("TargetInstance").asInstance().className());
        }
    }

    @Test
    void storageNamespaceAnswers() {
        try {
            session.query("root\\Microsoft\\Windows\\Storage", "SELECT * FROM MSFT_Disk");
        } catch (CimException e) {
            assumeTrue(e.error() != CimError.INVALID_NAMESPACE, "no Storage Management API on this host");
            throw e;
        }
    }

    @Test
    void hyperVManagementServiceAnswers() {
        List<CimInstance> svc;
        try {
            svc = session.query("root\\virtualization\\v2", "SELECT * FROM Msvm_VirtualSystemManagementService");
        } catch (CimException e) {
            assumeTrue(e.error() != CimError.INVALID_NAMESPACE, "Hyper-V role not installed");
            throw e;
        }
        assertEquals(1, svc.size());
        MethodResult r = session.invoke(svc.get(0).path(), "GetSummaryInformation",
                Map.of("RequestedInformation", CimValue.array(io.hyperv4j.cim.CimType.UINT32, List.of(1L, 100L))));
        assertEquals(0, r.returnValue());
    }
}
