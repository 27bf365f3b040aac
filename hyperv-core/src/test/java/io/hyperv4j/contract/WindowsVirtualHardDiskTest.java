package io.hyperv4j.contract;

import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.disk.DiskImages;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The virtual disk contract against a real Hyper-V host whose disks this JVM also sees under the same
 * paths (a local host), e.g. {@code mvn test -Dtest=WindowsVirtualHardDiskTest -Dhyperv4j.contract.host=wmi://localhost}.
 */
@EnabledOnOs(OS.WINDOWS)
@EnabledIfSystemProperty(named = WindowsVmLifecycleTest.HOST_PROPERTY, matches = ".+")
class WindowsVirtualHardDiskTest extends VirtualHardDiskContract {
    @TempDir
    Path dir;
    private HyperVHost host;

    @BeforeEach
    void open() {
        host = HyperV.connect(URI.create(System.getProperty(WindowsVmLifecycleTest.HOST_PROPERTY)));
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
