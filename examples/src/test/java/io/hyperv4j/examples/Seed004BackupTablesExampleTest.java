package io.hyperv4j.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The example's figures are within 2 % of seed 004's Tables 14-1 to 14-3. */
class Seed004BackupTablesExampleTest {
    @Test
    void everyRowIsWithinTwoPercentOfThePaper() {
        List<Seed004BackupTablesExample.Row> rows = Seed004BackupTablesExample.rows();
        assertEquals(11, rows.size());
        for (var r : rows) {
            assertTrue(Math.abs(r.deviationPercent()) <= 2.0, r.toString());
            assertEquals(r.paperMb(), r.simulatedMb(), r.paperMb() * 0.02, r.toString());
        }
    }
}
