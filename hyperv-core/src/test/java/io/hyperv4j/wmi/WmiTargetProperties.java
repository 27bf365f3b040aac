package io.hyperv4j.wmi;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import net.jqwik.api.*;

class WmiTargetProperties {

    @Property(tries = 300)
    void hostNamesParseAndNameTheConnectResource(@ForAll("hostNames") String host) {
        WmiTarget t = WmiTarget.parse(URI.create("wmi://" + host));
        assertEquals(host.toLowerCase(Locale.ROOT), t.host());
        assertFalse(t.local());
        assertEquals("\\\\" + t.host() + "\\root\\virtualization\\v2", t.resource("root/virtualization/v2"));
    }

    @Property(tries = 1000)
    void anyOtherInputFailsOnlyWithAClearInvalidParameter(@ForAll("uriTails") String tail) {
        URI uri;
        try {
            uri = new URI("wmi:" + tail);
        } catch (URISyntaxException e) {
            return; // not a URI at all: java.net.URI already refused it
        }
        try {
            WmiTarget t = WmiTarget.parse(uri);
            assertNotNull(t.host());
        } catch (CimException e) {
            assertEquals(CimError.INVALID_PARAMETER, e.error());
            assertTrue(e.getMessage().startsWith("WBEM_E_INVALID_PARAMETER: invalid WMI URI"), e.getMessage());
        }
    }

    @Provide
    Arbitrary<String> hostNames() {
        Arbitrary<String> label = Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(10)
                .filter(s -> Character.isLetter(s.charAt(0)));
        return label.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(".", l))
                .filter(h -> !h.equals("localhost"));
    }

    @Provide
    Arbitrary<String> uriTails() {
        Arbitrary<String> pieces = Arbitraries.of("//", "hv01", ".", "@", ":", "135", "/", "?", "authority=", "locale=", "MS_409",
                "ntlmdomain:CORP", "kerberos%3ACORP%5Chv01", "&", "=", "x", "%", "#", "[::1]", "root\\cimv2", "user", "pw");
        return pieces.list().ofMaxSize(8).map(l -> String.join("", l));
    }
}
