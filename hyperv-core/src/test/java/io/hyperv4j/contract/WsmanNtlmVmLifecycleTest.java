package io.hyperv4j.contract;

import io.hyperv4j.wsman.ServedLab;

/**
 * The lifecycle contract through {@code wsman://127.0.0.1:PORT} over plain HTTP: NTLMv2, every message
 * sealed in WinRM's encrypted multipart format (the client's default there, as Windows requires).
 */
class WsmanNtlmVmLifecycleTest extends WsmanVmLifecycleTest {
    @Override
    protected ServedLab.Security security() {
        return ServedLab.Security.NTLM;
    }
}
