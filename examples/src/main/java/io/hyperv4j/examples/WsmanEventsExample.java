package io.hyperv4j.examples;

import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.cim.Subscription;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.spi.Credentials;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmSpec;
import io.hyperv4j.vm.VmStateChange;
import io.hyperv4j.wsman.server.WsmanServer;
import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * VM state-change events over WS-Management: {@code host.vms().onStateChange} through {@code wsman://}
 * is a WS-Eventing subscription in pull mode to {@code __InstanceModificationEvent} on
 * {@code Msvm_ComputerSystem}, as WinRM serves WMI events. With no argument it serves a simulated host
 * on loopback (NTLM, every message sealed); with {@code WsmanEventsExample wsman://HOST:PORT}
 * (HYPERV4J_USER / HYPERV4J_PASSWORD in the environment) it watches that host, for example one that
 * {@code ./hyperv lab serve FILE} serves. It creates a VM, starts it, turns it off and removes it, printing
 * every state change it is told of.
 */
public final class WsmanEventsExample {
    private WsmanEventsExample() {}

    public static void main(String[] args) {
        if (args.length > 0) {
            char[] pw = System.getenv().getOrDefault("HYPERV4J_PASSWORD", "").toCharArray();
            run(URI.create(args[0]), new Credentials(System.getenv("HYPERV4J_USER"), pw, null), System.out);
            return;
        }
        char[] password = "example-only".toCharArray();
        try (Lab lab = Lab.standalone();
             WsmanServer server = WsmanServer.start(lab.session(Lab.DEFAULT_HOST), 0, null, "ops", password)) {
            run(URI.create("wsman://127.0.0.1:" + server.port()), new Credentials("ops", password, null), System.out);
        }
    }

    /**
     * Watches the host at {@code uri} while a VM is started and turned off.
     *
     * @param uri         a wsman:// or wsmans:// address
     * @param credentials who to log in as
     * @param out         where to print
     * @return the state changes of the example's VM, in the order they arrived
     */
    public static List<VmStateChange> run(URI uri, Credentials credentials, PrintStream out) {
        List<VmStateChange> seen = new CopyOnWriteArrayList<>();
        try (HyperVHost host = HyperV.connect(uri, credentials)) {
            VirtualMachine vm = host.vms().create(VmSpec.builder("events-demo").processors(1).memoryMb(512).build());
            try (Subscription watching = host.vms().onStateChange(change -> {
                if (!change.vmId().equals(vm.id())) return;
                seen.add(change);
                out.println("event: " + change.vmName() + " " + change.previous() + " -> " + change.current());
            })) {
                out.println("Started: " + vm.start().await());
                out.println("Turned off: " + vm.turnOff().await());
            } finally {
                vm.remove().await();
            }
        }
        return seen;
    }
}
