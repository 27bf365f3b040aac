package io.hyperv4j.cim;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class CimXmlTest {

    @Test
    void writesTheDtd20InstanceShape() {
        CimInstance i = CimInstance.builder("Msvm_VirtualSystemSettingData")
                .put("ElementName", CimValue.string("vm <1> & \"co\""))
                .put("VirtualSystemSubType", CimValue.nullOf(CimType.STRING))
                .put("AutomaticStartupAction", CimValue.uint16(3))
                .put("Notes", CimValue.strings(List.of("a", "b")))
                .build();
        assertEquals("<INSTANCE CLASSNAME=\"Msvm_VirtualSystemSettingData\">"
                + "<PROPERTY NAME=\"ElementName\" TYPE=\"string\"><VALUE>vm &lt;1&gt; &amp; \"co\"</VALUE></PROPERTY>"
                + "<PROPERTY NAME=\"VirtualSystemSubType\" TYPE=\"string\"></PROPERTY>"
                + "<PROPERTY NAME=\"AutomaticStartupAction\" TYPE=\"uint16\"><VALUE>3</VALUE></PROPERTY>"
                + "<PROPERTY.ARRAY NAME=\"Notes\" TYPE=\"string\"><VALUE.ARRAY><VALUE>a</VALUE><VALUE>b</VALUE></VALUE.ARRAY></PROPERTY.ARRAY>"
                + "</INSTANCE>", CimXml.writeInstance(i));
        assertEquals(i, CimXml.readInstance(CimXml.writeInstance(i)));
    }

    @Test
    void referencesUseInstancePathElements() {
        ObjectPath vm = ObjectPath.parse("\\\\H\\root\\virtualization\\v2:Msvm_ComputerSystem.CreationClassName=\"Msvm_ComputerSystem\",Name=\"G\"");
        CimInstance i = CimInstance.builder("Msvm_SettingsDefineState").put("ManagedElement", CimValue.ref(vm)).build();
        String xml = CimXml.writeInstance(i);
        assertTrue(xml.contains("<PROPERTY.REFERENCE NAME=\"ManagedElement\"><VALUE.REFERENCE><INSTANCEPATH><NAMESPACEPATH><HOST>H</HOST>"
                + "<LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/><NAMESPACE NAME=\"virtualization\"/><NAMESPACE NAME=\"v2\"/>"
                + "</LOCALNAMESPACEPATH></NAMESPACEPATH><INSTANCENAME CLASSNAME=\"Msvm_ComputerSystem\">"
                + "<KEYBINDING NAME=\"CreationClassName\"><KEYVALUE VALUETYPE=\"string\">Msvm_ComputerSystem</KEYVALUE></KEYBINDING>"), xml);
        assertEquals(vm, CimXml.readInstance(xml).get("ManagedElement").asPath());
    }

    @Test
    void readsAReferenceGivenAsPlainPathText() {
        CimInstance i = CimXml.readInstance("<INSTANCE CLASSNAME=\"X\"><PROPERTY.REFERENCE NAME=\"R\" REFERENCECLASS=\"C\">"
                + "<VALUE.REFERENCE>\\\\H\\root\\cimv2:C.K=&quot;v&quot;</VALUE.REFERENCE></PROPERTY.REFERENCE>"
                + "<PROPERTY NAME=\"S\" TYPE=\"reference\"><VALUE>C.K=1</VALUE></PROPERTY></INSTANCE>");
        assertEquals(ObjectPath.parse("\\\\H\\root\\cimv2:C.K=\"v\""), i.get("R").asPath());
        assertEquals(1L, i.get("S").asPath().key("K"));
    }

    @Test
    void embeddedInstancesTravelAsEscapedText() {
        CimInstance inner = CimInstance.builder("Msvm_ComputerSystem").put("EnabledState", CimValue.uint16(2)).build();
        CimInstance event = CimInstance.builder("__InstanceModificationEvent").put("TargetInstance", CimValue.object(inner)).build();
        String xml = CimXml.writeInstance(event);
        assertTrue(xml.contains("<PROPERTY NAME=\"TargetInstance\" TYPE=\"string\" EMBEDDEDOBJECT=\"instance\"><VALUE>&lt;INSTANCE CLASSNAME=\"Msvm_ComputerSystem\"&gt;"), xml);
        CimInstance back = CimXml.readInstance(xml);
        assertEquals(inner, back.get("TargetInstance").asInstance());
        assertEquals(event, back);
    }

    @Test
    void readsWmiVariantWithWhitespaceQualifiersAndUntypedProperties() {
        String xml = """
                <?xml version="1.0"?>
                <VALUE.OBJECT>
                  <INSTANCE CLASSNAME="Msvm_VirtualHardDiskSettingData">
                    <QUALIFIER NAME="dynamic" PROPAGATED="true" TYPE="boolean"><VALUE>TRUE</VALUE></QUALIFIER>
                    <PROPERTY NAME="Path" CLASSORIGIN="Msvm_VirtualHardDiskSettingData" TYPE="string">
                      <QUALIFIER NAME="CIMTYPE" PROPAGATED="true" TYPE="string" TOINSTANCE="true"><VALUE>string</VALUE></QUALIFIER>
                      <VALUE>C:\\vm\\disk.vhdx</VALUE>
                    </PROPERTY>
                    <PROPERTY NAME="MaxInternalSize" TYPE="uint64"><VALUE> 18446744073709551615 </VALUE></PROPERTY>
                    <PROPERTY NAME="Format"><VALUE>3</VALUE></PROPERTY>
                    <PROPERTY.ARRAY NAME="Empty" TYPE="uint16"><VALUE.ARRAY>
                    </VALUE.ARRAY></PROPERTY.ARRAY>
                    <PROPERTY.OBJECT NAME="Nested" REFERENCECLASS="C"><VALUE.OBJECT><INSTANCE CLASSNAME="C"><PROPERTY NAME="a" TYPE="boolean"><VALUE>true</VALUE></PROPERTY></INSTANCE></VALUE.OBJECT></PROPERTY.OBJECT>
                  </INSTANCE>
                </VALUE.OBJECT>
                """;
        CimInstance i = CimXml.readInstance(xml);
        assertEquals("Msvm_VirtualHardDiskSettingData", i.className());
        assertEquals("C:\\vm\\disk.vhdx", i.getString("path"));
        assertEquals(-1L, i.getLong("MaxInternalSize"));
        assertEquals(CimValue.string("3"), i.get("Format"));
        assertEquals(List.of(), i.get("Empty").asList());
        assertTrue(i.get("Nested").asInstance().get("a").asBoolean());
    }

    @Test
    void wmiSystemPropertiesBecomeThePath() {
        CimInstance i = CimXml.readInstance("<INSTANCE CLASSNAME=\"Msvm_ComputerSystem\">"
                + "<PROPERTY NAME=\"__PATH\" CLASSORIGIN=\"___SYSTEM\" TYPE=\"string\"><VALUE>\\\\H\\root\\virtualization\\v2:"
                + "Msvm_ComputerSystem.CreationClassName=&quot;Msvm_ComputerSystem&quot;,Name=&quot;G&quot;</VALUE></PROPERTY>"
                + "<PROPERTY NAME=\"__CLASS\" TYPE=\"string\"><VALUE>Msvm_ComputerSystem</VALUE></PROPERTY>"
                + "<PROPERTY NAME=\"Name\" TYPE=\"string\"><VALUE>G</VALUE></PROPERTY></INSTANCE>");
        assertEquals(List.of("Name"), List.copyOf(i.properties().keySet()));
        assertEquals("H", i.path().server());
        assertEquals("G", i.path().key("Name"));
        CimInstance rel = CimXml.readInstance("<INSTANCE CLASSNAME=\"C\"><PROPERTY NAME=\"__RELPATH\" TYPE=\"string\"><VALUE>C.K=1</VALUE></PROPERTY>"
                + "<PROPERTY NAME=\"__NAMESPACE\" TYPE=\"string\"><VALUE>root\\cimv2</VALUE></PROPERTY></INSTANCE>");
        assertEquals(ObjectPath.parse("root\\cimv2:C.K=1"), rel.path());
    }

    @Test
    void namedInstanceSetsThePath() {
        CimInstance i = CimXml.readInstance("<VALUE.NAMEDINSTANCE><INSTANCENAME CLASSNAME=\"C\"><KEYBINDING NAME=\"K\">"
                + "<KEYVALUE VALUETYPE=\"numeric\">7</KEYVALUE></KEYBINDING></INSTANCENAME>"
                + "<INSTANCE CLASSNAME=\"C\"><PROPERTY NAME=\"K\" TYPE=\"uint32\"><VALUE>7</VALUE></PROPERTY></INSTANCE></VALUE.NAMEDINSTANCE>");
        assertEquals(ObjectPath.parse("C.K=7"), i.path());
    }

    @Test
    void refusesExternalEntities() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE INSTANCE [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + "<INSTANCE CLASSNAME=\"X\"><PROPERTY NAME=\"P\" TYPE=\"string\"><VALUE>&xxe;</VALUE></PROPERTY></INSTANCE>";
        CimException e = assertThrows(CimException.class, () -> CimXml.readInstance(xxe));
        assertEquals(CimError.INVALID_OBJECT, e.error());
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
        assertFalse(e.getMessage().contains("root:"), e.getMessage());
        String noDoctype = "<INSTANCE CLASSNAME=\"X\"><PROPERTY NAME=\"P\" TYPE=\"string\"><VALUE>&xxe;</VALUE></PROPERTY></INSTANCE>";
        CimException e2 = assertThrows(CimException.class, () -> CimXml.readInstance(noDoctype));
        assertTrue(e2.getMessage().contains("xxe"), e2.getMessage());
    }

    @Test
    void refusesBillionLaughs() {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            b.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) b.append("&lol").append(i == 1 ? "" : String.valueOf(i - 1)).append(';');
            b.append("\">");
        }
        b.append("]><INSTANCE CLASSNAME=\"X\"><PROPERTY NAME=\"P\" TYPE=\"string\"><VALUE>&lol9;</VALUE></PROPERTY></INSTANCE>");
        long start = System.nanoTime();
        CimException e = assertThrows(CimException.class, () -> CimXml.readInstance(b.toString()));
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
        assertTrue(System.nanoTime() - start < 5_000_000_000L);
    }

    @Test
    void errorsNameLineColumnAndElement() {
        CimException bad = assertThrows(CimException.class, () -> CimXml.readInstance(
                "<INSTANCE CLASSNAME=\"X\">\n  <PROPERTY NAME=\"State\" TYPE=\"uint16\"><VALUE>70000</VALUE></PROPERTY>\n</INSTANCE>"));
        assertTrue(bad.getMessage().contains("line 2") && bad.getMessage().contains("VALUE"), bad.getMessage());
        assertTrue(bad.getMessage().contains("out of range for uint16"), bad.getMessage());

        CimException broken = assertThrows(CimException.class, () -> CimXml.readInstance("<INSTANCE CLASSNAME=\"X\">\n<PROPERTY NAME=\"a\">"));
        assertTrue(broken.getMessage().contains("not well-formed") && broken.getMessage().contains("line 2"), broken.getMessage());

        CimException type = assertThrows(CimException.class, () -> CimXml.readInstance(
                "<INSTANCE CLASSNAME=\"X\"><PROPERTY NAME=\"a\" TYPE=\"uint17\"/></INSTANCE>"));
        assertTrue(type.getMessage().contains("element PROPERTY 'a'") && type.getMessage().contains("uint17"), type.getMessage());

        CimException noClass = assertThrows(CimException.class, () -> CimXml.readInstance("<INSTANCE/>"));
        assertTrue(noClass.getMessage().contains("CLASSNAME"), noClass.getMessage());

        CimException twice = assertThrows(CimException.class, () -> CimXml.readInstance(
                "<INSTANCE CLASSNAME=\"X\"><PROPERTY NAME=\"a\"/><PROPERTY NAME=\"A\"/></INSTANCE>"));
        assertTrue(twice.getMessage().contains("twice"), twice.getMessage());
    }

    @Test
    void writerRefusesTextXmlCannotCarry() {
        CimInstance i = CimInstance.builder("X").put("P", CimValue.string("a\u0001b")).build();
        CimException e = assertThrows(CimException.class, () -> CimXml.writeInstance(i));
        assertTrue(e.getMessage().contains("U+0001"), e.getMessage());
        assertTrue(i.toString().startsWith("X{"), i.toString());
    }

    @Test
    void carriageReturnsAndTabsSurvive() {
        CimInstance i = CimInstance.builder("X").put("P", CimValue.string(" a\r\nb\tc ")).put("Q", CimValue.string("")).build();
        assertEquals(i, CimXml.readInstance(CimXml.writeInstance(i)));
    }

    @Test
    void readsConcurrently() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 200; t++) {
                int n = t;
                results.add(pool.submit(() -> {
                    CimInstance i = CimInstance.builder("C").put("N", CimValue.uint32(n)).put("S", CimValue.string("s" + n)).build();
                    return CimXml.readInstance(CimXml.writeInstance(i)).equals(i);
                }));
            }
            for (var f : results) assertTrue(f.get(10, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void cimValueParsesObjectText() {
        CimInstance inner = CimInstance.builder("C").put("a", CimValue.sint32(-5)).build();
        assertEquals(inner, CimValue.parse(CimType.OBJECT, inner.toString()).asInstance());
    }
}
