package io.hyperv4j;

import io.hyperv4j.cim.CimSession;
import io.hyperv4j.spi.CimTransport;
import io.hyperv4j.spi.Credentials;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point. {@code connect(URI)} opens any host a transport on the class path supports
 * ({@code wmi://localhost}, {@code wmi://hv01.example.com}, {@code sim:...});
 * {@link #simulator()} opens the embedded simulated standalone host ({@code sim:standalone}), and
 * so does {@link #connect()} without a URI, which says so in the log (INFO) since it touches no
 * real host. For labs with several hosts, templates and seeds, see {@code io.hyperv4j.sim.Lab}.
 *
 * <pre>{@code
 * try (HyperVHost host = HyperV.connect()) {
 *     VirtualMachine vm = host.vms().create(VmSpec.builder("web01").memoryMb(2048).build());
 *     vm.start().await();
 * }
 * }</pre>
 * <p>Stateless, so thread-safe; each call opens a new host connection.
 */
public final class HyperV {
    /** The embedded simulated standalone Hyper-V host. */
    public static final URI DEFAULT_URI = URI.create("sim:standalone");

    private static final Logger LOG = LoggerFactory.getLogger(HyperV.class);

    private HyperV() {}

    /**
     * The embedded simulated standalone host, as {@link #simulator()}; logs at INFO that it opened
     * a simulator, so a program that meant a real host finds out. Pass a URI for a real host.
     *
     * @return a connected simulated host; close it when done
     */
    public static HyperVHost connect() {
        LOG.info("HyperV.connect() without a URI opened the embedded simulator ({}), not a real Hyper-V host;"
                + " pass wmi://HOST for one", DEFAULT_URI);
        return simulator();
    }

    /**
     * The embedded simulated standalone host ({@code sim:standalone}): a fresh lab, seed 0, virtual clock.
     *
     * @return a connected simulated host; close it when done
     */
    public static HyperVHost simulator() {
        return connect(DEFAULT_URI);
    }

    /**
     * Opens {@code uri} with the default options (no credentials: the current identity).
     *
     * @param uri the host, e.g. {@code wmi://hv01.example.com} or {@code sim:template:seed000-cluster?host=host1}
     * @return the connected host; close it when done
     * @throws HyperVException when no transport on the class path supports {@code uri}, or opening fails
     */
    public static HyperVHost connect(URI uri) {
        return connect(uri, ConnectOptions.defaults());
    }

    /**
     * Opens {@code uri} as {@code credentials}, with the default timeouts.
     *
     * @param uri         the host
     * @param credentials whom to connect as
     * @return the connected host; close it when done
     * @throws HyperVException when no transport on the class path supports {@code uri}, or opening fails
     */
    public static HyperVHost connect(URI uri, Credentials credentials) {
        return connect(uri, ConnectOptions.builder().credentials(Objects.requireNonNull(credentials, "credentials")).build());
    }

    /**
     * Opens {@code uri} through the first {@link CimTransport} (found by ServiceLoader) that supports it.
     *
     * @param uri     the host
     * @param options credentials and default timeouts
     * @return the connected host; close it when done
     * @throws HyperVException when no transport on the class path supports {@code uri} (the message
     *         lists the transports found), or opening fails
     */
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
