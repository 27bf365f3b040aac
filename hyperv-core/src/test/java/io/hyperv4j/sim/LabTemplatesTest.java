package io.hyperv4j.sim;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVException;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.vm.VmSpec;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Labs from Java: templates in the library, Lab.fromTemplate, lab.connect and the sim:template: URI. */
class LabTemplatesTest {

    @Test
    void aTemplateMakesALabWhoseHostsTheTypedApiConnectsTo() {
        try (Lab lab = Lab.fromTemplate("standalone", 7); HyperVHost host = lab.connect("hv01")) {
            assertEquals(7, lab.seed());
            assertEquals("HV01", host.name());
            assertEquals(0, host.vms().list().size());
            host.vms().create(VmSpec.builder("web01").build());
            assertEquals(1, lab.vmCount(), "the host works on the lab's model");
        }
    }

    @Test
    void theSameSeedGivesTheSameLab() {
        try (Lab a = Lab.fromTemplate("standalone", 42); Lab b = Lab.fromTemplate("standalone", 42);
             Lab c = Lab.fromTemplate("standalone", 43);
             HyperVHost ha = a.connect("HV01"); HyperVHost hb = b.connect("HV01"); HyperVHost hc = c.connect("HV01")) {
            String idA = ha.vms().create(VmSpec.builder("web01").build()).id();
            assertEquals(idA, hb.vms().create(VmSpec.builder("web01").build()).id());
            assertNotEquals(idA, hc.vms().create(VmSpec.builder("web01").build()).id());
        }
    }

    @Test
    void anUnknownTemplateOrHostIsNamedWithTheChoices() {
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class, () -> Lab.fromTemplate("nonesuch"));
        assertTrue(t.getMessage().contains("'nonesuch'") && t.getMessage().contains("standalone"), t.getMessage());
        try (Lab lab = Lab.fromTemplate("standalone")) {
            IllegalArgumentException h = assertThrows(IllegalArgumentException.class, () -> lab.connect("HV99"));
            assertTrue(h.getMessage().contains("'HV99'") && h.getMessage().contains("HV01"), h.getMessage());
        }
    }

    @Test
    void theTemplateUriOpensAFreshLabOnTheNamedHost() {
        try (HyperVHost host = HyperV.connect(URI.create("sim:template:standalone?seed=3&clock=manual"))) {
            assertEquals("HV01", host.name());
            Lab lab = Lab.of(host.session()).orElseThrow();
            assertEquals(3, lab.seed());
            assertEquals(ClockMode.MANUAL, lab.clock().mode());
        }
        HyperVException e = assertThrows(HyperVException.class,
                () -> HyperV.connect(URI.create("sim:template:standalone?host=HV07")));
        assertTrue(e.getMessage().contains("HV07") && e.getMessage().contains("HV01"), e.getMessage());
        HyperVException unknown = assertThrows(HyperVException.class, () -> HyperV.connect(URI.create("sim:template:nonesuch")));
        assertTrue(unknown.getMessage().contains("standalone"), unknown.getMessage());
    }
}
