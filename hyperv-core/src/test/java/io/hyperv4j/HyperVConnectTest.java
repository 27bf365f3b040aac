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
    void optionsHaveFiniteDefaultsAndRefuseNonPositiveTimeouts() {
        ConnectOptions d = ConnectOptions.defaults();
        assertTrue(d.callTimeout().compareTo(Duration.ZERO) > 0);
        assertTrue(d.operationTimeout().compareTo(Duration.ofHours(1)) <= 0);
        assertTrue(d.credentials().isEmpty());
        assertThrows(InvalidParameterException.class, () -> ConnectOptions.builder().operationTimeout(Duration.ZERO).build());
        assertThrows(InvalidParameterException.class, () -> ConnectOptions.builder().callTimeout(Duration.ofSeconds(-1)).build());
    }
}
