package io.hyperv4j.sim;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lab's activity log: published phases, read from a time on, cut short when an operation stops. */
class ActivityLogTest {
    static final Instant T = Instant.parse("2025-01-06T09:00:00Z");

    @Test
    void readersSeeWhatIsActiveAndCutsKeepThePast() {
        ActivityLog log = new ActivityLog();
        SimActivity setup = log.publish(SimActivity.LIVE_MIGRATION_SETUP, "vm1", "A", "B", "LM", 0, T, T.plusSeconds(6));
        SimActivity copy = log.publish(SimActivity.LIVE_MIGRATION_COPY, "vm1", "A", "B", "LM", 1e8, T.plusSeconds(6), T.plusSeconds(60));
        log.publish(SimActivity.LIVE_MIGRATION_COPY, "vm2", "C", "D", "LM", 1e8, T, T.plusSeconds(60));
        assertTrue(copy.id() > setup.id());
        assertTrue(copy.involves("b") && !copy.involves("C"));
        assertEquals(List.of(setup, copy), log.activeFrom(T).subList(0, 2));
        assertEquals(2, log.activeFrom(T.plusSeconds(6)).size(), "the setup ended at 6 s");

        log.endAll("vm1", T.plusSeconds(10));
        List<SimActivity> now = log.activeFrom(T.plusSeconds(6));
        assertEquals(T.plusSeconds(10), now.get(0).end(), "the copy is cut where the move stopped");
        assertEquals(T.plusSeconds(6), now.get(0).start());
        assertEquals(T.plusSeconds(6), log.activeFrom(T).get(0).end(), "what had ended is untouched");
        assertEquals(1, log.activeFrom(T.plusSeconds(10)).size(), "only the other VM's copy goes on");
    }

    @Test
    void badActivitiesAreRefused() {
        ActivityLog log = new ActivityLog();
        assertThrows(IllegalArgumentException.class, () -> log.publish("x", "", "A", "", "", 1, T, T));
        assertThrows(IllegalArgumentException.class, () -> log.publish("x", "", "A", "", "", -1, T, T.plusSeconds(1)));
        assertThrows(NullPointerException.class, () -> log.publish("x", "", null, "", "", 1, T, T.plusSeconds(1)));
        assertTrue(log.activeFrom(T).isEmpty(), "nothing was published");
    }
}
