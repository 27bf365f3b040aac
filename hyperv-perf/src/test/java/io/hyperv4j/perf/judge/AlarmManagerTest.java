package io.hyperv4j.perf.judge;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.CounterType;
import io.hyperv4j.perf.PdhStatus;
import io.hyperv4j.perf.PerfException;
import io.hyperv4j.perf.sampler.SampleView;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlarmManagerTest {
    static final CounterPath PAGES = CounterPath.parse("\\\\H\\Memory\\Pages/sec");

    /** A one-counter view whose value the test sets. */
    static final class OneValue implements SampleView {
        double value;
        long t;

        @Override public long timestampMillis() { return t; }
        @Override public int size() { return 1; }
        @Override public CounterPath path(int i) { return PAGES; }
        @Override public CounterType type(int i) { return CounterType.PERF_COUNTER_COUNTER; }
        @Override public double value(int i) { return value; }
        @Override public int status(int i) { return Double.isNaN(value) ? PdhStatus.NO_MACHINE : 0; }
        @Override public long rawValue(int i) { return 0; }
        @Override public long secondValue(int i) { return 0; }
    }

    static List<AlarmEvent.Kind> feed(AlarmManager m, double... values) {
        List<AlarmEvent.Kind> events = new ArrayList<>();
        m.addListener(e -> events.add(e.kind()));
        OneValue v = new OneValue();
        for (double x : values) {
            v.value = x;
            v.t += 1000;
            m.onSample(v);
        }
        return events;
    }

    static AlarmManager manager(int raise, int clear, double band) {
        return new AlarmManager(ThresholdRules.seed000(), h -> new HostFacts(h, 8192, 4_000_000_000L), raise, clear, band);
    }

    @Test
    void raisesOnlyWhenSustainedAndClearsOnlyPastTheBand() {
        AlarmManager m = manager(3, 2, 0.1);
        // two breaches are not enough; the third consecutive one raises
        assertEquals(List.of(), feed(m, 600, 600, 100));
        AlarmManager m2 = manager(3, 2, 0.1);
        List<AlarmEvent.Kind> ev = feed(m2, 600, 600, 600, 480, 460, 440, 449, 300, 300);
        // 480 and 460 are under 500 but inside the 10 % band (450): still raised; 440 then 449 (inside band) resets;
        // two samples under 450 clear it
        assertEquals(List.of(AlarmEvent.Kind.RAISED, AlarmEvent.Kind.CLEARED), ev);
        assertTrue(m2.active().isEmpty());
    }

    @Test
    void unavailableSamplesNeitherRaiseNorClear() {
        AlarmManager m = manager(1, 1, 0);
        List<AlarmEvent.Kind> ev = feed(m, 700, Double.NaN, Double.NaN);
        assertEquals(List.of(AlarmEvent.Kind.RAISED), ev);
        assertEquals(AlarmState.ACTIVE, m.active().get(0).state());
    }

    @Test
    void acknowledgeKeepsItRaisedUntilItClears() {
        AlarmManager m = manager(1, 1, 0);
        List<AlarmEvent.Kind> ev = feed(m, 700);
        m.acknowledge("memory.pages", PAGES);
        assertEquals(AlarmState.ACKNOWLEDGED, m.active().get(0).state());
        assertThrows(PerfException.class, () -> m.acknowledge("memory.pages", PAGES));
        OneValue v = new OneValue();
        v.value = 10;
        m.onSample(v);
        assertEquals(List.of(AlarmEvent.Kind.RAISED, AlarmEvent.Kind.ACKNOWLEDGED, AlarmEvent.Kind.CLEARED), ev);
    }

    @Test
    void listenersCanActAndAFailingOneDoesNotStopTheOthers() {
        AlarmManager m = manager(1, 1, 0);
        List<String> actions = new ArrayList<>();
        m.addListener(e -> { throw new IllegalStateException("broken listener"); });
        m.addListener(e -> {
            if (e.kind() == AlarmEvent.Kind.RAISED && e.rule().id().equals("memory.pages")) actions.add("throttle copy on " + e.counter().machine());
        });
        feed(m, 14096.1);
        assertEquals(List.of("throttle copy on H"), actions);
    }
}
