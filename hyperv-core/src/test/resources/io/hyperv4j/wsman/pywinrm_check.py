"""An independent WS-Management client against a served lab: python3-winrm's raw Protocol.send_message.

Usage: pywinrm_check.py ENDPOINT USER [basic|ntlm|kerberos|kerberos-sealed]   (the password comes from HYPERV4J_PASSWORD)
With ntlm, pywinrm authenticates with NTLMv2 and seals every message (message_encryption="always"); over an
https:// endpoint it does not seal but sends the channel binding of the server's certificate (send_cbt).
With kerberos, requests_kerberos takes USER's ticket from the cache (KRB5CCNAME) and requires the
server's mutual-authentication token; messages are not sealed (use an https:// endpoint: over http the
server requires sealing, as WinRM does; REQUESTS_CA_BUNDLE names the certificate to trust).
With kerberos-sealed, the same, but every message is sealed as pywinrm's Kerberos encryption does it,
through MIT's GSS-API IOV wrap (python3-gssapi: header, data and padding buffers, the header carrying
the rotated trailer); Debian's pykerberos lacks the WinRM encryption calls, so its context is replaced
by python3-gssapi's.
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
sealed_kerberos = transport == "kerberos-sealed"
if sealed_kerberos:
    import gssapi
    import gssapi.raw as graw
    import requests_kerberos.kerberos_ as rk
    import winrm.transport

    class GssapiKerberosAuth(rk.HTTPKerberosAuth):
        """requests_kerberos's flow (preemptive token, mutual authentication required), MIT GSS-API underneath."""

        def __init__(self, mutual_authentication=rk.REQUIRED, service="HTTP", delegate=False, force_preemptive=False,
                     principal=None, hostname_override=None, sanitize_mutual_error_response=True, send_cbt=True):
            super().__init__(mutual_authentication=mutual_authentication, service=service, delegate=delegate,
                             force_preemptive=force_preemptive, principal=principal, hostname_override=hostname_override,
                             sanitize_mutual_error_response=sanitize_mutual_error_response, send_cbt=send_cbt)
            self.winrm_encryption_available = True
            self.mutually_authenticated = False

        def generate_request_header(self, response, host, is_preemptive=False):
            flags = (gssapi.RequirementFlag.mutual_authentication | gssapi.RequirementFlag.out_of_sequence_detection
                     | gssapi.RequirementFlag.replay_detection | gssapi.RequirementFlag.confidentiality
                     | gssapi.RequirementFlag.integrity)
            name = gssapi.Name("HTTP@" + host, gssapi.NameType.hostbased_service)
            self.context[host] = gssapi.SecurityContext(name=name, usage="initiate", flags=flags, mech=gssapi.MechType.kerberos)
            return "Negotiate " + base64.b64encode(self.context[host].step()).decode()

        def authenticate_server(self, response):
            host = urlparse(response.url).hostname
            token = rk._negotiate_value(response)
            self.context[host].step(base64.b64decode(token))
            self.mutually_authenticated = self.context[host].complete
            return self.mutually_authenticated

        def wrap_winrm(self, host, message):
            iov = graw.IOV(graw.IOVBufferType.header, message, graw.IOVBufferType.padding, std_layout=False)
            graw.wrap_iov(self.context[host], iov, confidential=True)
            return iov[1].value + (iov[2].value or b""), iov[0].value

        def unwrap_winrm(self, host, message, header):
            iov = graw.IOV((graw.IOVBufferType.header, False, header), message, std_layout=False)
            graw.unwrap_iov(self.context[host], iov)
            return iov[1].value

    import base64
    from urllib.parse import urlparse
    winrm.transport.HTTPKerberosAuth = GssapiKerberosAuth
    winrm.transport.HAVE_KERBEROS = True
NS = "root/virtualization/v2"
WMI = "http://schemas.microsoft.com/wbem/wsman/1/wmi/" + NS + "/"
X = {
    "s": "http://www.w3.org/2003/05/soap-envelope",
    "a": "http://schemas.xmlsoap.org/ws/2004/08/addressing",
    "w": "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd",
    "n": "http://schemas.xmlsoap.org/ws/2004/09/enumeration",
}
p = Protocol(endpoint=endpoint, transport="kerberos" if sealed_kerberos else transport, username=user,
             password=os.environ["HYPERV4J_PASSWORD"],
             message_encryption="always" if transport in ("ntlm", "kerberos-sealed") and endpoint.startswith("http:") else "never")


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
if transport in ("ntlm", "kerberos-sealed"):
    out["encrypted"] = p.transport.encryption is not None
if sealed_kerberos:
    out["mutuallyAuthenticated"] = p.transport.session.auth.mutually_authenticated
print(json.dumps(out))
