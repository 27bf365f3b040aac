package io.hyperv4j.examples;

import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.spi.Credentials;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmSpec;
import io.hyperv4j.wsman.server.KerberosService;
import io.hyperv4j.wsman.server.WsmanServer;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;

/**
 * Kerberos over WS-Management, as a domain-joined Windows host is reached by default: a ticket for
 * {@code HTTP/host} from the KDC, the server's mutual authentication checked, every message sealed with
 * the Kerberos context over plain HTTP. {@code WsmanKerberosExample KEYTAB REALM} serves a simulated host
 * accepting tickets for {@code HTTP/localhost@REALM} (keys in KEYTAB) and manages it through
 * {@code wsman://localhost:PORT?auth=kerberos} as {@code USER@REALM} (HYPERV4J_USER, default ops, and
 * HYPERV4J_PASSWORD). The JVM finds the KDC in {@code java.security.krb5.conf}
 * or /etc/krb5.conf; {@code .ci/kdc} makes a throwaway realm on loopback.
 */
public final class WsmanKerberosExample {
    private WsmanKerberosExample() {}

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: WsmanKerberosExample KEYTAB REALM");
            return;
        }
        String user = System.getenv().getOrDefault("HYPERV4J_USER", "ops");
        char[] pw = System.getenv().getOrDefault("HYPERV4J_PASSWORD", "").toCharArray();
        run(Path.of(args[0]), args[1], new Credentials(user.contains("@") ? user : user + "@" + args[1], pw, null), System.out);
    }

    /**
     * Serves a simulated host for Kerberos and manages a VM on it through {@code wsman://...?auth=kerberos}.
     *
     * @param keytab      the keys of HTTP/localhost@REALM
     * @param realm       the realm
     * @param credentials the client (user@REALM and its password)
     * @param out         where to print
     */
    public static void run(Path keytab, String realm, Credentials credentials, PrintStream out) {
        String user = credentials.user().substring(0, credentials.user().indexOf('@'));
        try (Lab lab = Lab.standalone();
             WsmanServer server = WsmanServer.start(lab.session(Lab.DEFAULT_HOST), 0, null, user, "unused-by-kerberos".toCharArray(),
                     java.util.List.of(), new KerberosService(keytab, "HTTP/localhost@" + realm))) {
            URI uri = URI.create("wsman://localhost:" + server.port() + "?auth=kerberos");
            try (HyperVHost host = HyperV.connect(uri, credentials)) {
                VirtualMachine vm = host.vms().create(VmSpec.builder("kerberos-vm").processors(1).memoryMb(512).build());
                out.println("Created " + vm.name() + " as " + credentials.user() + " (Kerberos, sealed): " + vm.state());
                out.println("Started: " + vm.start().await());
                vm.turnOff().await();
                vm.remove().await();
                out.println("VMs left: " + host.vms().list().size());
            }
        }
    }
}
