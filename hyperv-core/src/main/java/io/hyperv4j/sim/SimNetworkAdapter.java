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
    /**
     * Validates: a description that is not blank and a positive link speed; a null network is empty.
     *
     * @param description   the adapter's description
     * @param bitsPerSecond its link speed
     * @param network       the network it is connected to, or null
     * @throws IllegalArgumentException when the description is blank or the speed not positive
     */
    public SimNetworkAdapter {
        Objects.requireNonNull(description, "description");
        if (description.isBlank()) throw new IllegalArgumentException("a network adapter needs a description");
        if (bitsPerSecond <= 0) throw new IllegalArgumentException("link speed of '" + description + "' must be positive: " + bitsPerSecond);
        network = network == null ? "" : network;
    }

    /**
     * The burned-in MAC address of a host's adapter (12 hex digits), the same wherever the host shows
     * it (Msvm_ExternalEthernetPort, Win32_NetworkAdapter): a simulated vendor prefix, 12 bits of the
     * host's name and the adapter's index.
     *
     * @param hostName the host's name
     * @param index    the adapter's index on the host
     * @return the address
     */
    public static String permanentAddress(String hostName, int index) {
        return String.format(java.util.Locale.ROOT, "00155E%06X", (hostName.hashCode() & 0xFFF) << 8 | (index & 0xFF));
    }

    /**
     * The adapter's Network Interface counter instance, as Windows names it.
     *
     * @return the instance name
     */
    public String instanceName() {
        return description.replace('(', '[').replace(')', ']').replace('#', '_').replace('\\', '_').replace('/', '_');
    }
}
