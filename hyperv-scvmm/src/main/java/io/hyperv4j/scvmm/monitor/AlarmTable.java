package io.hyperv4j.scvmm.monitor;

import io.hyperv4j.cim.Subscription;
import io.hyperv4j.job.Operation;
import io.hyperv4j.perf.judge.AlarmEvent;
import io.hyperv4j.perf.judge.AlarmManager;
import io.hyperv4j.scvmm.monitor.spi.ManagementServer;
import io.hyperv4j.scvmm.monitor.spi.MonitorClock;
import io.hyperv4j.scvmm.monitor.spi.Probe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One table of alarms, fed by probes it runs every N seconds and by the perf module's threshold
 * alarms, with actions bound to them that run on a management server. A probe's next poll starts
 * {@code interval} after the previous attempt ended (a timed-out attempt delays it by the timeout); a
 * result reaches the alarm {@link MonitorTimings#alarmLatency()} later; a fired alarm's actions start
 * {@link MonitorTimings#dispatch()} after it fired. A guarded action that moves the VM's role runs
 * only if the situation still holds (see {@link SkipReason}); otherwise it is logged as skipped.
 *
 * <pre>{@code
 * AlarmTable table = new AlarmTable(clock, server, MonitorTimings.seed001());
 * table.addProbe("PD_DD", "SQL Server", probe, Duration.ofSeconds(60), Duration.ofSeconds(6));
 * table.bind("PD_DD", "SQL Server", MonitorAction.seed001Script("MSSQLSERVER"), true);
 * }</pre>
 * Thread-safety: thread-safe; polls and actions run on the clock's thread.
 */
public final class AlarmTable {
    private static final Logger LOG = LoggerFactory.getLogger(AlarmTable.class);
    /** How often a running action's operation is looked at. */
    private static final Duration WATCH = Duration.ofSeconds(1);
    /** The longest wait for a finished operation's result. */
    private static final Duration COLLECT = Duration.ofSeconds(5);

    private final MonitorClock clock;
    private final ManagementServer server;
    private final MonitorTimings timings;
    private final Map<String, Entry> alarms = new LinkedHashMap<>();
    private final List<Binding> bindings = new ArrayList<>();
    private final List<MonitorEvent> history = new ArrayList<>();
    private final List<Consumer<MonitorEvent>> listeners = new CopyOnWriteArrayList<>();

    /**
     * A table whose actions run on {@code server}.
     *
     * @param clock   the time polls and actions are scheduled on
     * @param server  the management server the actions run on
     * @param timings the delays between results and actions
     */
    public AlarmTable(MonitorClock clock, ManagementServer server, MonitorTimings timings) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.server = Objects.requireNonNull(server, "server");
        this.timings = Objects.requireNonNull(timings, "timings");
    }

    /**
     * Adds an alarm fed by {@code probe}, polled from now on.
     *
     * @param alarm    the alarm's name (new in this table)
     * @param vm       the VM the probe watches
     * @param probe    the probe
     * @param interval the pause between the end of one attempt and the start of the next (positive)
     * @param timeout  the longest one attempt may take (positive)
     * @return the registration; closing it stops the polls and throws nothing
     * @throws IllegalArgumentException naming the value when the name is taken, the VM is unknown or a duration is not positive
     */
    public synchronized Subscription addProbe(String alarm, String vm, Probe probe, Duration interval, Duration timeout) {
        Objects.requireNonNull(probe, "probe");
        positive("interval", interval);
        positive("timeout", timeout);
        Entry e = newEntry(alarm, Alarm.Source.PROBE, vm);
        e.interval = interval;
        e.timeout = timeout;
        alarms.put(alarm, e);
        Subscription[] next = new Subscription[1];
        boolean[] closed = new boolean[1];
        Runnable[] poll = new Runnable[1];
        poll[0] = () -> {
            synchronized (this) {
                if (closed[0]) return;
            }
            Instant at = clock.now();
            ProbeResult r;
            try {
                r = probe.check(timeout);
            } catch (RuntimeException failure) {
                r = new ProbeResult(false, Duration.ZERO, "probe failed: " + failure.getMessage());
            }
            Duration took = r.took().compareTo(timeout) > 0 ? timeout : r.took();
            ProbeResult result = r;
            Instant ended = at.plus(took);
            clock.at(ended.plus(timings.alarmLatency()), () -> report(e, result.ok(), at, result.detail()));
            synchronized (this) {
                if (!closed[0]) next[0] = clock.at(ended.plus(interval), poll[0]);
            }
        };
        next[0] = clock.at(clock.now(), poll[0]);
        return () -> {
            synchronized (this) {
                closed[0] = true;
                if (next[0] != null) next[0].close();
            }
        };
    }

    /**
     * Adds alarms fed by the perf module's threshold alarms: one per rule id, raised and cleared with it.
     *
     * @param manager the threshold alarms
     * @param vm      the VM the alarms are about
     * @param ruleIds the rules whose alarms become table alarms (each a new name in this table)
     * @return the registration; closing it stops the feed and throws nothing
     * @throws IllegalArgumentException when a name is taken, none is given or the VM is unknown
     */
    public synchronized Subscription feed(AlarmManager manager, String vm, String... ruleIds) {
        Objects.requireNonNull(manager, "manager");
        if (ruleIds.length == 0) throw new IllegalArgumentException("name at least one threshold rule to feed the table");
        Map<String, Entry> added = new LinkedHashMap<>();
        for (String id : ruleIds) {
            if (added.containsKey(id)) throw new IllegalArgumentException("rule '" + id + "' is named twice");
            added.put(id, newEntry(id, Alarm.Source.THRESHOLD, vm));
        }
        alarms.putAll(added);
        return manager.addListener(ev -> {
            Entry e = added.get(ev.rule().id());
            if (e == null || ev.kind() == AlarmEvent.Kind.ACKNOWLEDGED) return;
            report(e, ev.kind() == AlarmEvent.Kind.CLEARED, clock.now(), ev.toString());
        });
    }

    /**
     * Binds an action to an alarm: every time the alarm fires, the action runs on the management
     * server against {@code vm}.
     *
     * @param alarm   the alarm's name
     * @param vm      the VM the action acts on
     * @param action  the action
     * @param guarded whether an action that moves the role first checks that the cluster has not already
     * @return the binding; closing it removes it and throws nothing
     * @throws IllegalArgumentException naming what is missing when the alarm or the VM is unknown
     */
    public synchronized Subscription bind(String alarm, String vm, MonitorAction action, boolean guarded) {
        Objects.requireNonNull(action, "action");
        if (!alarms.containsKey(alarm))
            throw new IllegalArgumentException("no alarm '" + alarm + "' in the table; it has " + alarms.keySet());
        requireVm(vm);
        Binding b = new Binding(alarm, vm, action, guarded);
        bindings.add(b);
        return () -> {
            synchronized (this) {
                bindings.remove(b);
            }
        };
    }

    /**
     * The alarms, in the order they were added.
     *
     * @return each alarm's state now
     */
    public synchronized List<Alarm> alarms() {
        return alarms.values().stream().map(e -> new Alarm(e.name, e.source, e.vm, e.abnormal, e.since)).toList();
    }

    /**
     * The bindings, as {@code alarm -> vm: action [guarded]} lines.
     *
     * @return one line per binding
     */
    public synchronized List<String> bindings() {
        return bindings.stream().map(b -> b.alarm + " -> " + b.vm + ": " + b.action.describe() + (b.guarded ? " [guarded]" : "")).toList();
    }

    /**
     * Every firing, recovery, action, result and skip so far, oldest first.
     *
     * @return the history
     */
    public synchronized List<MonitorEvent> history() {
        return List.copyOf(history);
    }

    /**
     * Calls {@code listener} with each new history entry; one that throws is logged.
     *
     * @param listener the listener
     * @return the registration; closing it stops the calls and throws nothing
     */
    public Subscription onEvent(Consumer<MonitorEvent> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    private Entry newEntry(String alarm, Alarm.Source source, String vm) {
        if (alarm == null || alarm.isBlank()) throw new IllegalArgumentException("an alarm needs a name");
        if (alarms.containsKey(alarm)) throw new IllegalArgumentException("the table already has an alarm '" + alarm + "'");
        requireVm(vm);
        return new Entry(alarm, source, vm, clock.now());
    }

    private void requireVm(String vm) {
        if (vm == null || !server.hasVm(vm)) throw new IllegalArgumentException("the management server has no VM '" + vm + "'");
    }

    private static void positive(String what, Duration d) {
        if (d == null || d.isZero() || d.isNegative())
            throw new IllegalArgumentException("a probe's " + what + " must be positive, got " + d);
    }

    /** A result reaches the alarm: it fires on the first bad one and recovers on the first good one. */
    private void report(Entry e, boolean ok, Instant observedAt, String detail) {
        List<Binding> toRun;
        Firing firing;
        synchronized (this) {
            if (!alarms.containsKey(e.name)) return;
            if (ok) {
                e.lastGood = observedAt;
                if (!e.abnormal) return;
                e.abnormal = false;
                e.since = clock.now();
                record(MonitorEvent.Kind.RECOVERED, e.name, e.vm, "", detail, null);
                return;
            }
            if (e.abnormal) return;
            e.abnormal = true;
            e.since = clock.now();
            record(MonitorEvent.Kind.FIRED, e.name, e.vm, "", detail, null);
            toRun = bindings.stream().filter(b -> b.alarm.equals(e.name)).toList();
            firing = new Firing(e.name, e.vm, e.since, e.lastGood, "");
        }
        for (Binding b : toRun) {
            Firing f = new Firing(firing.alarm(), b.vm, firing.firedAt(), firing.evidenceSince(), server.owner(b.vm).orElse(""));
            clock.at(f.firedAt().plus(timings.dispatch()), () -> run(b, f));
        }
    }

    private void run(Binding b, Firing f) {
        String what = b.action.describe();
        if (b.guarded && b.action.movesRole()) {
            SkipReason skip = guard(b, f);
            if (skip != null) {
                record(MonitorEvent.Kind.ACTION_SKIPPED, f.alarm(), b.vm, what, explain(skip, b.vm, f), skip);
                return;
            }
        }
        record(MonitorEvent.Kind.ACTION_STARTED, f.alarm(), b.vm, what, "", null);
        execute(b.action, f, () -> record(MonitorEvent.Kind.ACTION_SUCCEEDED, f.alarm(), b.vm, what, "", null),
                why -> record(MonitorEvent.Kind.ACTION_FAILED, f.alarm(), b.vm, what, why, null));
    }

    /** Seed 001's workaround: fail over only if the cluster has not already. */
    private SkipReason guard(Binding b, Firing f) {
        synchronized (this) {
            Entry e = alarms.get(f.alarm());
            if (e == null || !e.abnormal) return SkipReason.ALARM_CLEARED;
        }
        if (server.moving(b.vm)) return SkipReason.FAILOVER_RUNNING;
        if (!server.owner(b.vm).orElse("").equalsIgnoreCase(f.owner())) return SkipReason.OWNER_CHANGED;
        if (!server.ownerChangesSince(b.vm, f.evidenceSince()).isEmpty()) return SkipReason.FAILOVER_LOGGED;
        return null;
    }

    private String explain(SkipReason skip, String vm, Firing f) {
        return switch (skip) {
            case ALARM_CLEARED -> "the alarm recovered before the action's turn";
            case FAILOVER_RUNNING -> "a move or failover of " + vm + "'s role is under way";
            case OWNER_CHANGED -> "the role moved from " + f.owner() + " to " + server.owner(vm).orElse("?") + " since the alarm fired";
            case FAILOVER_LOGGED -> "the cluster moved the role at " + server.ownerChangesSince(vm, f.evidenceSince()) + ", after the last good result at "
                    + f.evidenceSince();
        };
    }

    /** Runs an action to its end without blocking the clock: operations are looked at every second. */
    private void execute(MonitorAction action, Firing f, Runnable ok, Consumer<String> failed) {
        try {
            if (action instanceof MonitorAction.FailoverRole) watch(server.failover(f.vm()), ok, failed);
            else if (action instanceof MonitorAction.RestartVm) watch(server.restart(f.vm()), ok, failed);
            else if (action instanceof MonitorAction.Migrate a) watch(server.migrate(f.vm(), a.type()), ok, failed);
            else if (action instanceof MonitorAction.StartService a) watch(server.startService(f.vm(), a.service()), ok, failed);
            else if (action instanceof MonitorAction.Script a)
                watch(server.runScript(a.commandLine(), Map.of("HV_ALARM", f.alarm(), "HV_VM", f.vm())), clock.now().plus(a.timeout()), ok,
                        failed);
            else if (action instanceof MonitorAction.Callback a) {
                a.body().accept(f);
                ok.run();
            } else if (action instanceof MonitorAction.Sequence a) steps(a.steps(), 0, f, ok, failed);
            else if (action instanceof MonitorAction.Fallback a)
                execute(a.primary(), f, ok, why -> execute(a.otherwise(), f, ok, why2 -> failed.accept(why + "; then " + why2)));
        } catch (RuntimeException e) {
            failed.accept(String.valueOf(e.getMessage()));
        }
    }

    private void steps(List<MonitorAction> steps, int i, Firing f, Runnable ok, Consumer<String> failed) {
        if (i == steps.size()) {
            ok.run();
            return;
        }
        execute(steps.get(i), f, () -> steps(steps, i + 1, f, ok, failed), why -> failed.accept(steps.get(i).describe() + ": " + why));
    }

    private void watch(Operation<?> op, Runnable ok, Consumer<String> failed) {
        watch(op, null, ok, failed);
    }

    /** As above; an operation still running at {@code deadline} (null: none) is cancelled and fails. */
    private void watch(Operation<?> op, Instant deadline, Runnable ok, Consumer<String> failed) {
        if (!op.isDone() && deadline != null && !clock.now().isBefore(deadline)) {
            op.cancel();
            failed.accept("killed: still running at its deadline " + deadline);
            return;
        }
        if (!op.isDone()) {
            clock.at(clock.now().plus(WATCH), () -> watch(op, deadline, ok, failed));
            return;
        }
        Object result;
        try {
            result = op.await(COLLECT);
        } catch (RuntimeException e) {
            failed.accept(String.valueOf(e.getMessage()));
            return;
        }
        if (result instanceof Integer code && code != 0) failed.accept("exit code " + code);
        else ok.run();
    }

    private void record(MonitorEvent.Kind kind, String alarm, String vm, String action, String detail, SkipReason skip) {
        MonitorEvent ev;
        synchronized (this) {
            ev = new MonitorEvent(clock.now(), kind, alarm, vm, action, detail == null ? "" : detail, skip);
            history.add(ev);
        }
        LOG.debug("{}", ev);
        for (Consumer<MonitorEvent> l : listeners) {
            try {
                l.accept(ev);
            } catch (RuntimeException e) {
                LOG.warn("monitor event listener failed on {}", ev, e);
            }
        }
    }

    private static final class Entry {
        final String name;
        final Alarm.Source source;
        final String vm;
        boolean abnormal;
        Instant since;
        Instant lastGood;
        Duration interval;
        Duration timeout;

        Entry(String name, Alarm.Source source, String vm, Instant created) {
            this.name = name;
            this.source = source;
            this.vm = vm;
            this.lastGood = created;
        }
    }

    private record Binding(String alarm, String vm, MonitorAction action, boolean guarded) {
    }
}
