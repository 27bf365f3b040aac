"""The load harness's peer: N pywinrm clients (threads, each its own NTLM-sealed connection) for S seconds.

Usage: pywinrm_load.py ENDPOINT USER SECONDS VM_NAME...   (one client per VM name; the password comes
from HYPERV4J_PASSWORD). Each client loops: Enumerate every VM with a WQL filter (optimized, one
reply), then Get its own VM by selectors. Prints {"requests", "errors", "latencies_ms"} as JSON.
"""
import json
import os
import sys
import threading
import time
import uuid

from winrm.protocol import Protocol

endpoint, user, seconds, names = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4:]
WMI = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/"
NS = ('xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" '
      'xmlns:w="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd" xmlns:n="http://schemas.xmlsoap.org/ws/2004/09/enumeration"')


def envelope(action, resource, body, selectors=""):
    return ('<s:Envelope %s><s:Header><a:To>%s</a:To><w:ResourceURI s:mustUnderstand="true">%s</w:ResourceURI>'
            '<a:ReplyTo><a:Address s:mustUnderstand="true">http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>'
            '<a:Action s:mustUnderstand="true">%s</a:Action><w:MaxEnvelopeSize s:mustUnderstand="true">512000</w:MaxEnvelopeSize>'
            '<a:MessageID>uuid:%s</a:MessageID><w:OperationTimeout>PT60S</w:OperationTimeout>%s</s:Header><s:Body>%s</s:Body></s:Envelope>'
            ) % (NS, endpoint, resource, action, uuid.uuid4(), selectors, body)


ENUM = envelope("http://schemas.xmlsoap.org/ws/2004/09/enumeration/Enumerate", WMI + "*",
                '<n:Enumerate><w:OptimizeEnumeration/><w:MaxElements>1000</w:MaxElements>'
                '<w:Filter Dialect="http://schemas.microsoft.com/wbem/wsman/1/WQL">'
                "SELECT * FROM Msvm_ComputerSystem WHERE Caption = 'Virtual Machine'</w:Filter></n:Enumerate>")
latencies, errors, lock = [], [0], threading.Lock()
deadline = time.monotonic() + seconds


def client(vm_id):
    p = Protocol(endpoint=endpoint, transport="ntlm", username=user, password=os.environ["HYPERV4J_PASSWORD"],
                 message_encryption="always", read_timeout_sec=60, operation_timeout_sec=50)
    get = envelope("http://schemas.xmlsoap.org/ws/2004/09/transfer/Get", WMI + "Msvm_ComputerSystem", "",
                   '<w:SelectorSet><w:Selector Name="CreationClassName">Msvm_ComputerSystem</w:Selector>'
                   '<w:Selector Name="Name">%s</w:Selector></w:SelectorSet>' % vm_id)
    mine = []
    while time.monotonic() < deadline:
        for message in (ENUM, get):
            t = time.monotonic()
            try:
                p.send_message(message)
                mine.append((time.monotonic() - t) * 1000)
            except Exception:
                with lock:
                    errors[0] += 1
    with lock:
        latencies.extend(mine)


threads = [threading.Thread(target=client, args=(n,)) for n in names]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(json.dumps({"requests": len(latencies), "errors": errors[0], "latencies_ms": latencies}))
