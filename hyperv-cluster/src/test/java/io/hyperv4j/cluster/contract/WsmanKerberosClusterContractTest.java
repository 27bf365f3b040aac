package io.hyperv4j.cluster.contract;

import io.hyperv4j.wsman.ServedLab;

/** The cluster contract through {@code wsman://localhost:PORT?auth=kerberos}: the real KDC's ticket, every message sealed. */
class WsmanKerberosClusterContractTest extends WsmanClusterContractTest {
    @Override
    protected ServedLab.Security security() {
        return ServedLab.Security.KERBEROS;
    }
}
