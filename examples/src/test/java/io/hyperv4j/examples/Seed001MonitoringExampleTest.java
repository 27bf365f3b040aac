package io.hyperv4j.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Seed001MonitoringExampleTest {
    @Test
    void printsTheThreeTablesBesideThePapersWithNoCellDiffering() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Seed001MonitoringExample.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("Table 4-1") && out.contains("Table 4-2") && out.contains("Table 5-1"), out);
        assertTrue(out.contains("LAN board") && out.contains("× × × ×"), out);
        assertFalse(out.contains("differs"), out);
    }
}
