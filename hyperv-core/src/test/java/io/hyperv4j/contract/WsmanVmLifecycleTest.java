package io.hyperv4j.contract;

import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.wsman.ServedLab;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle contract through {@code wsmans://127.0.0.1:PORT}: the typed API over the WS-Management
 * client, Basic over TLS (a keytool-generated certificate, pinned), to the simulated host served by
 * {@link io.hyperv4j.wsman.server.WsmanServer} in this JVM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WsmanVmLifecycleTest extends VmLifecycleContract {
    private ServedLab served;

    /** How the lab is served and reached. */
    protected ServedLab.Security security() {
        return ServedLab.Security.BASIC_TLS;
    }

    @BeforeAll
    void serve(@TempDir Path dir) {
        served = ServedLab.serve(Lab.standalone(), Lab.DEFAULT_HOST, security(), dir);
    }

    @AfterAll
    void stop() {
        served.close();
    }

    @Override
    protected HyperVHost openHost() {
        return HyperV.connect(served.uri(), served.login());
    }
}
