package io.hyperv4j.cim;

import static org.junit.jupiter.api.Assertions.*;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectPathTest {

    static final String VM = "\\\\HOST1\\root\\virtualization\\v2:Msvm_ComputerSystem.CreationClassName=\"Msvm_ComputerSystem\","
            + "Name=\"5F8B0A1E-7C2D-4E3F-9A1B-2C3D4E5F6A7B\"";

    @Test
    void fullWmiPathParsesIntoParts() {
        ObjectPath p = ObjectPath.parse(VM);
        assertEquals("HOST1", p.server());
        assertEquals("root\\virtualization\\v2", p.namespace());
        assertEquals("Msvm_ComputerSystem", p.className());
        assertEquals("Msvm_ComputerSystem", p.key("creationclassname"));
        assertEquals("5F8B0A1E-7C2D-4E3F-9A1B-2C3D4E5F6A7B", p.key("Name"));
        assertEquals(VM, p.toString());
    }

    @Test
    void relativeNamespaceOnlyAndLocalHostForms() {
        ObjectPath rel = ObjectPath.parse("Msvm_ConcreteJob.InstanceID=\"abc\"");
        assertNull(rel.server());
        assertNull(rel.namespace());
        ObjectPath ns = ObjectPath.parse("root\\cimv2:Win32_Process.Handle=1");
        assertEquals("root\\cimv2", ns.namespace());
        assertEquals(1L, ns.key("Handle"));
        ObjectPath local = ObjectPath.parse("\\\\.\\root\\virtualization\\v2:Msvm_ComputerSystem.Name=\"x\"");
        assertEquals(".", local.server());
        ObjectPath slashes = ObjectPath.parse("//HOST/root/cimv2:Win32_Process.Handle=1");
        assertEquals(ns.withServer("HOST"), slashes);
        assertEquals("\\\\HOST\\root\\cimv2:Win32_Process.Handle=1", slashes.toString());
    }

    @Test
    void integerBooleanAndSingleQuotedKeys() {
        ObjectPath p = ObjectPath.parse("C.A=-42,B=true,C='it\\'s'");
        assertEquals(-42L, p.key("A"));
        assertEquals(Boolean.TRUE, p.key("b"));
        assertEquals("it's", p.key("C"));
        assertEquals("C.A=-42,B=TRUE,C=\"it's\"", p.toString());
    }

    @Test
    void escapesInStrings() {
        ObjectPath p = ObjectPath.parse("C.K=\"a\\\"b\\\\c,d=e\"");
        assertEquals("a\"b\\c,d=e", p.key("K"));
        assertEquals(p, ObjectPath.parse(p.toString()));
    }

    @Test
    void referenceKeysNestQuotedPaths() {
        ObjectPath vm = ObjectPath.parse(VM);
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("ManagedElement", vm);
        keys.put("SettingData", ObjectPath.parse("\\\\HOST1\\root\\virtualization\\v2:Msvm_VirtualSystemSettingData.InstanceID=\"Microsoft:1\""));
        ObjectPath assoc = new ObjectPath("HOST1", "root\\virtualization\\v2", "Msvm_SettingsDefineState", keys);
        String text = assoc.toString();
        assertTrue(text.contains("ManagedElement=\"\\\\\\\\HOST1\\\\root"), text);
        ObjectPath back = ObjectPath.parse(text);
        assertEquals(assoc, back);
        assertInstanceOf(ObjectPath.class, back.key("ManagedElement"));
        assertEquals(vm, back.key("managedelement"));
    }

    @Test
    void singletonAndClassPaths() {
        ObjectPath s = ObjectPath.parse("root\\cimv2:Win32_WmiSetting=@");
        assertTrue(s.keys().isEmpty());
        assertEquals("Win32_WmiSetting", s.className());
        assertEquals(ObjectPath.parse("root\\cimv2:Win32_WmiSetting"), s);
    }

    @Test
    void comparesCaseInsensitivelyOnNames() {
        assertEquals(ObjectPath.parse("msvm_computersystem.NAME=\"x\""), ObjectPath.parse("Msvm_ComputerSystem.Name=\"x\""));
        assertEquals(ObjectPath.parse("msvm_computersystem.NAME=\"x\"").hashCode(), ObjectPath.parse("Msvm_ComputerSystem.Name=\"x\"").hashCode());
    }

    @Test
    void errorsNameOffsetAndExpectation() {
        assertError("", "offset 0", "class name");
        assertError("C.K=\"abc", "offset 4", "closing \"");
        assertError("C.K=abc", "offset 4", "quoted string, an integer, TRUE or FALSE");
        assertError("C.K=1,", "offset 6", "key property name");
        assertError("C.K=1 ", "offset 5", "',' or the end");
        assertError("C.K", "offset 3", "'=' after key K");
        assertError("\\\\\\root:C", "offset 2", "server name");
        assertError("\\\\HOST\\C.K=1", "namespace");
        assertError("root\\\\x:C", "offset 5", "namespace name");
        assertError("C=5", "offset 2", "'@'");
        assertError("C.K=1,k=2", "offset 6", "appears twice");
        assertError("C.K=99999999999999999999", "offset 4", "sint64");
        assertError("1C", "offset 0", "class name");
    }

    private static void assertError(String text, String... fragments) {
        CimException e = assertThrows(CimException.class, () -> ObjectPath.parse(text));
        assertEquals(CimError.INVALID_OBJECT_PATH, e.error());
        for (String f : fragments) assertTrue(e.getMessage().contains(f), e.getMessage() + " lacks " + f);
    }
}
