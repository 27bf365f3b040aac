package io.hyperv4j.contract;

import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.spi.Credentials;
import java.net.URI;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The lifecycle contract against a real Hyper-V host through WinRM, from any OS, e.g.
 * {@code mvn test -Dtest=RemoteWsmanVmLifecycleTest -Dhyperv4j.contract.wsman=wsmans://hv01} with
 * HYPERV4J_USER and HYPERV4J_PASSWORD set. Creates and removes its own VMs (hv4j-contract-...).
 * Skipped unless the property names a host (no Windows host is reachable from this project's CI).
 */
@EnabledIfSystemProperty(named = RemoteWsmanVmLifecycleTest.HOST_PROPERTY, matches = "wsmans?://.+")
class RemoteWsmanVmLifecycleTest extends VmLifecycleContract {
    static final String HOST_PROPERTY = "hyperv4j.contract.wsman";

    @Override
    protected HyperVHost openHost() {
        return remoteHost();
    }

    /** The host the property names, with HYPERV4J_USER (DOMAIN\\user) and HYPERV4J_PASSWORD. */
    static HyperVHost remoteHost() {
        String user = System.getenv("HYPERV4J_USER");
        char[] password = System.getenv().getOrDefault("HYPERV4J_PASSWORD", "").toCharArray();
        String domain = null;
        if (user != null && user.contains("\\")) {
            domain = user.substring(0, user.indexOf('\\'));
            user = user.substring(user.indexOf('\\') + 1);
        }
        Credentials c = new Credentials(user == null ? "" : user, password, domain);
        java.util.Arrays.fill(password, '\0');
        return HyperV.connect(URI.create(System.getProperty(HOST_PROPERTY)), c);
    }
}
