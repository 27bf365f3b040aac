package io.hyperv4j.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seed 004's counters read through CounterSource: scenario 1's steady state within 1 % of section
 * 5.1, and every job's and the redirection's effect within section 7.5's multipliers.
 */
class Seed004CountersExampleTest {
    @Test
    void scenario1SteadyStateIsThePapers() {
        List<Seed004CountersExample.Row> rows = Seed004CountersExample.scenario1();
        assertEquals(11, rows.size());
        for (var r : rows) assertTrue(r.within(), r.toString());
    }

    @Test
    void jobsAndRedirectionMoveTheCountersByThePapersMultipliers() {
        List<Seed004CountersExample.Row> rows = Seed004CountersExample.jobs();
        assertEquals(11, rows.size());
        for (var r : rows) assertTrue(r.within(), r.toString());
    }

    @Test
    void scenario1InsideTheGuestsIsThePapersWithin2Percent() {
        List<Seed004CountersExample.Row> rows = Seed004CountersExample.guestsScenario1();
        assertEquals(8, rows.size());
        for (var r : rows) assertTrue(r.within(), r.toString());
    }

    @Test
    void jobsRaiseTheGuestsProcessorUseAndRpcLatencyAndTakeTheirMemoryByThePapersFigures() {
        List<Seed004CountersExample.Row> rows = Seed004CountersExample.guestJobs();
        assertEquals(20, rows.size());
        for (var r : rows) assertTrue(r.within(), r.toString());
    }
}
