package io.hyperv4j.wmi;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.ObjectPath;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WmiPathsTest {

    @Test
    void namespacesAreNormalizedToBackslashes() {
        assertEquals("root\\virtualization\\v2", WmiPaths.normalizeNamespace("root/virtualization/v2"));
        assertEquals("root\\virtualization\\v2", WmiPaths.normalizeNamespace("\\\\root\\virtualization\\v2\\"));
        assertEquals("root\\Microsoft\\Windows\\Storage", WmiPaths.normalizeNamespace(" root\\Microsoft\\Windows\\Storage "));
        assertEquals("root\\mscluster", WmiPaths.namespaceKey("ROOT/MSCluster"));
    }

    @Test
    void badNamespacesAreRefusedBeforeReachingWmi() {
        for (String ns : new String[] {"", "  ", "root\\\\cimv2", "root\\cim v2", "root:cimv2", "\\\\server\\root\\cimv2:x"}) {
            CimException e = assertThrows(CimException.class, () -> WmiPaths.normalizeNamespace(ns), ns);
            assertEquals(CimError.INVALID_NAMESPACE, e.error());
        }
        assertEquals(CimError.INVALID_NAMESPACE, assertThrows(CimException.class, () -> WmiPaths.normalizeNamespace(null)).error());
    }

    @Test
    void relativePathsAreWhatIWbemServicesExpects() {
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("Name", "A\"B\\C");
        keys.put("CreationClassName", "Msvm_ComputerSystem");
        ObjectPath p = new ObjectPath("HV01", "root\\virtualization\\v2", "Msvm_ComputerSystem", keys);
        String rel = WmiPaths.relativePath(p);
        assertEquals("Msvm_ComputerSystem.CreationClassName=\"Msvm_ComputerSystem\",Name=\"A\\\"B\\\\C\"", rel);
        assertEquals(p.relative(), ObjectPath.parse(rel));
        assertEquals("Msvm_VirtualSystemManagementService",
                WmiPaths.relativePath(ObjectPath.of("root\\virtualization\\v2", "Msvm_VirtualSystemManagementService", Map.of())));
        assertEquals("root\\virtualization\\v2", WmiPaths.namespaceOf(p));
    }

    @Test
    void pathsWithoutNamespaceOrWithBadNamesAreRefused() {
        ObjectPath noNs = new ObjectPath(null, null, "Msvm_ComputerSystem", Map.of("Name", "x"));
        assertEquals(CimError.INVALID_OBJECT_PATH, assertThrows(CimException.class, () -> WmiPaths.namespaceOf(noNs)).error());
        ObjectPath badClass = ObjectPath.of("root\\cimv2", "Win32 Process", Map.of());
        assertEquals(CimError.INVALID_PARAMETER, assertThrows(CimException.class, () -> WmiPaths.relativePath(badClass)).error());
        assertThrows(CimException.class, () -> WmiPaths.checkIdentifier("Request State", "method name"));
        assertEquals(CimError.INVALID_QUERY, assertThrows(CimException.class, () -> WmiPaths.checkQuery(" ")).error());
    }
}
