package io.hyperv4j.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hyperv4j.ConnectOptions;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.InvalidStateException;
import io.hyperv4j.sim.Lab;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: the automatic start and stop actions and the boot order through the typed API, applied
 * by ModifySystemSettings and read back from the VM's settings (before: not in the API, and the
 * simulator returned 0 without applying them).
 */
class VmStartupSettingsTest {
    private Lab lab;
    private HyperVHost host;

    @BeforeEach
    void setUp() {
        lab = Lab.builder().seed(5).host("HV01", 16, 65536).build();
        host = new HyperVHost(URI.create("sim:standalone"), lab.session("HV01"), ConnectOptions.defaults());
    }

    @AfterEach
    void tearDown() {
        host.close();
        lab.close();
    }

    @Test
    void aNewVmStartsIfItWasRunningSavesOnHostShutdownAndBootsFromFloppyFirst() {
        VirtualMachine vm = host.vms().create(VmSpec.builder("g1").generation(1).build());
        assertEquals(new VmStartupSettings(AutomaticStartAction.START_IF_RUNNING, Duration.ZERO, AutomaticStopAction.SAVE,
                List.of(BootDevice.FLOPPY, BootDevice.CD, BootDevice.IDE_HARD_DRIVE, BootDevice.PXE), false, true), vm.startupSettings());
    }

    @Test
    void startAndStopActionsAndBootOrderRoundTrip() {
        VirtualMachine vm = host.vms().create(VmSpec.builder("g1").generation(1).build());
        vm.setAutomaticStart(AutomaticStartAction.START, Duration.ofSeconds(90)).await();
        vm.setAutomaticStop(AutomaticStopAction.SHUT_DOWN).await();
        vm.setBootOrder(List.of(BootDevice.IDE_HARD_DRIVE, BootDevice.CD, BootDevice.PXE, BootDevice.FLOPPY)).await();
        VmStartupSettings s = vm.startupSettings();
        assertEquals(AutomaticStartAction.START, s.startAction());
        assertEquals(Duration.ofSeconds(90), s.startDelay());
        assertEquals(AutomaticStopAction.SHUT_DOWN, s.stopAction());
        assertEquals(List.of(BootDevice.IDE_HARD_DRIVE, BootDevice.CD, BootDevice.PXE, BootDevice.FLOPPY), s.bootOrder());
    }

    @Test
    void aRunningVmTakesAStartActionButRefusesAStopActionAndNothingChanges() {
        VirtualMachine vm = host.vms().create(VmSpec.builder("g2").generation(2).build());
        vm.start().await();
        vm.setAutomaticStart(AutomaticStartAction.NOTHING, Duration.ZERO).await();
        assertEquals(AutomaticStartAction.NOTHING, vm.startupSettings().startAction());
        assertThrows(InvalidStateException.class, () -> vm.setAutomaticStop(AutomaticStopAction.TURN_OFF).await());
        assertEquals(AutomaticStopAction.SAVE, vm.startupSettings().stopAction());
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsSent() {
        VirtualMachine vm = host.vms().create(VmSpec.builder("g1").generation(1).build());
        assertThrows(IllegalArgumentException.class, () -> vm.setBootOrder(List.of(BootDevice.CD, BootDevice.CD, BootDevice.PXE, BootDevice.FLOPPY)));
        assertThrows(IllegalArgumentException.class, () -> vm.setAutomaticStart(AutomaticStartAction.START, Duration.ofSeconds(-1)));
        VirtualMachine g2 = host.vms().create(VmSpec.builder("g2").generation(2).build());
        assertThrows(RuntimeException.class, () -> g2.setBootOrder(List.of(BootDevice.IDE_HARD_DRIVE, BootDevice.CD, BootDevice.PXE, BootDevice.FLOPPY)).await(),
                "a generation 2 VM boots by its boot sources");
        assertEquals(List.of(), g2.startupSettings().bootOrder());
    }
}
