package io.hyperv4j.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The VSS restore example runs to its end and restores the backup's bytes. */
class VssRestoreExampleTest {
    @Test
    void restoresTheBackupsBytesThroughTheWritersPhases() {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            VssRestoreExample.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("PostRestore without the files: WRITERERROR_NONRETRYABLE"), text);
        assertTrue(text.contains("after PreRestore GUEST1 is Off"), text);
        assertTrue(text.contains("writer after PostRestore: STABLE"), text);
        assertTrue(text.contains("GUEST1's disk equals the backup: true"), text);
        assertTrue(text.contains("21502") && text.contains("1069"), text);
    }
}
