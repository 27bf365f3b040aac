package io.hyperv4j.sim;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.cim.schema.CimSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProvidersTest {
    private static final String V2 = "root\\virtualization\\v2";

    @Test
    void classesOfAreTheServedClassesThatDeriveFromTheQueriedOne() {
        Lab lab = Lab.builder().host("HV01", 8, 16384).build();
        Providers providers = lab.providers();
        CimSchema schema = CimSchema.forNamespace(V2);
        for (String queried : List.of("CIM_ManagedElement", "CIM_ComputerSystem", "CIM_LogicalDevice", "Msvm_ComputerSystem",
                "CIM_SettingData", "Msvm_NoSuchClass")) {
            List<String> expected = providers.classes(V2).stream().filter(c -> schema.isA(c, queried)).toList();
            assertEquals(expected, providers.classesOf(V2, queried, schema), queried);
        }
        assertTrue(providers.classesOf(V2, "CIM_ComputerSystem", schema).contains("Msvm_ComputerSystem"));
        assertEquals(providers.classesOf(V2, "msvm_computersystem", schema),
                providers.classesOf("ROOT\\Virtualization\\V2", "MSVM_COMPUTERSYSTEM", schema), "names in any case");
        assertTrue(providers.classesOf(V2, "Msvm_NoSuchClass", schema).isEmpty());
    }
}
