package io.hyperv4j.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VhdNounTest {
    private final CliRunner cli = new CliRunner(Map.of());

    @TempDir
    Path dir;

    @Test
    void createInspectConvertResizeValidate() throws Exception {
        Path base = dir.resolve("base.vhdx");
        CliRunner.Result made = cli.run("--json", "vhd", "new", base.toString(), "--size", "64MB", "--block-size", "1MB");
        assertEquals(0, made.code(), made.toString());
        JsonNode info = made.json();
        assertEquals("VHDX", info.get("VhdFormat").asText());
        assertEquals("Dynamic", info.get("VhdType").asText());
        assertEquals(64L << 20, info.get("Size").asLong());
        assertEquals(1 << 20, info.get("BlockSize").asLong());

        Path child = dir.resolve("child.vhdx");
        CliRunner.Result diff = cli.run("--json", "vhd", "new", child.toString(), "--parent", base.toString());
        assertEquals(0, diff.code(), diff.toString());
        assertEquals("Differencing", diff.json().get("VhdType").asText());
        assertEquals(base.toRealPath().toString(), diff.json().get("ParentPath").asText());

        Path vhd = dir.resolve("flat.vhd");
        CliRunner.Result conv = cli.run("--json", "vhd", "convert", child.toString(), vhd.toString(), "--type", "fixed");
        assertEquals(0, conv.code(), conv.toString());
        assertEquals("VHD", conv.json().get("VhdFormat").asText());
        assertEquals("Fixed", conv.json().get("VhdType").asText());

        CliRunner.Result grown = cli.run("--json", "vhd", "resize", base.toString(), "128MB");
        assertEquals(0, grown.code(), grown.toString());
        assertEquals(128L << 20, grown.json().get("Size").asLong());

        CliRunner.Result ok = cli.run("vhd", "validate", vhd.toString());
        assertEquals(0, ok.code(), ok.toString());
        assertTrue(ok.out().startsWith("OK"), ok.out());
    }

    @Test
    void damagedFilesAndBadArgumentsFailClearly() throws Exception {
        Path bad = Files.write(dir.resolve("bad.vhdx"), new byte[8192]);
        CliRunner.Result r = cli.run("vhd", "info", bad.toString());
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("truncated"), r.err());

        CliRunner.Result v = cli.run("--json", "vhd", "validate", bad.toString());
        assertEquals(1, v.code(), v.toString());
        assertFalse(v.json().get("Ok").asBoolean());

        CliRunner.Result u = cli.run("vhd", "new", dir.resolve("x.vhdx").toString(), "--size", "1GB", "--type", "sparse");
        assertEquals(2, u.code(), u.toString());
        assertTrue(u.err().contains("fixed or dynamic"), u.err());
    }
}
