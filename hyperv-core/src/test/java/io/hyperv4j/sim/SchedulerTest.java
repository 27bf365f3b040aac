package io.hyperv4j.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SchedulerTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void runsInTimeOrderAndEqualTimesInSubmissionOrder() {
        SimClock clock = SimClock.manual(T0);
        List<String> ran = new ArrayList<>();
        clock.schedule(Duration.ofSeconds(5), t -> ran.add("c@" + t.getEpochSecond() % 60));
        clock.schedule(Duration.ofSeconds(1), t -> ran.add("a"));
        clock.schedule(Duration.ofSeconds(1), t -> ran.add("b"));
        clock.advance(Duration.ofSeconds(10));
        assertEquals(List.of("a", "b", "c@5"), ran);
        assertEquals(T0.plusSeconds(10), clock.now());
    }

    @Test
    void aTaskSeesTheClockAtItsOwnTime() {
        SimClock clock = SimClock.manual(T0);
        List<Instant> seen = new ArrayList<>();
        clock.schedule(Duration.ofSeconds(3), t -> seen.add(clock.now()));
        clock.advance(Duration.ofSeconds(7));
        assertEquals(List.of(T0.plusSeconds(3)), seen);
    }

    @Test
    void cancelledTasksDoNotRun() {
        SimClock clock = SimClock.manual(T0);
        List<String> ran = new ArrayList<>();
        Scheduler.Task t = clock.schedule(Duration.ofSeconds(1), x -> ran.add("x"));
        assertTrue(t.cancel());
        assertFalse(t.cancel());
        clock.advance(Duration.ofSeconds(2));
        assertTrue(ran.isEmpty());
        assertEquals(0, clock.scheduler().size());
    }

    @Test
    void tasksScheduledWhileRunningRunInTheSameAdvanceWhenDue() {
        SimClock clock = SimClock.manual(T0);
        List<String> ran = new ArrayList<>();
        clock.schedule(Duration.ofSeconds(1), t -> {
            ran.add("first");
            clock.schedule(Duration.ofSeconds(1), x -> ran.add("second@" + Duration.between(T0, x).toSeconds()));
        });
        clock.advance(Duration.ofSeconds(5));
        assertEquals(List.of("first", "second@2"), ran);
    }

    @Test
    void virtualAwaitJumpsStraightToTheEventThatCompletesTheFuture() {
        SimClock clock = SimClock.virtual(T0);
        CompletableFuture<String> f = new CompletableFuture<>();
        clock.schedule(Duration.ofMinutes(15), t -> f.complete("done"));
        long wallStart = System.nanoTime();
        assertTrue(clock.await(f, Duration.ofHours(1)));
        assertEquals("done", f.join());
        assertEquals(T0.plus(Duration.ofMinutes(15)), clock.now());
        assertTrue(System.nanoTime() - wallStart < Duration.ofSeconds(5).toNanos());
    }

    @Test
    void virtualAwaitTimesOutAtTheDeadlineWithoutRunningLaterEvents() {
        SimClock clock = SimClock.virtual(T0);
        CompletableFuture<String> f = new CompletableFuture<>();
        List<String> ran = new ArrayList<>();
        clock.schedule(Duration.ofMinutes(2), t -> ran.add("later"));
        assertFalse(clock.await(f, Duration.ofMinutes(1)));
        assertEquals(T0.plus(Duration.ofMinutes(1)), clock.now());
        assertTrue(ran.isEmpty());
    }

    @Test
    void virtualTimeStandsStillUntilSomeoneWaits() {
        SimClock clock = SimClock.virtual(T0);
        clock.schedule(Duration.ofSeconds(1), t -> {});
        assertEquals(T0, clock.now());
    }

    @Test
    void scaledClockFollowsRealTimeAndCannotBeAdvanced() {
        try (SimClock clock = SimClock.scaled(T0, 1000)) {
            CompletableFuture<Instant> f = new CompletableFuture<>();
            Instant at = clock.now().plusSeconds(30); // 30 ms of real time
            clock.scheduleAt(at, f::complete);
            assertTrue(clock.await(f, Duration.ofMinutes(10)));
            assertEquals(at, f.join());
            assertTrue(!clock.now().isBefore(at));
            assertThrows(IllegalStateException.class, () -> clock.advance(Duration.ofSeconds(1)));
        }
    }

    @Test
    void manualClockRefusesGoingBack() {
        SimClock clock = SimClock.manual(T0);
        assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofSeconds(-1)));
        assertNull(clock.scheduler().nextTime());
    }

    @Test
    void sameSeedSameSequence() {
        SimRandom a = new SimRandom(42);
        SimRandom b = new SimRandom(42);
        for (int i = 0; i < 100; i++) assertEquals(a.nextLong(), b.nextLong());
        assertEquals(a.nextGuid(), b.nextGuid());
        SimRandom c = new SimRandom(a.state());
        assertEquals(a.nextGuid(), c.nextGuid());
        String g = new SimRandom(1).nextGuid();
        assertTrue(g.matches("[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}"), g);
    }
}
