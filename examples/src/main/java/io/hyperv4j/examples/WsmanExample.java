package io.hyperv4j.examples;

import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.spi.Credentials;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmSpec;
import io.hyperv4j.wsman.server.SelfSignedTls;
import io.hyperv4j.wsman.server.WsmanServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Hyper-V over WS-Management (WinRM) from any OS. With no argument it serves a simulated host over
 * HTTPS on loopback (a fresh self-signed certificate) and manages it through {@code wsmans://}, as it
 * would a real host; with {@code WsmanExample wsmans://hv01} (HYPERV4J_USER / HYPERV4J_PASSWORD in the
 * environment) it lists a real host's VMs.
 */
public final class WsmanExample {
    private WsmanExample() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            char[] pw = System.getenv().getOrDefault("HYPERV4J_PASSWORD", "").toCharArray();
            try (HyperVHost host = HyperV.connect(URI.create(args[0]), new Credentials(System.getenv("HYPERV4J_USER"), pw, null))) {
                host.vms().list().forEach(vm -> System.out.println(vm.name() + " " + vm.state()));
            }
            return;
        }
        char[] password = "example-only".toCharArray();
        Path dir = Files.createTempDirectory("hyperv4j-wsman");
        SelfSignedTls tls = SelfSignedTls.generate(dir);
        try (Lab lab = Lab.standalone();
             WsmanServer server = WsmanServer.start(lab.session(Lab.DEFAULT_HOST), 0, tls.context(), "ops", password)) {
            URI uri = URI.create("wsmans://127.0.0.1:" + server.port() + "?certificate-sha256=" + tls.fingerprint());
            System.out.println("Serving the simulated host at " + uri.getScheme() + "://127.0.0.1:" + server.port());
            try (HyperVHost host = HyperV.connect(uri, new Credentials("ops", password, null))) {
                VirtualMachine vm = host.vms().create(VmSpec.builder("web01").processors(2).memoryMb(2048).build());
                System.out.println("Created " + vm.name() + " over WS-Management: " + vm.state());
                System.out.println("Started: " + vm.start().await());
                System.out.println("Turned off: " + vm.turnOff().await());
                vm.remove().await();
                System.out.println("VMs left: " + host.vms().list().size());
            }
        } finally {
            Files.deleteIfExists(dir);
        }
    }
}
