package io.hyperv4j.sim.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Embedded instances arrive as CIM-XML text, the way os-win sends them ({@code GetText_(1)}). */
class EmbeddedXmlTest {
    private final V2Fixture f = new V2Fixture();

    @AfterEach
    void close() {
        f.close();
    }

    private static final String VSSD_XML = "<INSTANCE CLASSNAME=\"Msvm_VirtualSystemSettingData\">"
            + "<PROPERTY NAME=\"ElementName\" CLASSORIGIN=\"CIM_ManagedElement\" TYPE=\"string\"><VALUE>xml-vm</VALUE></PROPERTY>"
            + "<PROPERTY NAME=\"VirtualSystemSubType\" TYPE=\"string\"><VALUE>Microsoft:Hyper-V:SubType:1</VALUE></PROPERTY>"
            + "<PROPERTY.ARRAY NAME=\"Notes\" TYPE=\"string\"><VALUE.ARRAY><VALUE>made from XML</VALUE></VALUE.ARRAY></PROPERTY.ARRAY>"
            + "</INSTANCE>";

    private static final String PROC_XML = "<INSTANCE CLASSNAME=\"Msvm_ProcessorSettingData\">"
            + "<PROPERTY NAME=\"VirtualQuantity\" TYPE=\"uint64\"><VALUE>6</VALUE></PROPERTY></INSTANCE>";

    @Test
    void defineSystemFromCimXmlText() {
        MethodResult r = f.session.invoke(f.service(), "DefineSystem", Map.of(
                "SystemSettings", CimValue.string(VSSD_XML),
                "ResourceSettings", CimValue.strings(List.of(PROC_XML))));
        assertEquals(4096, r.returnValue());
        ObjectPath vm = r.get("ResultingSystem").asPath();
        String id = (String) vm.key("Name");
        CimInstance vssd = f.session.get(V2.settings(V2Fixture.HOST, id));
        assertEquals("xml-vm", vssd.getString("ElementName"));
        assertEquals("Microsoft:Hyper-V:SubType:1", vssd.getString("VirtualSystemSubType"));
        assertEquals(List.of("made from XML"), vssd.get("Notes").asList());
        assertEquals(6, f.session.get(V2.processor(V2Fixture.HOST, id)).getLong("VirtualQuantity"));
    }

    @Test
    void modifyWithTheXmlOfAnInstanceReadFromTheHost() {
        ObjectPath vm = f.defined("roundtrip");
        String id = (String) vm.key("Name");
        CimInstance mem = f.session.get(V2.memory(V2Fixture.HOST, id)).toBuilder()
                .put("VirtualQuantity", CimValue.uint64(3072)).build();
        MethodResult r = f.session.invoke(f.service(), "ModifyResourceSettings",
                Map.of("ResourceSettings", CimValue.strings(List.of(mem.toString())))); // toString() is the CIM-XML text
        assertEquals(0, r.returnValue());
        assertEquals(3072, f.session.get(V2.memory(V2Fixture.HOST, id)).getLong("VirtualQuantity"));
        assertEquals(CimType.REFERENCE, r.get("ResultingResourceSettings").type());
    }

    @Test
    void malformedXmlIsRefusedAndNothingIsDefined() {
        CimException e = assertThrows(CimException.class, () -> f.session.invoke(f.service(), "DefineSystem",
                Map.of("SystemSettings", CimValue.string("<INSTANCE CLASSNAME=\"Msvm_VirtualSystemSettingData\"><PROPERTY"))));
        assertEquals(0, f.lab.vmCount());
        assertEquals(CimError.INVALID_OBJECT, e.error());
        MethodResult bad = f.session.invoke(f.service(), "DefineSystem", Map.of("SystemSettings", CimValue.string(
                VSSD_XML.replace("Microsoft:Hyper-V:SubType:1", "Microsoft:Hyper-V:SubType:9"))));
        assertEquals(4, bad.returnValue(), "an unknown generation is an invalid parameter");
        assertEquals(0, f.lab.vmCount());
    }
}
