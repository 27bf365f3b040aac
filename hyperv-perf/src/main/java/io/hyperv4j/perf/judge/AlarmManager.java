package io.hyperv4j.perf.judge;

import io.hyperv4j.cim.Subscription;
import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.PerfException;
import io.hyperv4j.perf.sampler.SampleListener;
import io.hyperv4j.perf.sampler.SampleView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live alarms over a sampler's stream: one alarm per (rule, counter). An alarm is raised after the
 * rule is breached on {@code raiseAfter} consecutive samples and cleared after the value is back by
 * more than the hysteresis band on {@code clearAfter} consecutive samples, so a value hovering at
 * the limit does not flap. An unavailable sample neither raises nor clears. Plug it into
 * {@link io.hyperv4j.perf.sampler.CounterSampler#stream}; steady state allocates nothing.
 */
public final class AlarmManager implements SampleListener {
    private static final Logger LOG = LoggerFactory.getLogger(AlarmManager.class);

    private final ThresholdRules rules;
    private final Function<String, HostFacts> facts;
    private final int raiseAfter;
    private final int clearAfter;
    private final double hysteresis;
    private final List<AlarmListener> listeners = new CopyOnWriteArrayList<>();
    private Slot[] slots;

    /**
     * @param raiseAfter consecutive breaching samples before raising (1 = at once)
     * @param clearAfter consecutive clear samples before clearing
     * @param hysteresis band, as a fraction of the limit (0.1 = clear at 10 % on the safe side)
     */
    public AlarmManager(ThresholdRules rules, Function<String, HostFacts> facts, int raiseAfter, int clearAfter, double hysteresis) {
        if (raiseAfter < 1 || clearAfter < 1) throw new PerfException("raiseAfter and clearAfter must be at least 1");
        if (hysteresis < 0) throw new PerfException("hysteresis must not be negative, was " + hysteresis);
        this.rules = rules;
        this.facts = facts;
        this.raiseAfter = raiseAfter;
        this.clearAfter = clearAfter;
        this.hysteresis = hysteresis;
    }

    /** Calls {@code l} for every alarm raised or cleared; a listener that throws is logged. Close the handle to stop. */
    public Subscription addListener(AlarmListener l) {
        listeners.add(l);
        return () -> listeners.remove(l);
    }

    @Override
    public void onSample(SampleView view) {
        if (slots == null) bind(view);
        for (Slot s : slots) observe(s, view.value(s.index), view.timestampMillis());
    }

    private void bind(SampleView view) {
        List<Slot> l = new ArrayList<>();
        for (int i = 0; i < view.size(); i++) {
            CounterPath p = view.path(i);
            for (ThresholdRule r : rules.applicableTo(p)) {
                HostFacts f = facts.apply(p.machine());
                if (f == null) throw new PerfException("no host facts for host '" + p.machine() + "' to judge " + p);
                l.add(new Slot(r, p, i, r.limit().value(f)));
            }
        }
        slots = l.toArray(new Slot[0]);
    }

    private void observe(Slot s, double v, long t) {
        if (Double.isNaN(v)) return;
        boolean breached = s.rule.comparison().breached(v, s.limit);
        boolean clear = s.rule.comparison().cleared(v, s.limit, Math.abs(s.limit) * hysteresis);
        switch (s.state) {
            case NORMAL, PENDING -> {
                if (breached) {
                    s.run++;
                    s.state = AlarmState.PENDING;
                    if (s.run >= raiseAfter) {
                        s.state = AlarmState.ACTIVE;
                        s.run = 0;
                        fire(AlarmEvent.Kind.RAISED, s, v, t);
                    }
                } else {
                    s.run = 0;
                    s.state = AlarmState.NORMAL;
                }
            }
            case ACTIVE, ACKNOWLEDGED -> {
                if (clear) {
                    if (++s.run >= clearAfter) {
                        s.state = AlarmState.NORMAL;
                        s.run = 0;
                        fire(AlarmEvent.Kind.CLEARED, s, v, t);
                    }
                } else {
                    s.run = 0;
                }
            }
        }
        s.last = v;
        s.lastTime = t;
    }

    /** Acknowledges the active alarm of {@code ruleId} on {@code counter}. */
    public void acknowledge(String ruleId, CounterPath counter) {
        for (Slot s : slots == null ? new Slot[0] : slots) {
            if (s.rule.id().equals(ruleId) && s.counter.sameAs(counter)) {
                if (s.state != AlarmState.ACTIVE) throw new PerfException("alarm " + ruleId + " on " + counter + " is " + s.state + ", not ACTIVE");
                s.state = AlarmState.ACKNOWLEDGED;
                fire(AlarmEvent.Kind.ACKNOWLEDGED, s, s.last, s.lastTime);
                return;
            }
        }
        throw new PerfException("no alarm " + ruleId + " on " + counter);
    }

    /** Alarms that are raised (active or acknowledged) now. */
    public List<Alarm> active() {
        List<Alarm> out = new ArrayList<>();
        if (slots == null) return out;
        for (Slot s : slots) {
            if (s.state == AlarmState.ACTIVE || s.state == AlarmState.ACKNOWLEDGED) out.add(new Alarm(s.rule, s.counter, s.state, s.last, s.limit));
        }
        return out;
    }

    private void fire(AlarmEvent.Kind kind, Slot s, double v, long t) {
        AlarmEvent e = new AlarmEvent(kind, s.rule, s.counter, v, s.limit, Instant.ofEpochMilli(t), s.state);
        LOG.info("alarm {}", e);
        for (AlarmListener l : listeners) {
            try {
                l.onAlarm(e);
            } catch (RuntimeException ex) {
                LOG.warn("alarm listener failed on {}: {}", e, ex.toString());
            }
        }
    }

    /** An alarm's current state. */
    public record Alarm(ThresholdRule rule, CounterPath counter, AlarmState state, double lastValue, double limit) {
    }

    private static final class Slot {
        final ThresholdRule rule;
        final CounterPath counter;
        final int index;
        final double limit;
        AlarmState state = AlarmState.NORMAL;
        int run;
        double last = Double.NaN;
        long lastTime;

        Slot(ThresholdRule rule, CounterPath counter, int index, double limit) {
            this.rule = rule;
            this.counter = counter;
            this.index = index;
            this.limit = limit;
        }
    }
}
