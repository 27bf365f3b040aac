package io.hyperv4j.examples.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hyperv4j.scvmm.sim.guest.FaultLocation;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Seed 001 scenarios 4, 5 and 8: Table 5-1, every cell derived from a run, equals the paper's. */
class CoverageTest {
    @Test
    void scenario8_everyCellOfTable51MatchesThePaper() {
        Map<FaultLocation, List<Coverage.Mark>> m = Coverage.matrix();
        for (FaultLocation l : FaultLocation.values())
            assertEquals(Coverage.PAPER.get(l), m.get(l).stream().map(Coverage.Mark::symbol).collect(Collectors.joining()), l.label());
    }
}
