package io.hyperv4j.examples;

import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.InvalidStateException;
import io.hyperv4j.cim.Subscription;
import io.hyperv4j.job.Operation;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmSpec;
import io.hyperv4j.vm.VmState;
import java.net.URI;

/**
 * A VM's life on the embedded simulated host (or on the host named by the first argument, e.g.
 * {@code wmi://localhost}): create, start, pause, resume, stop, remove, printing each step.
 */
public final class VmLifecycleExample {
    private VmLifecycleExample() {}

    public static void main(String[] args) {
        URI uri = args.length > 0 ? URI.create(args[0]) : HyperV.DEFAULT_URI;
        try (HyperVHost host = HyperV.connect(uri)) {
            System.out.println("Connected to " + host.name() + " (" + host.uri() + ")");

            VmSpec spec = VmSpec.builder("example-web01").processors(2).memoryMb(2048).generation(2)
                    .notes("created by VmLifecycleExample").build();
            VirtualMachine vm = host.vms().create(spec);
            System.out.println("Created " + vm + ": " + vm.info());

            try (Subscription events = vm.onStateChange(c ->
                    System.out.println("  event: " + c.previous() + " -> " + c.current()))) {

                Operation<VmState> start = vm.start();
                start.onProgress(p -> System.out.println("  start: " + p + "%"));
                System.out.println("Started: " + start.await());

                System.out.println("Paused: " + vm.pause().await());
                try {
                    vm.pause().await();
                } catch (InvalidStateException e) {
                    System.out.println("Pausing twice is refused: " + e.getMessage());
                }
                System.out.println("Resumed: " + vm.resume().await());

                System.out.println("Shut down gracefully: " + vm.stop().await());
            }

            vm.remove().await();
            System.out.println("Removed; still there? " + host.vms().findById(vm.id()).isPresent());
        }
    }
}
