package io.hyperv4j.contract;

import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVHost;
import java.net.URI;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The lifecycle contract against a real Hyper-V host, e.g.
 * {@code mvn test -Dtest=WindowsVmLifecycleTest -Dhyperv4j.contract.host=wmi://localhost}.
 * Creates and removes its own VMs (named hv4j-contract-...).
 */
@EnabledOnOs(OS.WINDOWS)
@EnabledIfSystemProperty(named = WindowsVmLifecycleTest.HOST_PROPERTY, matches = ".+")
class WindowsVmLifecycleTest extends VmLifecycleContract {
    static final String HOST_PROPERTY = "hyperv4j.contract.host";

    @Override
    protected HyperVHost openHost() {
        return HyperV.connect(URI.create(System.getProperty(HOST_PROPERTY)));
    }
}
