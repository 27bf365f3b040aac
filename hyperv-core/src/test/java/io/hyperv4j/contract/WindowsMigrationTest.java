package io.hyperv4j.contract;

import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVHost;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The migration contract between two real Hyper-V hosts (Windows Server 2012 or later), e.g.
 * {@code mvn test -Dtest=WindowsMigrationTest -Dhyperv4j.contract.host=wmi://hv1
 * -Dhyperv4j.contract.destination=wmi://hv2 -Dhyperv4j.contract.folder=C:\ClusterStorage\Volume1\hv4j}.
 * It enables migration on both hosts and moves VMs it creates (hv4j-migrate-...).
 */
@EnabledOnOs(OS.WINDOWS)
@EnabledIfSystemProperty(named = WindowsVmLifecycleTest.HOST_PROPERTY, matches = ".+")
@EnabledIfSystemProperty(named = WindowsMigrationTest.DESTINATION_PROPERTY, matches = ".+")
@EnabledIfSystemProperty(named = WindowsMigrationTest.FOLDER_PROPERTY, matches = ".+")
class WindowsMigrationTest extends MigrationContract {
    static final String DESTINATION_PROPERTY = "hyperv4j.contract.destination";
    static final String FOLDER_PROPERTY = "hyperv4j.contract.folder";

    @Override
    protected HyperVHost openSource() {
        return HyperV.connect(URI.create(System.getProperty(WindowsVmLifecycleTest.HOST_PROPERTY)));
    }

    @Override
    protected HyperVHost openDestination() {
        return HyperV.connect(URI.create(System.getProperty(DESTINATION_PROPERTY)));
    }

    @Override
    protected Path diskFolder() {
        return Path.of(System.getProperty(FOLDER_PROPERTY));
    }
}
