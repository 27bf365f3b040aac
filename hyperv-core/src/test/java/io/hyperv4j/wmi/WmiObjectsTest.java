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
}
