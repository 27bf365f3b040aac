package io.hyperv4j;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HyperVConnectTest {

    @Test
    void anUnsupportedUriIsRefusedNamingIt() {
        HyperVException e = assertThrows(HyperVException.class, () -> HyperV.connect(URI.create("nosuch://host")));
        assertTrue(e.getMessage().contains("nosuch://host"), e.getMessage());
    }

    @Test
    void aPasswordTypedIntoAnUnsupportedUriIsNotRepeated() {
        HyperVException e = assertThrows(HyperVException.class,
                () -> HyperV.connect(URI.create("wmis://admin:S3cret!@hv01.example.com/x?y=1")));
        assertFalse(e.getMessage().contains("S3cret"), e.getMessage());
        assertFalse(e.getMessage().contains("admin"), e.getMessage());
        assertTrue(e.getMessage().contains("'wmis://***@hv01.example.com/***'"), e.getMessage());
        // java.net.URI keeps user info it cannot split from a host it does not accept: still hidden
        assertEquals("foo://***@bad_host", io.hyperv4j.spi.CimTransport.redact(URI.create("foo://u:p@bad_host")));
        assertEquals("sim:standalone", io.hyperv4j.spi.CimTransport.redact(URI.create("sim:standalone")));
    }

    @Test
    void optionsHaveFiniteDefaultsAndRefuseNonPositiveTimeouts() {
        ConnectOptions d = ConnectOptions.defaults();
        assertTrue(d.callTimeout().compareTo(Duration.ZERO) > 0);
        assertTrue(d.operationTimeout().compareTo(Duration.ofHours(1)) <= 0);
        assertTrue(d.credentials().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> ConnectOptions.builder().operationTimeout(Duration.ZERO).build());
        assertThrows(IllegalArgumentException.class, () -> ConnectOptions.builder().callTimeout(Duration.ofSeconds(-1)).build());
    }
}
