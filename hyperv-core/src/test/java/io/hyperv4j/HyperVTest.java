package io.hyperv4j;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.sim.Lab;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** The entry points: connect() without a URI says in the log that it opened a simulator; simulator() names it. */
@Isolated("swaps System.err, where slf4j-simple writes")
class HyperVTest {

    @Test
    void connectWithoutAUriSaysItOpenedTheSimulator() {
        String log = stderrOf(() -> {
            try (HyperVHost host = HyperV.connect()) {
                assertTrue(Lab.of(host.session()).isPresent(), "the embedded simulator");
            }
        });
        assertTrue(log.contains("INFO") && log.contains("embedded simulator") && log.contains("sim:standalone"), log);
    }

    @Test
    void simulatorNamesItAndLogsNothingAboutIt() {
        String log = stderrOf(() -> {
            try (HyperVHost host = HyperV.simulator()) {
                assertEquals(Lab.DEFAULT_HOST, host.name());
                assertEquals(HyperV.DEFAULT_URI, host.uri());
            }
        });
        assertFalse(log.contains("embedded simulator"), log);
    }

    private static String stderrOf(Runnable body) {
        PrintStream before = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(before);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
