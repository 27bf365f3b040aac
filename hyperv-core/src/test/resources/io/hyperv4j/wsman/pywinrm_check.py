"""An independent WS-Management client against a served lab: python3-winrm's raw Protocol.send_message.

Usage: pywinrm_check.py ENDPOINT USER [basic|ntlm|kerberos]   (the password comes from HYPERV4J_PASSWORD)
With ntlm, pywinrm authenticates with NTLMv2 and seals every message (message_encryption="always").
With kerberos, requests_kerberos takes USER's ticket from the cache (KRB5CCNAME) and requires the
server's mutual-authentication token; messages are not sealed.
Enumerates the virtual machines with a WQL filter, gets one by its selectors, starts it with
RequestStateChange(2), and prints what it saw as JSON for the Java test to check.
"""
import json
import os
import sys
import uuid
import xml.etree.ElementTree as ET

from winrm.protocol import Protocol

endpoint, user = sys.argv[1], sys.argv[2]
transport = sys.argv[3] if len(sys.argv) > 3 else "basic"
NS = "root/virtualization/v2"
WMI = "http://schemas.microsoft.com/wbem/wsman/1/wmi/" + NS + "/"
X = {
    "s": "http://www.w3.org/2003/05/soap-envelope",
    "a": "http://schemas.xmlsoap.org/ws/2004/08/addressing",
    "w": "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd",
    "n": "http://schemas.xmlsoap.org/ws/2004/09/enumeration",
}
p = Protocol(endpoint=endpoint, transport=transport, username=user, password=os.environ["HYPERV4J_PASSWORD"],
             message_encryption="always" if transport == "ntlm" else "never")


def envelope(action, resource, body, selectors=None):
    sel = ""
    if selectors:
        sel = "<w:SelectorSet>" + "".join('<w:Selector Name="%s">%s</w:Selector>' % kv for kv in selectors.items()) + "</w:SelectorSet>"
    return ('<s:Envelope xmlns:s="{s}" xmlns:a="{a}" xmlns:w="{w}" xmlns:n="{n}"><s:Header>'
            '<a:To>{to}</a:To><w:ResourceURI s:mustUnderstand="true">{r}</w:ResourceURI>'
            '<a:ReplyTo><a:Address s:mustUnderstand="true">http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>'
            '<a:Action s:mustUnderstand="true">{act}</a:Action><w:MaxEnvelopeSize s:mustUnderstand="true">512000</w:MaxEnvelopeSize>'
            '<a:MessageID>uuid:{id}</a:MessageID><w:OperationTimeout>PT60S</w:OperationTimeout>{sel}</s:Header>'
            '<s:Body>{body}</s:Body></s:Envelope>').format(to=endpoint, r=resource, act=action, id=uuid.uuid4(), sel=sel, body=body, **X)


def send(xml):
    return ET.fromstring(p.send_message(xml))


out = {}
enum = envelope("http://schemas.xmlsoap.org/ws/2004/09/enumeration/Enumerate", WMI + "*",
                '<n:Enumerate><w:OptimizeEnumeration/><w:MaxElements>100</w:MaxElements>'
                '<w:Filter Dialect="http://schemas.microsoft.com/wbem/wsman/1/WQL">'
                "SELECT * FROM Msvm_ComputerSystem WHERE Caption = 'Virtual Machine'</w:Filter></n:Enumerate>")
items = send(enum).find(".//w:Items", X)
vm_class = "{%s}Msvm_ComputerSystem" % (WMI + "Msvm_ComputerSystem")
vms = [i for i in items if i.tag == vm_class]
if not vms:
    sys.exit("no VM in the enumeration: " + str([i.tag for i in items]))
out["enumerated"] = sorted(v.findtext("{%s}ElementName" % (WMI + "Msvm_ComputerSystem")) for v in vms)
name = vms[0].findtext("{%s}Name" % (WMI + "Msvm_ComputerSystem"))

got = send(envelope("http://schemas.xmlsoap.org/ws/2004/09/transfer/Get", WMI + "Msvm_ComputerSystem", "",
                    {"CreationClassName": "Msvm_ComputerSystem", "Name": name}))
vm = got.find(".//s:Body/" + vm_class, X)
out["got"] = {"Name": vm.findtext("{%s}Name" % (WMI + "Msvm_ComputerSystem")),
              "EnabledState": vm.findtext("{%s}EnabledState" % (WMI + "Msvm_ComputerSystem"))}

uri = WMI + "Msvm_ComputerSystem"
r = send(envelope(uri + "/RequestStateChange", uri,
                  '<p:RequestStateChange_INPUT xmlns:p="%s"><p:RequestedState>2</p:RequestedState></p:RequestStateChange_INPUT>' % uri,
                  {"CreationClassName": "Msvm_ComputerSystem", "Name": name}))
output = r.find(".//{%s}RequestStateChange_OUTPUT" % uri)
out["returnValue"] = output.findtext("{%s}ReturnValue" % uri)
out["jobResourceUri"] = output.findtext(".//w:ResourceURI", namespaces=X)
out["name"] = name
if transport == "ntlm":
    out["encrypted"] = p.transport.encryption is not None
print(json.dumps(out))
