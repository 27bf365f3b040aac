package io.hyperv4j;

import io.hyperv4j.cim.CimSession;
import io.hyperv4j.spi.CimTransport;
import io.hyperv4j.spi.Credentials;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Entry point. {@code HyperV.connect()} opens the embedded simulated standalone host
 * ({@code sim:standalone}); {@code connect(URI)} opens any host a transport on the class path
 * supports ({@code wmi://localhost}, {@code wmi://hv01.example.com}, {@code sim:...}).
 *
 * <pre>{@code
 * try (HyperVHost host = HyperV.connect()) {
 *     VirtualMachine vm = host.vms().create(VmSpec.builder("web01").memoryMb(2048).build());
 *     vm.start().await();
 * }
 * }</pre>
 */
public final class HyperV {
    /** The embedded simulated standalone Hyper-V host. */
    public static final URI DEFAULT_URI = URI.create("sim:standalone");

    private HyperV() {}

    public static HyperVHost connect() {
        return connect(DEFAULT_URI);
    }

    public static HyperVHost connect(URI uri) {
        return connect(uri, ConnectOptions.defaults());
    }

    public static HyperVHost connect(URI uri, Credentials credentials) {
        return connect(uri, ConnectOptions.builder().credentials(Objects.requireNonNull(credentials, "credentials")).build());
    }

    /** Opens {@code uri} through the first {@link CimTransport} (found by ServiceLoader) that supports it. */
    public static HyperVHost connect(URI uri, ConnectOptions options) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(options, "options");
        List<String> known = new ArrayList<>();
        for (CimTransport t : ServiceLoader.load(CimTransport.class, HyperV.class.getClassLoader())) {
            known.add(t.name());
            if (t.supports(uri)) {
                CimSession session = t.open(uri, options.credentials(), options.callTimeout());
                return new HyperVHost(uri, session, options);
            }
        }
        throw new HyperVException("No transport supports '" + CimTransport.redact(uri) + "'"
                + (known.isEmpty() ? "; none is on the class path" : "; available: " + String.join(", ", known)));
    }
}
