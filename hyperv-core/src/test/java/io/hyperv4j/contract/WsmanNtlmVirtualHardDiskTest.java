package io.hyperv4j.contract;

import io.hyperv4j.wsman.ServedLab;

/** The virtual disk contract through {@code wsman://127.0.0.1:PORT} (NTLMv2, every message sealed) against a served simulated host. */
class WsmanNtlmVirtualHardDiskTest extends WsmanVirtualHardDiskTest {
    @Override
    protected ServedLab.Security security() {
        return ServedLab.Security.NTLM;
    }
}
