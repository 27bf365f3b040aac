package io.hyperv4j.examples;

import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVException;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.HyperVTimeoutException;
import io.hyperv4j.InvalidStateException;
import io.hyperv4j.NotFoundException;
import io.hyperv4j.job.Operation;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmSpec;
import io.hyperv4j.vm.VmState;
import java.net.URI;
import java.time.Duration;

/**
 * The failures a program meets first, each a typed exception that says what happened and changes
 * nothing: a call the VM's state refuses, a VM that is not there, a wait that runs out (the
 * operation goes on), a value the host refuses with its reason. Public API only.
 */
public final class ErrorHandlingExample {
    private ErrorHandlingExample() {}

    public static void main(String[] args) {
        try (HyperVHost host = args.length > 0 ? HyperV.connect(URI.create(args[0])) : HyperV.simulator()) {
            VirtualMachine vm = host.vms().create(VmSpec.builder("errors01").build());
            try {
                vm.pause().await();
            } catch (InvalidStateException e) {
                System.out.println("Invalid state: " + e.returnCode() + ", the VM was " + e.currentState().orElse(null));
            }
            try {
                host.vms().get("no-such-vm");
            } catch (NotFoundException e) {
                System.out.println("Not found: " + e.getMessage());
            }
            Operation<VmState> start = vm.start();
            try {
                start.await(Duration.ofMillis(1));
            } catch (HyperVTimeoutException e) {
                System.out.println("Timed out (" + start.progress() + "% done); waiting longer: " + start.await(Duration.ofMinutes(2)));
            }
            try {
                vm.turnOff().await();
                vm.setProcessorCount(200).await();
            } catch (HyperVException e) { // InvalidParameterException (32773) here; the reason is the host's own words
                System.out.println("Refused (" + e.getClass().getSimpleName() + "): " + e.hostMessage().orElse(e.getMessage()));
            }
            vm.remove().await();
        }
    }
}
