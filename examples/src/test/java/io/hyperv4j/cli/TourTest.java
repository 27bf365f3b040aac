package io.hyperv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TourTest {
    @Test
    void theTourObservesEveryExpectedStateAndExits0() {
        CliRunner.Result r = new CliRunner(Map.of()).run("tour");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("Tour complete: all 14 steps observed the expected state."), r.out());
        for (String step : new String[] {"New-VM", "Start-VM", "Get-VM", "Checkpoint-VM", "Suspend-VM", "Save-VM", "Stop-VM", "Remove-VM", "Move-SCVirtualMachine"})
            assertTrue(r.out().contains("] " + step + ":"), step + " missing in\n" + r.out());
        assertTrue(r.out().contains("state: Paused  ok"), r.out());
        assertTrue(r.out().contains("state: Saved  ok"), r.out());
        assertTrue(r.out().contains("100% done"), "progress shown to its end:\n" + r.out());
        assertTrue(r.out().contains("took 73.0 s of simulated time"), "seed 000's live migration takes 73 s:\n" + r.out());
        assertTrue(r.out().contains("took 105.3 s of simulated time") && r.out().contains("unreachable for 26.0 s"), "seed 000's SAN transfer:\n" + r.out());
    }

    @Test
    void withJsonStdoutCarriesOnlyTheSummary() {
        CliRunner.Result r = new CliRunner(Map.of()).run("--json", "tour");
        assertEquals(0, r.code(), r.toString());
        var json = r.json();
        assertTrue(json.get("Ok").asBoolean());
        assertEquals(14, json.get("Passed").asInt());
        assertEquals(14, json.get("Results").size());
        var save = json.get("Results").get(6);
        assertEquals("Save-VM", save.get("Title").asText());
        assertEquals("Saved", save.get("Observed").asText());
        assertTrue(save.get("SimulatedMilliseconds").asLong() > 0, save.toString());
        assertTrue(r.err().contains("[7/14] Save-VM"), r.err());
    }

    @Test
    void aNegativeSpeedIsAUsageError() {
        CliRunner.Result r = new CliRunner(Map.of()).run("tour", "--speed", "-1");
        assertEquals(2, r.code(), r.toString());
    }
}
