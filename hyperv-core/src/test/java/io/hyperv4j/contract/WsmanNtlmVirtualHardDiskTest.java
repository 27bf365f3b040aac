package io.hyperv4j.contract;

/** The virtual disk contract through {@code wsman://127.0.0.1:PORT} (NTLMv2, every message sealed) against a served simulated host. */
class WsmanNtlmVirtualHardDiskTest extends WsmanVirtualHardDiskTest {
    @Override
    protected boolean tls() {
        return false;
    }
}
