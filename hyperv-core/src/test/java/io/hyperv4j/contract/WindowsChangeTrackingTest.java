package io.hyperv4j.contract;

import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVHost;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The change tracking contract against a real Hyper-V host (Windows Server 2016 or later), e.g.
 * {@code mvn test -Dtest=WindowsChangeTrackingTest -Dhyperv4j.contract.host=wmi://localhost}.
 */
@EnabledOnOs(OS.WINDOWS)
@EnabledIfSystemProperty(named = WindowsVmLifecycleTest.HOST_PROPERTY, matches = ".+")
class WindowsChangeTrackingTest extends ChangeTrackingContract {
    @TempDir
    Path dir;

    @Override
    protected HyperVHost openHost() {
        return HyperV.connect(URI.create(System.getProperty(WindowsVmLifecycleTest.HOST_PROPERTY)));
    }

    @Override
    protected Path dir() {
        return dir;
    }
}
