package io.hyperv4j.contract;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.disk.DiskImages;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The virtual disk contract against a real Hyper-V host through WinRM. The contract reads the files it
 * makes, so the host must see them under the same paths: run it on the Hyper-V host itself, e.g.
 * {@code mvn test -Dtest=RemoteWsmanVirtualHardDiskTest -Dhyperv4j.contract.wsman=wsman://localhost} with
 * HYPERV4J_USER and HYPERV4J_PASSWORD set.
 */
@EnabledOnOs(OS.WINDOWS)
@EnabledIfSystemProperty(named = RemoteWsmanVmLifecycleTest.HOST_PROPERTY, matches = "wsmans?://.+")
class RemoteWsmanVirtualHardDiskTest extends VirtualHardDiskContract {
    @TempDir
    Path dir;
    private HyperVHost host;

    @BeforeEach
    void open() {
        host = RemoteWsmanVmLifecycleTest.remoteHost();
    }

    @AfterEach
    void close() {
        host.close();
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
