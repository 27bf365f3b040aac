package io.hyperv4j.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class SchedulerProperties {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    /** Tasks run by time, equal times in submission order, cancelled ones never; the clock ends at the target. */
    @Property(tries = 200)
    void runsEveryLiveTaskInOrder(@ForAll @Size(max = 60) List<@IntRange(min = 0, max = 30) Integer> delays,
                                  @ForAll @Size(max = 60) List<Boolean> cancels,
                                  @ForAll @IntRange(min = 0, max = 40) int advanceBy) {
        SimClock clock = SimClock.manual(T0);
        List<Integer> ran = new ArrayList<>();
        List<int[]> expected = new ArrayList<>();
        for (int i = 0; i < delays.size(); i++) {
            int n = i;
            Scheduler.Task t = clock.schedule(Duration.ofSeconds(delays.get(i)), at -> {
                assertEquals(at, clock.now());
                ran.add(n);
            });
            boolean cancel = i < cancels.size() && cancels.get(i);
            if (cancel) t.cancel();
            else if (delays.get(i) <= advanceBy) expected.add(new int[] {delays.get(i), i});
        }
        clock.advance(Duration.ofSeconds(advanceBy));
        expected.sort(Comparator.<int[]>comparingInt(a -> a[0]).thenComparingInt(a -> a[1]));
        assertEquals(expected.stream().map(a -> a[1]).toList(), ran);
        assertEquals(T0.plusSeconds(advanceBy), clock.now());
    }
}
