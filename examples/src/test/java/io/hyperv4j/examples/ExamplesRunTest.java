package io.hyperv4j.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every example program runs to its end on the simulator (they are what users copy first). */
class ExamplesRunTest {

    private static String run(ThrowingMain main) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            main.run(new String[0]);
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    private interface ThrowingMain {
        void run(String[] args) throws Exception;
    }

    @Test
    void vmLifecycle() throws Exception {
        String out = run(VmLifecycleExample::main);
        assertTrue(out.contains("Pausing twice is refused") && out.contains("still there? false"), out);
    }

    @Test
    void checkpoints() throws Exception {
        String out = run(CheckpointExample::main);
        assertTrue(out.contains("All deleted"), out);
    }

    @Test
    void virtualDisks() throws Exception {
        String out = run(VirtualDiskExample::main);
        // the same workflow on the simulated host and locally: both refuse the shrink, both end valid
        assertTrue(out.split("refused as expected", -1).length == 3 && out.split("fixed.vhd is valid", -1).length == 3, out);
    }

    @Test
    void liveMigration() throws Exception {
        String out = run(LiveMigrationExample::main);
        assertTrue(out.contains("now runs on umbriel") && out.contains("Refused as expected"), out);
    }

    @Test
    void counterSampling() throws Exception {
        String out = run(CounterSamplingExample::main);
        assertTrue(out.contains("SQL Server moved to host2") && out.contains("Live Migration Network"), out);
    }

    @Test
    void luMapping() throws Exception {
        String out = run(LuMappingExample::main);
        assertTrue(out.contains("After: LU1 is disk 1 (200 GB, online) on the destination; the source sees it: false")
                && out.contains("mpio 16") && out.contains("Refused as expected: INVALID_INITIATOR_ADDRESS (53000)"), out);
    }
}
