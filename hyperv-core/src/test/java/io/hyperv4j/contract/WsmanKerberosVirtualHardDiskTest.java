package io.hyperv4j.contract;

import io.hyperv4j.wsman.ServedLab;

/** The virtual disk contract through {@code wsman://localhost:PORT?auth=kerberos} (the real KDC's ticket, every message sealed). */
class WsmanKerberosVirtualHardDiskTest extends WsmanVirtualHardDiskTest {
    @Override
    protected ServedLab.Security security() {
        return ServedLab.Security.KERBEROS;
    }
}
