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

        CliRunner.Result grown = cli.run("--json", "vhd", "resize", base.toString(), "--size", "128MB");
        assertEquals(0, grown.code(), grown.toString());
        assertEquals(128L << 20, grown.json().get("Size").asLong());

        CliRunner.Result ok = cli.run("vhd", "test", vhd.toString());
        assertEquals(0, ok.code(), ok.toString());
        assertTrue(ok.out().startsWith("OK"), ok.out());
    }

    @Test
    void damagedFilesAndBadArgumentsFailClearly() throws Exception {
        Path bad = Files.write(dir.resolve("bad.vhdx"), new byte[8192]);
        CliRunner.Result r = cli.run("vhd", "get", bad.toString());
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("truncated"), r.err());

        CliRunner.Result v = cli.run("--json", "vhd", "test", bad.toString());
        assertEquals(1, v.code(), v.toString());
        assertFalse(v.json().get("Ok").asBoolean());

        CliRunner.Result u = cli.run("vhd", "new", dir.resolve("x.vhdx").toString(), "--size", "1GB", "--fixed", "--dynamic");
        assertEquals(2, u.code(), u.toString());
        assertTrue(u.err().contains("not both"), u.err());
        assertFalse(Files.exists(dir.resolve("x.vhdx")));
    }

    @Test
    void withALabTheSimulatedHostDoesTheWorkAndItsRefusalsAreReported() throws Exception {
        Path lab = dir.resolve("lab.json");
        assertEquals(0, cli.run("lab", "new", lab.toString()).code());
        Path base = dir.resolve("hb.vhdx");
        CliRunner.Result made = cli.run("--json", "--lab", lab.toString(), "vhd", "new", base.toString(), "--size", "64MB");
        assertEquals(0, made.code(), made.toString());
        assertEquals("Dynamic", made.json().get("VhdType").asText());

        Path child = dir.resolve("hc.vhdx");
        CliRunner.Result diff = cli.run("--json", "--lab", lab.toString(), "vhd", "new", child.toString(), "--parent", base.toString());
        assertEquals(0, diff.code(), diff.toString());
        assertEquals("Differencing", diff.json().get("VhdType").asText());

        CliRunner.Result merged = cli.run("--json", "--lab", lab.toString(), "vhd", "merge", child.toString());
        assertEquals(0, merged.code(), merged.toString());
        assertFalse(Files.exists(child));

        CliRunner.Result shrink = cli.run("--lab", lab.toString(), "vhd", "resize", base.toString(), "--size", "512");
        assertEquals(1, shrink.code(), shrink.toString());
        assertTrue(shrink.err().contains("32773") && shrink.err().contains(base.toString()), shrink.err());

        CliRunner.Result ok = cli.run("--lab", lab.toString(), "vhd", "test", base.toString());
        assertEquals(0, ok.code(), ok.toString());
        assertTrue(ok.out().startsWith("OK"), ok.out());
    }

    @Test
    void cmdletStyleVerbsFixedDisksOptimizeAndMergeDestination() throws Exception {
        Path fixed = dir.resolve("fixed.vhdx");
        CliRunner.Result made = cli.run("--json", "vhd", "new", fixed.toString(), "--size", "8MB", "--fixed");
        assertEquals(0, made.code(), made.toString());
        assertEquals("Fixed", made.json().get("VhdType").asText());
        assertTrue(made.json().get("FileSize").asLong() >= 8L << 20, made.toString());

        Path base = dir.resolve("b.vhdx");
        assertEquals(0, cli.run("vhd", "new", base.toString(), "--size", "16MB").code());
        Path child = dir.resolve("c.vhdx");
        assertEquals(0, cli.run("vhd", "new", child.toString(), "--parent", base.toString()).code());
        assertEquals(0, cli.run("vhd", "optimize", child.toString()).code());

        CliRunner.Result wrong = cli.run("vhd", "merge", child.toString(), "--destination", fixed.toString());
        assertEquals(1, wrong.code(), wrong.toString());
        assertTrue(wrong.err().contains("is not the parent"), wrong.err());
        assertTrue(Files.exists(child), "a refused merge leaves the child in place");

        CliRunner.Result merged = cli.run("--json", "vhd", "merge", child.toString(), "--destination", base.toString());
        assertEquals(0, merged.code(), merged.toString());
        assertFalse(Files.exists(child));
    }

    @Test
    void aDifferencingDiskThatWouldNotOpenIsNotLeftBehind() throws Exception {
        Path base = dir.resolve("base.vhdx");
        assertEquals(0, cli.run("vhd", "new", base.toString(), "--size", "8MB").code());
        Path sub = java.nio.file.Files.createDirectory(dir.resolve("elsewhere"));
        Path child = sub.resolve("child.vhdx");
        CliRunner.Result r = cli.run("vhd", "new", child.toString(), "--parent", base.toString());
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("outside the allowed places"), r.err());
        try (var s = java.nio.file.Files.list(sub)) {
            assertEquals(0, s.count(), "no child file left behind");
        }
    }
}
