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

/** The virtual disk contract through {@code wsman://127.0.0.1:PORT} (NTLMv2, every message sealed) against a served simulated host. */
class WsmanNtlmVirtualHardDiskTest extends VirtualHardDiskContract {
    @TempDir
    Path dir;
    private ServedLab served;
    private HyperVHost host;

    @BeforeEach
    void open() {
        served = ServedLab.serve(Lab.standalone(), false, dir);
        host = HyperV.connect(served.uri(), ServedLab.credentials());
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
