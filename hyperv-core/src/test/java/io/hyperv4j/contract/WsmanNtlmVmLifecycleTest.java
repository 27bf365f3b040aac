package io.hyperv4j.contract;

import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.wsman.ServedLab;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle contract through {@code wsman://127.0.0.1:PORT} over plain HTTP: NTLMv2, every message
 * sealed in WinRM's encrypted multipart format (the client's default there, as Windows requires).
 */
class WsmanNtlmVmLifecycleTest extends VmLifecycleContract {
    @TempDir
    static Path dir;
    private static ServedLab served;

    @BeforeAll
    static void serve() {
        served = ServedLab.serve(Lab.standalone(), false, dir);
    }

    @AfterAll
    static void stop() {
        served.close();
    }

    @Override
    protected HyperVHost openHost() {
        return HyperV.connect(served.uri(), ServedLab.credentials());
    }
}
