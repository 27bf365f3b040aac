package io.hyperv4j.perf.sim;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/**
 * The standalone model's paper helpers ({@link Seed000Workloads}, used without a lab by the exports,
 * the alarm examples and the judge's tests): the tables' tolerance and the moves' times. The tables
 * themselves are reproduced on the simulator's real moves only, sampled through
 * {@link LabCounterSource}: examples' {@code Seed000LiveMigrationCountersTest} (Tables 4-2, 4-3) and
 * {@code Seed000TransferCountersTest} (4-5, 4-6, 4-8, 4-9, and the alarms of §5.4).
 */
class Seed000TablesTest {
    static final long T0 = 1_277_942_400_000L; // 2010-07-01T00:00:00Z

    @Test
    void theToleranceIsATenthOfAPercentOrTwoHundredthsNearZero() {
        assertTrue(Seed000Workloads.tableMismatch(new double[] {1000, 0}, new double[] {1001, 0.02}).isEmpty());
        String report = Seed000Workloads.tableMismatch(new double[] {1000, 0}, new double[] {1001.5, 0.03}).orElseThrow();
        assertEquals(2, report.split("<-- off", -1).length - 1, report);
        assertThrows(IllegalArgumentException.class, () -> Seed000Workloads.tableMismatch(new double[2], new double[3]));
    }

    @Test
    void theMovesTakeThePapersTimes() {
        assertEquals(73_000, Seed000Workloads.liveMigration(T0).window().toMillis());
        assertEquals(1_000, Seed000Workloads.liveMigration(T0).outage().toMillis());
        assertEquals(105_300, Seed000Workloads.sanTransfer(T0).window().toMillis());
        assertEquals(26_000, Seed000Workloads.sanTransfer(T0).outage().toMillis());
        // the one BITS fit copies the 17.9 GB in 899.9993 s (its read rate has four significant figures after the 23.94)
        assertEquals(945_700, Seed000Workloads.networkTransfer(T0).window().toMillis(), 1);
        assertEquals(45_700, Seed000Workloads.networkTransfer(T0).outage().toMillis());
    }
}
