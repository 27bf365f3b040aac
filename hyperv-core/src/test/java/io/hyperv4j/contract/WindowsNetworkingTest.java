package io.hyperv4j.contract;

import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVHost;
import java.net.URI;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The networking contract against a real Hyper-V host, e.g.
 * {@code mvn test -Dtest=WindowsNetworkingTest -Dhyperv4j.contract.host=wmi://localhost}.
 */
@EnabledOnOs(OS.WINDOWS)
@EnabledIfSystemProperty(named = WindowsVmLifecycleTest.HOST_PROPERTY, matches = ".+")
class WindowsNetworkingTest extends NetworkingContract {
    @Override
    protected HyperVHost openHost() {
        return HyperV.connect(URI.create(System.getProperty(WindowsVmLifecycleTest.HOST_PROPERTY)));
    }
}
