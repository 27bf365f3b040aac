package io.hyperv4j.wmi;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import java.util.List;
import org.junit.jupiter.api.Test;

class WmiObjectsTest {
    private static final String V2 = "root\\virtualization\\v2";

    @Test
    void relativeReferencesArePlacedInTheNamespaceTheyCameFrom() {
        ObjectPath relative = ObjectPath.parse("Msvm_ComputerSystem.CreationClassName=\"Msvm_ComputerSystem\",Name=\"A\"");
        ObjectPath full = ObjectPath.parse("\\\\HV01\\root\\virtualization\\v2:Msvm_VirtualSystemSettingData.InstanceID=\"Microsoft:A\"");
        CimInstance assoc = CimInstance.builder("Msvm_SettingsDefineState")
                .put("ManagedElement", CimValue.ref(relative))
                .put("SettingData", CimValue.ref(full))
                .put("Others", CimValue.array(CimType.REFERENCE, List.of(relative, full)))
                .put("Caption", CimValue.string("x"))
                .build();
        CimInstance q = WmiObjects.qualify(assoc, V2);
        assertEquals(V2, q.get("ManagedElement").asPath().namespace());
        assertEquals(relative.keys(), q.get("ManagedElement").asPath().keys());
        assertSame(assoc.get("SettingData"), q.get("SettingData"), "full paths are left alone");
        assertEquals(List.of(new ObjectPath(null, V2, relative.className(), relative.keys()), full), q.get("Others").asList());
        assertEquals("x", q.getString("Caption"));

        CimInstance plain = CimInstance.builder("Msvm_ConcreteJob").put("JobState", CimValue.uint16(7)).build();
        assertSame(plain, WmiObjects.qualify(plain, V2), "nothing to do, nothing copied");
        assertEquals(CimValue.nullOf(CimType.REFERENCE), WmiObjects.qualify(CimValue.nullOf(CimType.REFERENCE), V2));
    }

    @Test
    void updatesSkipUnchangedKeysWhateverTheirFormAndRefuseChangedOnes() {
        // an association keyed by references (stored relative) and an integer key, as WMI returns them
        String stored = "\\\\HV01\\root\\virtualization\\v2:Hv4j_Assoc.Id=7,Target=\"Msvm_ComputerSystem.CreationClassName=\\\"Msvm_ComputerSystem\\\",Name=\\\"A\\\"\"";
        FakeWbemObject.Ledger ledger = new FakeWbemObject.Ledger();
        ObjectPath relative = ObjectPath.parse("Msvm_ComputerSystem.CreationClassName=\"Msvm_ComputerSystem\",Name=\"A\"");
        FakeWbemObject current = new FakeWbemObject(ledger, "Hv4j_Assoc", stored)
                .with("Id", CimTypeCode.CIM_UINT32, WmiVariant.of(Vt.I4, 7L))
                .with("Target", CimTypeCode.CIM_REFERENCE, WmiVariant.of(Vt.BSTR, relative.toString()))
                .with("Weight", CimTypeCode.CIM_UINT16, WmiVariant.of(Vt.I4, 1L));
        ObjectPath path = ObjectPath.parse(stored);
        CimInstance same = CimInstance.builder("Hv4j_Assoc").path(path)
                .put("Id", CimValue.sint64(7))                                          // another integer type, same value
                .put("Target", CimValue.ref(new ObjectPath(null, V2, relative.className(), relative.keys()))) // qualified
                .put("Weight", CimValue.uint16(5))
                .build();
        assertEquals(java.util.Map.of("Weight", CimValue.uint16(5)), WmiObjects.updates(current, same, path, V2));

        CimInstance moved = CimInstance.builder("Hv4j_Assoc").path(path).put("Id", CimValue.uint32(8)).build();
        io.hyperv4j.cim.CimException e = assertThrows(io.hyperv4j.cim.CimException.class, () -> WmiObjects.updates(current, moved, path, V2));
        assertEquals(io.hyperv4j.cim.CimError.INVALID_PARAMETER, e.error());
        assertTrue(e.getMessage().contains("key property Id"), e.getMessage());
        current.close();
        assertEquals(0, ledger.open());
    }
}
