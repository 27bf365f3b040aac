package io.hyperv4j.wsman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.wsman.internal.Soap;
import io.hyperv4j.wsman.internal.Wsman;
import io.hyperv4j.wsman.internal.WsmanFault;
import io.hyperv4j.wsman.internal.Xml;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Faults as the server writes them and as Windows nests them ([MS-WSMV] 2.2.4.43 WSManFault, ProviderFault). */
class WsmanFaultTest {
    private static WsmanFault read(String xml) {
        return Soap.Message.of(Xml.parse(xml.getBytes(StandardCharsets.UTF_8))).fault().orElseThrow();
    }

    @Test
    void whatTheServerWritesReadsBackAsTheSameWmiError() {
        CimException original = new CimException(CimError.INVALID_CLASS, "no class Msvm_Nope");
        WsmanFault f = read(Soap.fault(WsmanFault.of(original), "uuid:1", "HV01"));
        assertEquals("a:DestinationUnreachable", f.subcode());
        assertTrue(f.sender());
        CimException back = f.exception();
        assertEquals(CimError.INVALID_CLASS, back.error());
        assertEquals(0x80041010L, back.hresult());
        assertTrue(back.getMessage().contains("no class Msvm_Nope"), back.getMessage());
    }

    @Test
    void aWmiCodeNestedUnderAWinRmCodeWins() {
        String xml = "<s:Envelope xmlns:s=\"" + Wsman.SOAP + "\"><s:Header/><s:Body><s:Fault><s:Code><s:Value>s:Sender</s:Value>"
                + "<s:Subcode><s:Value xmlns:w=\"" + Wsman.WSMAN + "\">w:InvalidSelectors</s:Value></s:Subcode></s:Code>"
                + "<s:Reason><s:Text xml:lang=\"en-US\">The WS-Management service cannot process the request.</s:Text></s:Reason>"
                + "<s:Detail><f:WSManFault xmlns:f=\"" + Wsman.FAULT_DETAIL + "\" Code=\"2150858752\" Machine=\"hv01\">"
                + "<f:Message><f:ProviderFault provider=\"WMI Provider\"><f:WSManFault Code=\"2147749890\" Machine=\"hv01\">"
                + "<f:Message>Not found</f:Message></f:WSManFault></f:ProviderFault></f:Message></f:WSManFault></s:Detail>"
                + "</s:Fault></s:Body></s:Envelope>";
        CimException e = read(xml).exception();
        assertEquals(CimError.NOT_FOUND, e.error());
        assertEquals(0x80041002L, e.hresult());
    }

    @Test
    void aWinRmCodeAloneIsKeptAsItIs() {
        String xml = "<s:Envelope xmlns:s=\"" + Wsman.SOAP + "\"><s:Header/><s:Body><s:Fault><s:Code><s:Value>s:Receiver</s:Value></s:Code>"
                + "<s:Reason><s:Text>quota</s:Text></s:Reason><s:Detail><f:WSManFault xmlns:f=\"" + Wsman.FAULT_DETAIL
                + "\" Code=\"2150858793\" Machine=\"hv01\"/></s:Detail></s:Fault></s:Body></s:Envelope>";
        CimException e = read(xml).exception();
        assertEquals(CimError.FAILED, e.error());
        assertEquals(2150858793L, e.hresult());
    }
}
