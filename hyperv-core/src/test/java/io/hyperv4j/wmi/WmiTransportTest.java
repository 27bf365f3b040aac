package io.hyperv4j.wmi;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.spi.CimTransport;
import io.hyperv4j.spi.Credentials;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
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

    /** A class loader of its own, so we can see exactly which classes the transport pulled in. */
    static final class Isolated extends URLClassLoader {
        Isolated(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void nothingNativeIsLoadedUntilAWindowsSessionOpens() throws Exception {
        String[] entries = System.getProperty("java.class.path").split(File.pathSeparator);
        URL[] urls = new URL[entries.length];
        for (int i = 0; i < entries.length; i++) urls[i] = new File(entries[i]).toURI().toURL();
        try (Isolated loader = new Isolated(urls)) {
            Class<?> spi = loader.loadClass("io.hyperv4j.spi.CimTransport");
            Object transport = null;
            for (Object t : ServiceLoader.load(spi, loader)) {
                if ((Boolean) spi.getMethod("supports", URI.class).invoke(t, URI.create("wmi://hv01"))) transport = t;
            }
            assertNotNull(transport);
            try {
                spi.getMethod("open", URI.class, Optional.class, Duration.class)
                        .invoke(transport, URI.create("wmi://hv01"), Optional.empty(), Duration.ofSeconds(1));
                fail("open must fail off Windows");
            } catch (java.lang.reflect.InvocationTargetException expected) {
                assertTrue(expected.getCause().getMessage().contains("needs Windows"));
            }
            assertFalse(loader.loaded("com.sun.jna.Native"), "JNA's native library was loaded");
            assertFalse(loader.loaded("io.hyperv4j.wmi.NativeCom"));
            assertFalse(loader.loaded("io.hyperv4j.wmi.NativeConnector"));
        }
    }
}
