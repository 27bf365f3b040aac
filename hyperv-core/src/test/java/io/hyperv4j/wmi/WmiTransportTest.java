package io.hyperv4j.wmi;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.spi.CimTransport;
import io.hyperv4j.spi.Credentials;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

class WmiTransportTest {

    @Test
    void isFoundThroughServiceLoaderForWmiUris() {
        List<CimTransport> wmi = new ArrayList<>();
        for (CimTransport t : ServiceLoader.load(CimTransport.class)) if (t.supports(URI.create("wmi://hv01"))) wmi.add(t);
        assertEquals(1, wmi.size());
        assertInstanceOf(WmiTransport.class, wmi.get(0));
        assertEquals("wmi", wmi.get(0).name());
        assertFalse(wmi.get(0).supports(URI.create("sim:lab")));
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void openingOnAnotherSystemFailsClearly() {
        CimException e = assertThrows(CimException.class,
                () -> new WmiTransport().open(URI.create("wmi://hv01"), Optional.empty(), Duration.ofSeconds(5)));
        assertEquals(CimError.NOT_SUPPORTED, e.error());
        assertTrue(e.getMessage().contains("needs Windows") && e.getMessage().contains("sim:"), e.getMessage());
    }

    @Test
    void credentialsForTheLocalHostAreRefusedAsWmiWould() {
        Credentials c = new Credentials("ops", "Pa55w0rd!".toCharArray(), "CORP");
        WmiException e = assertThrows(WmiException.class,
                () -> new WmiTransport().open(URI.create("wmi://localhost"), Optional.of(c), Duration.ofSeconds(5)));
        assertEquals("WBEM_E_LOCAL_CREDENTIALS", e.symbol());
        assertTrue(e.getMessage().contains("Omit credentials"), e.getMessage());
        assertFalse(e.getMessage().contains("Pa55w0rd"), e.getMessage());
    }

    @Test
    void aUserInTheUriWithoutCredentialsIsRefused() {
        CimException e = assertThrows(CimException.class,
                () -> new WmiTransport().open(URI.create("wmi://ops@hv01"), Optional.empty(), Duration.ofSeconds(5)));
        assertEquals(CimError.INVALID_PARAMETER, e.error());
        assertTrue(e.getMessage().contains("names the user ops but no Credentials"), e.getMessage());
    }

    @Test
    void badUrisFailBeforeAnythingElse() {
        CimException e = assertThrows(CimException.class,
                () -> new WmiTransport().open(URI.create("wmi://hv01:135"), Optional.empty(), Duration.ofSeconds(5)));
        assertEquals(CimError.INVALID_PARAMETER, e.error());
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void offWindowsNeitherTheWmiNorTheSimPathNeedsJna() throws Exception {
        try (WithoutJna loader = new WithoutJna()) {
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass(WmiTransport.JNA_PROBE), "JNA must be absent here");
            Class<?> spi = loader.loadClass("io.hyperv4j.spi.CimTransport");
            Object wmi = null, sim = null;
            for (Object t : ServiceLoader.load(spi, loader)) {
                if ((Boolean) spi.getMethod("supports", URI.class).invoke(t, URI.create("wmi://hv01"))) wmi = t;
                if ((Boolean) spi.getMethod("supports", URI.class).invoke(t, URI.create("sim:standalone"))) sim = t;
            }
            assertNotNull(wmi);
            assertNotNull(sim);
            Object wmiTransport = wmi;
            var open = spi.getMethod("open", URI.class, Optional.class, Duration.class);
            var failure = assertThrows(java.lang.reflect.InvocationTargetException.class,
                    () -> open.invoke(wmiTransport, URI.create("wmi://hv01"), Optional.empty(), Duration.ofSeconds(1))).getCause();
            assertEquals(CimException.class.getName(), failure.getClass().getName(), String.valueOf(failure));
            assertTrue(failure.getMessage().contains("needs Windows"), failure.getMessage());
            try (AutoCloseable session = (AutoCloseable) open.invoke(sim, URI.create("sim:standalone"), Optional.empty(), Duration.ofSeconds(5))) {
                assertNotNull(session);
            }
            assertFalse(loader.loaded("io.hyperv4j.wmi.NativeCom"));
            assertFalse(loader.loaded("io.hyperv4j.wmi.NativeConnector"));
        }
    }

    @Test
    void withoutJnaTheTransportNamesTheDependencyToAdd() throws Exception {
        try (WithoutJna loader = new WithoutJna()) {
            Throwable e = loader.thrownBy(WmiTransport.class.getName(), "requireJna", new Class<?>[0]);
            assertNotNull(e, "requireJna passed without JNA on the class path");
            assertEquals(CimException.class.getName(), e.getClass().getName());
            assertTrue(e.getMessage().contains("net.java.dev.jna:jna-platform"), e.getMessage());
        }
        assertDoesNotThrow(WmiTransport::requireJna, "JNA is on the test class path");
    }
}
