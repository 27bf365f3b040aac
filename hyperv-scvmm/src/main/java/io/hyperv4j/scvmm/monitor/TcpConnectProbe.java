package io.hyperv4j.scvmm.monitor;

import io.hyperv4j.scvmm.monitor.spi.Probe;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;

/**
 * A connection probe over the network: a TCP connect to the service's port (SQL Server: 1433), as a
 * remote monitor's login attempt begins. A refused connection fails at once; a silent host fails at
 * the timeout.
 *
 * @param host the address
 * @param port the port
 */
public record TcpConnectProbe(String host, int port) implements Probe {
    /**
     * Checks the values.
     *
     * @param host the address
     * @param port the port
     */
    public TcpConnectProbe {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port must be 1..65535, got " + port);
    }

    @Override
    public ProbeResult check(Duration timeout) {
        long start = System.nanoTime();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
            return new ProbeResult(true, Duration.ofNanos(System.nanoTime() - start), "connected to " + host + ":" + port);
        } catch (SocketTimeoutException e) {
            return new ProbeResult(false, timeout, "connection to " + host + ":" + port + " timed out after " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new ProbeResult(false, Duration.ofNanos(System.nanoTime() - start), "connection to " + host + ":" + port + " failed: " + e.getMessage());
        }
    }
}
