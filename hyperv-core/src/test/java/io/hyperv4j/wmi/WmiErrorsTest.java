package io.hyperv4j.wmi;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.cim.CimError;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WmiErrorsTest {

    private static WmiErrors.Context ctx(String ns) {
        return new WmiErrors.Context("ExecQuery", "hv01.example.com", ns, "CORP\\ops", "SELECT * FROM Msvm_ComputerSystem");
    }

    @Test
    void everyCimErrorHasTheDocumentedValueAndAnEntry() {
        for (CimError e : CimError.values()) {
            WmiErrors.Entry entry = WmiErrors.lookup(e.hresult());
            assertNotNull(entry, e + " " + WmiErrors.hex(e.hresult()) + " is not in the table");
            assertEquals(e.symbol(), entry.symbol(), "CimError." + e + " has the value of " + entry.symbol());
            assertEquals(e, entry.error());
        }
    }

    @Test
    void valuesMatchMicrosoftsWmiErrorConstantsPage() {
        // Spot checks copied by hand from "WMI Error Constants" (decimal values on that page).
        assertEquals("WBEM_E_NOT_FOUND", WmiErrors.symbol(2147749890L));
        assertEquals("WBEM_E_INVALID_NAMESPACE", WmiErrors.symbol(2147749902L));
        assertEquals("WBEM_E_PROVIDER_NOT_CAPABLE", WmiErrors.symbol(2147749924L));
        assertEquals("WBEM_E_INVALID_PROPERTY", WmiErrors.symbol(2147749937L));
        assertEquals("WBEM_E_INVALID_METHOD_PARAMETERS", WmiErrors.symbol(2147749935L));
        assertEquals("WBEM_E_LOCAL_CREDENTIALS", WmiErrors.symbol(2147749988L));
        assertEquals("WBEM_E_TIMED_OUT", WmiErrors.symbol(2147749993L));
        assertEquals("WBEM_E_PROVIDER_ALREADY_REGISTERED", WmiErrors.symbol(2147750020L));
        assertEquals("WBEM_E_RETRY_LATER", WmiErrors.symbol(2147758081L));
        assertEquals(0x80041069L, CimError.TIMED_OUT.hresult());
        assertEquals(0x80041031L, CimError.INVALID_PROPERTY.hresult());
    }

    @Test
    void theTableCoversEveryWbemErrorInTheDocumentedRange() {
        // 0x80041001..0x8004108A, minus the numbers the page does not assign.
        Set<Long> unassigned = Set.of(0x8004104AL, 0x8004104BL, 0x8004104CL, 0x8004104DL, 0x8004104EL, 0x8004104FL,
                0x8004105EL, 0x8004107BL, 0x8004107CL, 0x8004107DL, 0x8004107EL, 0x8004107FL);
        for (long h = 0x80041001L; h <= 0x8004108AL; h++) {
            if (unassigned.contains(h)) {
                assertNull(WmiErrors.lookup(h), WmiErrors.hex(h));
            } else {
                WmiErrors.Entry e = WmiErrors.lookup(h);
                assertNotNull(e, WmiErrors.hex(h) + " missing");
                assertTrue(e.symbol().startsWith("WBEM_E_"), e.symbol());
            }
        }
    }

    @Test
    void entriesAreUniqueAndSayWhatToDo() {
        Set<String> symbols = new HashSet<>();
        for (WmiErrors.Entry e : WmiErrors.entries()) {
            assertTrue(symbols.add(e.symbol()), "duplicate symbol " + e.symbol());
            assertTrue(e.symbol().matches("[A-Z][A-Z0-9_]+"), e.symbol());
            assertTrue(WmiErrors.failed(e.hresult()), e.symbol() + " is not a failure code");
            assertFalse(e.meaning().isBlank(), e.symbol());
            assertFalse(e.advice().isBlank(), e.symbol());
            String m = WmiErrors.exception(e.hresult(), ctx("root\\cimv2")).getMessage();
            assertFalse(m.contains("{"), "unexpanded placeholder in " + m);
        }
    }

    @Test
    void accessDeniedNamesTheGroupForTheNamespace() {
        WmiException v2 = WmiErrors.exception(0x80041003L, ctx("root\\virtualization\\v2"));
        assertEquals(CimError.ACCESS_DENIED, v2.error());
        assertTrue(v2.getMessage().contains("Hyper-V Administrators"), v2.getMessage());
        assertTrue(v2.getMessage().contains("CORP\\ops"), v2.getMessage());
        assertTrue(v2.getMessage().contains("Remote Enable"), v2.getMessage());
        WmiException cluster = WmiErrors.exception(0x80070005L, ctx("root\\MSCluster"));
        assertEquals("E_ACCESSDENIED", cluster.symbol());
        assertEquals(CimError.ACCESS_DENIED, cluster.error());
        assertTrue(cluster.getMessage().contains("Grant-ClusterAccess"), cluster.getMessage());
    }

    @Test
    void invalidNamespaceExplainsWhichFeatureIsMissing() {
        assertTrue(WmiErrors.exception(0x8004100EL, ctx("root\\virtualization\\v2")).getMessage().contains("Hyper-V role is not installed"));
        assertTrue(WmiErrors.exception(0x8004100EL, ctx("root\\MSCluster")).getMessage().contains("Failover Clustering"));
        assertTrue(WmiErrors.exception(0x8004100EL, ctx("root\\Microsoft\\Windows\\Storage")).getMessage().contains("Storage Management API"));
    }

    @Test
    void rpcServerUnavailableSaysTheHostIsUnreachable() {
        WmiException e = WmiErrors.exception(0x800706BAL, ctx("root\\cimv2"));
        assertEquals(CimError.TRANSPORT_FAILURE, e.error());
        assertEquals("RPC_S_SERVER_UNAVAILABLE", e.symbol());
        assertEquals(0x800706BAL, e.hresult());
        assertTrue(e.getMessage().startsWith("WBEM_E_TRANSPORT_FAILURE: ExecQuery in root\\cimv2 on hv01.example.com failed: RPC_S_SERVER_UNAVAILABLE (0x800706BA)"), e.getMessage());
        assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
    }

    @Test
    void unknownCodesStillSaySomethingUseful() {
        WmiException win32 = WmiErrors.exception(0x80070020L, ctx(null));
        assertEquals(CimError.FAILED, win32.error());
        assertTrue(win32.getMessage().contains("net helpmsg 32"), win32.getMessage());
        WmiException other = WmiErrors.exception(0x8badf00dL, WmiErrors.Context.of("GetObject", null, null));
        assertEquals("HRESULT 0x8BADF00D", other.symbol());
    }

    @Test
    void negativeIntHresultsAreReadUnsigned() {
        assertEquals("WBEM_E_NOT_FOUND", WmiErrors.exception(0x80041002, ctx(null)).symbol());
        assertEquals("WBEM_E_NOT_FOUND", new ComFailure(0x80041002, "x").getMessage().split(" ")[2]);
    }
}
