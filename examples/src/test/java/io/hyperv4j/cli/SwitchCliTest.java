package io.hyperv4j.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11: switch new|list|remove and vm nic add|list|connect|disconnect on one lab file, across command runs. */
class SwitchCliTest {
    private final CliRunner cli = new CliRunner(Map.of());

    @TempDir
    Path dir;

    @Test
    void switchesAndAdaptersPersistWithGetVmNetworkAdapterNames() {
        String lab = dir.resolve("lab.json").toString();
        ok(cli.run("lab", "new", lab));
        JsonNode sw = ok(cli.run("--lab", lab, "--json", "switch", "new", "Tenant", "--type", "internal")).json();
        assertEquals("Internal", sw.get("SwitchType").asText());
        ok(cli.run("--lab", lab, "switch", "new", "Isolated"));
        JsonNode switches = ok(cli.run("--lab", lab, "--json", "switch", "list")).json();
        assertEquals(2, switches.size());

        ok(cli.run("--lab", lab, "vm", "new", "web", "--generation", "1"));
        JsonNode nics = ok(cli.run("--lab", lab, "--json", "vm", "nic", "list", "web")).json();
        assertEquals(1, nics.size(), "New-VM's adapter");
        assertEquals("Network Adapter", nics.get(0).get("Name").asText());
        assertTrue(nics.get(0).get("SwitchName").isNull());

        JsonNode connected = ok(cli.run("--lab", lab, "--json", "vm", "nic", "connect", "web", "--switch", "Tenant", "--vlan", "12")).json();
        assertEquals("Tenant", connected.get("SwitchName").asText());
        assertEquals(12, connected.get("AccessVlanId").asInt());
        JsonNode legacy = ok(cli.run("--lab", lab, "--json", "vm", "nic", "add", "web", "--name", "pxe", "--legacy",
                "--mac", "00:15:5D:00:00:99", "--switch", "Isolated")).json();
        assertEquals("00155D000099", legacy.get("MacAddress").asText());
        assertFalse(legacy.get("DynamicMacAddressEnabled").asBoolean());

        JsonNode after = ok(cli.run("--lab", lab, "--json", "vm", "nic", "list", "web")).json();
        assertEquals(2, after.size());
        for (String p : new String[] {"VMName", "Name", "MacAddress", "DynamicMacAddressEnabled", "SwitchName", "IsLegacy"})
            assertTrue(after.get(0).has(p), p);

        ok(cli.run("--lab", lab, "switch", "remove", "Isolated"));
        JsonNode pxe = ok(cli.run("--lab", lab, "--json", "vm", "nic", "list", "web")).json();
        assertTrue(pxe.get(1).get("SwitchName").isNull(), pxe.toString());

        CliRunner.Result missing = cli.run("--lab", lab, "vm", "nic", "connect", "web", "--switch", "Nowhere");
        assertEquals(1, missing.code(), missing.toString());
        assertTrue(missing.err().contains("no virtual switch named 'Nowhere'"), missing.err());
        CliRunner.Result usage = cli.run("--lab", lab, "switch", "new", "x", "--type", "bridge");
        assertEquals(2, usage.code(), usage.toString());
    }

    private static CliRunner.Result ok(CliRunner.Result r) {
        assertEquals(0, r.code(), r.toString());
        return r;
    }
}
