package io.hyperv4j.sim;

import java.util.Objects;

/**
 * A physical network adapter of a simulated host: what carries a network's traffic, and what the
 * host's {@code Network Interface} counters count. Windows names a Network Interface instance
 * after the adapter's description, with the characters a counter path cannot hold replaced
 * ({@code (} by {@code [}, {@code )} by {@code ]}, and {@code #}, {@code \}, {@code /} by {@code _});
 * {@link #instanceName()} does the same.
 *
 * @param description   the adapter's description (InterfaceDescription), e.g. "Live Migration Network"
 * @param bitsPerSecond its link speed (the counter's Current Bandwidth)
 * @param network       the network it is connected to (a cluster network's name), or empty
 */
public record SimNetworkAdapter(String description, long bitsPerSecond, String network) {
    public SimNetworkAdapter {
        Objects.requireNonNull(description, "description");
        if (description.isBlank()) throw new IllegalArgumentException("a network adapter needs a description");
        if (bitsPerSecond <= 0) throw new IllegalArgumentException("link speed of '" + description + "' must be positive: " + bitsPerSecond);
        network = network == null ? "" : network;
    }

    /** The adapter's Network Interface counter instance, as Windows names it. */
    public String instanceName() {
        return description.replace('(', '[').replace(')', ']').replace('#', '_').replace('\\', '_').replace('/', '_');
    }
}
