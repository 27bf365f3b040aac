package io.hyperv4j.cim.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.CimXml;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Embedded instances as clients send them: CIM-XML text, typed (GetText(1)) or untyped (hand-built). */
class SchemaCimXmlTest {
    private static final String VSMS = "Msvm_VirtualSystemManagementService";
    private final CimSchema v2 = CimSchema.forNamespace("root\\virtualization\\v2");

    /** What GetText_(1) gives for the settings os-win passes to DefineSystem. */
    private static final String TYPED_VSSD = """
            <INSTANCE CLASSNAME="Msvm_VirtualSystemSettingData">\
            <PROPERTY NAME="ElementName" TYPE="string"><VALUE>instance-00000001</VALUE></PROPERTY>\
            <PROPERTY NAME="VirtualSystemSubType" TYPE="string"><VALUE>Microsoft:Hyper-V:SubType:2</VALUE></PROPERTY>\
            <PROPERTY.ARRAY NAME="Notes" TYPE="string"><VALUE.ARRAY><VALUE>6c79b3b8-2f1d-4e2f-9f0b-0d0b1c2d3e4f</VALUE></VALUE.ARRAY></PROPERTY.ARRAY>\
            <PROPERTY NAME="UserSnapshotType" TYPE="uint16"><VALUE>2</VALUE></PROPERTY>\
            <PROPERTY NAME="SecureBootEnabled" TYPE="boolean"><VALUE>false</VALUE></PROPERTY>\
            <PROPERTY NAME="Version" TYPE="string"></PROPERTY>\
            </INSTANCE>""";

    /** The same settings built by hand without TYPE attributes, as some clients do. */
    private static final String UNTYPED_VSSD = """
            <INSTANCE CLASSNAME="Msvm_VirtualSystemSettingData">\
            <PROPERTY NAME="ElementName"><VALUE>instance-00000001</VALUE></PROPERTY>\
            <PROPERTY NAME="VirtualSystemSubType"><VALUE>Microsoft:Hyper-V:SubType:2</VALUE></PROPERTY>\
            <PROPERTY.ARRAY NAME="Notes"><VALUE.ARRAY><VALUE>6c79b3b8-2f1d-4e2f-9f0b-0d0b1c2d3e4f</VALUE></VALUE.ARRAY></PROPERTY.ARRAY>\
            <PROPERTY NAME="UserSnapshotType"><VALUE>2</VALUE></PROPERTY>\
            <PROPERTY NAME="SecureBootEnabled"><VALUE>false</VALUE></PROPERTY>\
            <PROPERTY NAME="Version"></PROPERTY>\
            </INSTANCE>""";

    private static final String MEMORY_RASD = """
            <INSTANCE CLASSNAME="Msvm_MemorySettingData">\
            <PROPERTY NAME="VirtualQuantity"><VALUE>2048</VALUE></PROPERTY>\
            <PROPERTY NAME="DynamicMemoryEnabled"><VALUE>true</VALUE></PROPERTY>\
            </INSTANCE>""";

    @Test
    void typedAndUntypedTextCoerceToTheSameInstance() {
        CimInstance typed = v2.coerceInstance(CimXml.readInstance(TYPED_VSSD));
        CimInstance untyped = v2.coerceInstance(CimXml.readInstance(UNTYPED_VSSD));
        assertEquals(typed, untyped);
        assertEquals(CimValue.uint16(2), typed.get("UserSnapshotType"));
        assertEquals(CimValue.bool(false), typed.get("SecureBootEnabled"));
        assertEquals(CimValue.strings(List.of("6c79b3b8-2f1d-4e2f-9f0b-0d0b1c2d3e4f")), typed.get("Notes"));
        assertTrue(typed.get("Version").isNull());
    }

    @Test
    void defineSystemTakesTheTextForms() {
        Map<String, CimValue> in = v2.checkInvocation(VSMS, "DefineSystem", Map.of(
                "SystemSettings", CimValue.string(UNTYPED_VSSD),
                "ResourceSettings", CimValue.strings(List.of(MEMORY_RASD))));
        CimInstance vssd = in.get("SystemSettings").asInstance();
        assertEquals(CimValue.string("instance-00000001"), vssd.get("ElementName"));
        assertEquals(CimValue.uint16(2), vssd.get("UserSnapshotType"));
        CimInstance mem = (CimInstance) in.get("ResourceSettings").asList().get(0);
        assertEquals(CimValue.uint64(2048), mem.get("VirtualQuantity"));
        assertEquals(CimValue.bool(true), mem.get("DynamicMemoryEnabled"));
        assertEquals(CimType.OBJECT, in.get("ResourceSettings").type());
    }

    @Test
    void writtenAndReadBackStaysValid() {
        CimInstance vssd = v2.coerceInstance(CimXml.readInstance(UNTYPED_VSSD));
        assertEquals(vssd, v2.coerceInstance(CimXml.readInstance(CimXml.writeInstance(vssd))));
    }

    @Test
    void textNamingAnUnknownPropertyOrClassIsRefused() {
        String bad = UNTYPED_VSSD.replace("SecureBootEnabled", "SecureBoot");
        CimException e = assertThrows(CimException.class, () -> v2.checkInvocation(VSMS, "ModifySystemSettings",
                Map.of("SystemSettings", CimValue.string(bad))));
        assertEquals(CimError.INVALID_PROPERTY, e.error());
        assertTrue(e.getMessage().contains("Msvm_VirtualSystemSettingData.SecureBoot"), e.getMessage());

        String wrongClass = MEMORY_RASD.replace("Msvm_MemorySettingData", "Msvm_MemorySetting");
        CimException c = assertThrows(CimException.class, () -> v2.checkInvocation(VSMS, "AddResourceSettings",
                Map.of("ResourceSettings", CimValue.strings(List.of(wrongClass)))));
        assertEquals(CimError.INVALID_CLASS, c.error());
        assertTrue(c.getMessage().contains("Msvm_MemorySetting"), c.getMessage());

        CimException t = assertThrows(CimException.class, () -> v2.checkInvocation(VSMS, "AddResourceSettings",
                Map.of("ResourceSettings", CimValue.strings(List.of(MEMORY_RASD.replace("2048", "lots"))))));
        assertEquals(CimError.TYPE_MISMATCH, t.error());
        assertTrue(t.getMessage().contains("Msvm_MemorySettingData.VirtualQuantity"), t.getMessage());
    }
}
