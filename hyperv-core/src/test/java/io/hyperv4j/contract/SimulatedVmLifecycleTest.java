package io.hyperv4j.contract;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.JobFailedException;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmSpec;
import io.hyperv4j.vm.VmState;
import org.junit.jupiter.api.Test;

/** The lifecycle contract against the embedded simulated standalone host. Runs on every machine. */
class SimulatedVmLifecycleTest extends VmLifecycleContract {
    @Override
    protected HyperVHost openHost() {
        return HyperV.simulator();
    }

    /** The standalone host has 64 GB; two 40 GB VMs cannot run together. Host-specific, so not in the contract. */
    @Test
    void aStartTheHostCannotHonourFailsWithTheJobsErrorAndLeavesTheVmOff() {
        VirtualMachine first = newVm(VmSpec.builder("big-1").memoryMb(40_000).build());
        VirtualMachine second = newVm(VmSpec.builder("big-2").memoryMb(40_000).build());
        assertEquals(VmState.RUNNING, first.start().await());
        JobFailedException e = assertThrows(JobFailedException.class, () -> second.start().await());
        assertEquals(32778, e.errorCode(), e.getMessage());
        assertEquals(10, e.jobState());
        assertTrue(e.errorDescription().contains("memory"), e.errorDescription());
        assertTrue(e.getMessage().contains("start VM 'big-2'") && e.getMessage().contains("Out of memory"), e.getMessage());
        assertFalse(e.errors().isEmpty(), "GetErrorEx details");
        assertTrue(e.errors().get(0).getString("Message").contains("memory"), e.errors().toString());
        assertEquals(VmState.OFF, second.state());
        assertEquals(VmState.RUNNING, first.state());
    }
}
