package io.hyperv4j.contract;

import io.hyperv4j.wsman.ServedLab;

/**
 * The lifecycle contract through {@code wsman://localhost:PORT?auth=kerberos} over plain HTTP: a ticket
 * from the real MIT KDC ({@code .ci/kdc}), the server's mutual authentication checked, every message
 * sealed with the Kerberos context.
 */
class WsmanKerberosVmLifecycleTest extends WsmanVmLifecycleTest {
    @Override
    protected ServedLab.Security security() {
        return ServedLab.Security.KERBEROS;
    }
}
