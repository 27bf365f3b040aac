package io.hyperv4j.sim;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.HyperVException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host's network adapters: their counter instance names as Windows forms them, kept in the lab file and read against its schema. */
class NetworkAdapterTest {
    @TempDir
    Path dir;

    @Test
    void theCounterInstanceIsTheDescriptionWithTheCharactersWindowsReplaces() {
        assertEquals("Intel[R] PRO_1000 MT Network Connection _2",
                new SimNetworkAdapter("Intel(R) PRO/1000 MT Network Connection #2", 1_000_000_000L, "").instanceName());
        assertEquals("Live Migration Network", new SimNetworkAdapter("Live Migration Network", 1_000_000_000L, "LM").instanceName());
        assertThrows(IllegalArgumentException.class, () -> new SimNetworkAdapter(" ", 1, ""));
        assertThrows(IllegalArgumentException.class, () -> new SimNetworkAdapter("NIC", 0, ""));
    }

    @Test
    void adaptersAreSavedWithTheirHostAndASecondOneOfTheSameNameIsRefused() {
        Path file = dir.resolve("lab.json");
        try (Lab lab = Lab.builder().host("HV01", 8, 16384).build()) {
            lab.addNetworkAdapter("HV01", new SimNetworkAdapter("Management Network", 1_000_000_000L, "Management"));
            lab.addNetworkAdapter("HV01", new SimNetworkAdapter("Live Migration Network", 10_000_000_000L, "LiveMigration"));
            assertThrows(IllegalArgumentException.class,
                    () -> lab.addNetworkAdapter("HV01", new SimNetworkAdapter("live migration network", 1_000_000_000L, "")));
            lab.save(file);
        }
        try (Lab lab = Lab.load(file)) {
            List<SimNetworkAdapter> adapters = lab.host("HV01").networkAdapters();
            assertEquals(List.of(new SimNetworkAdapter("Management Network", 1_000_000_000L, "Management"),
                    new SimNetworkAdapter("Live Migration Network", 10_000_000_000L, "LiveMigration")), adapters);
            assertEquals("Live Migration Network", lab.host("HV01").adapterOn("livemigration").orElseThrow().description());
        }
    }

    @Test
    void anAdapterThatDoesNotValidateIsRefusedWithItsPath() throws Exception {
        Path file = dir.resolve("lab.json");
        try (Lab lab = Lab.builder().host("HV01", 8, 16384).build()) {
            lab.addNetworkAdapter("HV01", new SimNetworkAdapter("Management Network", 1_000_000_000L, "Management"));
            lab.save(file);
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(file.toFile());
        ((ObjectNode) root.get("hosts").get(0).get("networkAdapters").get(0)).put("bitsPerSecond", "fast");
        Files.writeString(file, json.writeValueAsString(root));
        HyperVException e = assertThrows(HyperVException.class, () -> Lab.load(file));
        assertTrue(e.getMessage().contains("$.hosts[0].networkAdapters[0].bitsPerSecond"), e.getMessage());
    }
}
