package io.hyperv4j.wmi;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class WmiTargetTest {

    private static WmiTarget parse(String s) {
        return WmiTarget.parse(URI.create(s));
    }

    private static CimException bad(String s) {
        CimException e = assertThrows(CimException.class, () -> parse(s));
        assertEquals(CimError.INVALID_PARAMETER, e.error());
        return e;
    }

    @Test
    void localNames() {
        for (String s : new String[] {"wmi://localhost", "wmi://.", "wmi://127.0.0.1", "WMI://LocalHost/", "wmi://[::1]"}) {
            WmiTarget t = parse(s);
            assertTrue(t.local(), s);
            assertEquals("\\\\.\\root\\virtualization\\v2", t.resource("root/virtualization/v2"), s);
        }
    }

    @Test
    void remoteHosts() {
        WmiTarget t = parse("wmi://HV01.example.com");
        assertFalse(t.local());
        assertEquals("hv01.example.com", t.host());
        assertEquals("\\\\hv01.example.com\\root\\MSCluster", t.resource("root\\MSCluster"));
        assertEquals("\\\\fe80::1\\root\\cimv2", parse("wmi://[fe80::1]").resource("root\\cimv2"));
    }

    @Test
    void authorityAndLocale() {
        WmiTarget t = parse("wmi://hv01?authority=kerberos%3ACORP%5Chv01&locale=MS_409");
        assertEquals("kerberos:CORP\\hv01", t.authority());
        assertEquals("MS_409", t.locale());
        assertEquals("ntlmdomain:CORP", parse("wmi://hv01?authority=ntlmdomain:CORP").authority());
        assertTrue(bad("wmi://hv01?authority=CORP").getMessage().contains("ntlmdomain:DOMAIN"));
        assertTrue(bad("wmi://hv01?locale=en").getMessage().contains("MS_409"));
        assertTrue(bad("wmi://hv01?namespace=root").getMessage().contains("unknown query parameter"));
    }

    @Test
    void refusesWhatDcomCannotUse() {
        assertTrue(bad("wmi://hv01:5985").getMessage().contains("endpoint mapper"));
        assertTrue(bad("wmi://hv01/root/cimv2").getMessage().contains("namespace is chosen per call"));
        assertTrue(bad("wmi:hv01").getMessage().contains("wmi://host"));
        assertTrue(bad("wmi:///").getMessage().contains("names no host"));
        assertThrows(CimException.class, () -> WmiTarget.parse(URI.create("sim:lab")));
    }

    @Test
    void aPasswordTypedIntoTheUriNeverReachesTheMessage() {
        CimException e = bad("wmi://admin:S3cret!@hv01");
        assertFalse(e.getMessage().contains("S3cret"), e.getMessage());
        assertFalse(e.getMessage().contains("admin"), e.getMessage());
        assertTrue(e.getMessage().contains("pass Credentials separately"), e.getMessage());
    }

    @Test
    void aUserNameInTheUriIsKeptAsAHint() {
        WmiTarget t = parse("wmi://CORP%5Cops@hv01");
        assertEquals("CORP\\ops", t.user());
        assertEquals("hv01", t.host());
        assertEquals("wmi://CORP\\ops@hv01", t.toString());
        assertNull(parse("wmi://hv01").user());
    }

    @Test
    void supportsOnlyTheWmiScheme() {
        assertTrue(WmiTarget.supports(URI.create("wmi://x")));
        assertFalse(WmiTarget.supports(URI.create("sim:default")));
        assertFalse(WmiTarget.supports(URI.create("https://x")));
    }
}
