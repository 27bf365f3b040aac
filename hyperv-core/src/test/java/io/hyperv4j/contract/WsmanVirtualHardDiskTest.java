package io.hyperv4j.contract;

import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.disk.DiskImages;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.wsman.ServedLab;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The virtual disk contract through {@code wsmans://127.0.0.1:PORT} (Basic over TLS) against a served simulated host. */
class WsmanVirtualHardDiskTest extends VirtualHardDiskContract {
    @TempDir
    Path dir;
    private ServedLab served;
    private HyperVHost host;

    /** How the lab is served and reached. */
    protected ServedLab.Security security() {
        return ServedLab.Security.BASIC_TLS;
    }

    @BeforeEach
    void open() {
        served = ServedLab.serve(Lab.standalone(), Lab.DEFAULT_HOST, security(), dir);
        host = HyperV.connect(served.uri(), served.login());
    }

    @AfterEach
    void close() {
        host.close();
        served.close();
    }

    @Override
    protected DiskImages disks() {
        return host.disks();
    }

    @Override
    protected Path dir() {
        return dir;
    }
}
