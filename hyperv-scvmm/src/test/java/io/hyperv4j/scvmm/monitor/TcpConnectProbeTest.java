package io.hyperv4j.scvmm.monitor;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The network probe against a real local listener, and against the same port once it is closed. */
class TcpConnectProbeTest {
    @Test
    void connectsToAListeningPortAndFailsOnceItIsClosed() throws Exception {
        int port;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = server.getLocalPort();
            ProbeResult ok = new TcpConnectProbe("127.0.0.1", port).check(Duration.ofSeconds(5));
            assertTrue(ok.ok(), ok.detail());
        }
        ProbeResult refused = new TcpConnectProbe("127.0.0.1", port).check(Duration.ofSeconds(5));
        assertFalse(refused.ok());
        assertTrue(refused.detail().contains("127.0.0.1:" + port), refused.detail());
    }

    @Test
    void refusesAPortOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> new TcpConnectProbe("db", 0));
        assertThrows(IllegalArgumentException.class, () -> new TcpConnectProbe("db", 70000));
    }
}
