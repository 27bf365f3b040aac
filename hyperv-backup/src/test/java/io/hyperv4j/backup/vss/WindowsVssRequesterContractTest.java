package io.hyperv4j.backup.vss;

import io.hyperv4j.backup.vss.internal.WindowsVssRequester;
import java.time.Duration;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The requester contract against the real VSS of a Windows host (run elevated), e.g.
 * {@code mvn test -Dtest=WindowsVssRequesterContractTest -Dhyperv4j.vss.volume=C:\}: a copy backup of
 * one volume from writer metadata to deleted snapshots (the Hyper-V writer's components read as VMs
 * when Hyper-V is installed), and VSS's refusals of calls out of sequence.
 */
@EnabledOnOs(OS.WINDOWS)
@EnabledIfSystemProperty(named = WindowsVssRequesterContractTest.VOLUME, matches = ".+")
class WindowsVssRequesterContractTest extends VssRequesterContract {
    static final String VOLUME = "hyperv4j.vss.volume";

    @Override
    protected VssRequester open() {
        return WindowsVssRequester.open(Duration.ofMinutes(5));
    }

    @Override
    protected String volume() {
        return System.getProperty(VOLUME);
    }
}
