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
import java.util.function.Function;
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
    private final List<MonitorSnapshot.Report> reports = new ArrayList<>();
    private final List<Run> runs = new ArrayList<>();
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
        return startPolls(e, probe, clock.now());
    }

    /** Polls {@code e} with {@code probe} from {@code first} on; the returned handle stops the polls. */
    private Subscription startPolls(Entry e, Probe probe, Instant first) {
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
                r = probe.check(e.timeout);
            } catch (RuntimeException failure) {
                r = new ProbeResult(false, Duration.ZERO, "probe failed: " + failure.getMessage());
            }
            Duration took = r.took().compareTo(e.timeout) > 0 ? e.timeout : r.took();
            Instant ended = at.plus(took);
            reportLater(new MonitorSnapshot.Report(ended.plus(timings.alarmLatency()), e.name, r.ok(), at, r.detail()));
            synchronized (this) {
                e.nextPoll = ended.plus(e.interval);
                if (!closed[0]) next[0] = clock.at(e.nextPoll, poll[0]);
            }
        };
        e.nextPoll = first;
        next[0] = clock.at(first, poll[0]);
        return () -> {
            synchronized (this) {
                closed[0] = true;
                if (next[0] != null) next[0].close();
            }
        };
    }

    /** A result reaches its alarm at {@code r.at()}; until then it is part of the table's state. */
    private void reportLater(MonitorSnapshot.Report r) {
        synchronized (this) {
            reports.add(r);
        }
        clock.at(r.at(), () -> {
            synchronized (this) {
                reports.remove(r);
            }
            Entry e;
            synchronized (this) {
                e = alarms.get(r.alarm());
            }
            if (e != null) report(e, r.ok(), r.observedAt(), r.detail());
        });
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
            Entry restored = alarms.get(id);
            boolean reattach = restored != null && restored.source == Alarm.Source.THRESHOLD && restored.vm.equalsIgnoreCase(vm) && restored.unfed;
            added.put(id, reattach ? restored : newEntry(id, Alarm.Source.THRESHOLD, vm));
        }
        added.values().forEach(e -> e.unfed = false);
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
            dispatch(new Run(b, f, f.firedAt().plus(timings.dispatch())));
        }
    }

    /** The action waits for its turn, part of the table's state until then. */
    private void dispatch(Run r) {
        synchronized (this) {
            runs.add(r);
        }
        clock.at(r.at, () -> run(r));
    }

    private void run(Run r) {
        Binding b = r.binding;
        Firing f = r.firing;
        String what = b.action.describe();
        if (b.guarded && b.action.movesRole()) {
            SkipReason skip = guard(b, f);
            if (skip != null) {
                end(r);
                record(MonitorEvent.Kind.ACTION_SKIPPED, f.alarm(), b.vm, what, explain(skip, b.vm, f), skip);
                return;
            }
        }
        record(MonitorEvent.Kind.ACTION_STARTED, f.alarm(), b.vm, what, "", null);
        step(r, List.of());
    }

    private synchronized void end(Run r) {
        runs.remove(r);
    }

    private void finished(Run r, String failure) {
        end(r);
        String what = r.binding.action.describe();
        if (failure == null) record(MonitorEvent.Kind.ACTION_SUCCEEDED, r.firing.alarm(), r.binding.vm, what, "", null);
        else record(MonitorEvent.Kind.ACTION_FAILED, r.firing.alarm(), r.binding.vm, what, failure, null);
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

    /** The action at {@code path} inside {@code root}. */
    private static MonitorAction at(MonitorAction root, List<Integer> path) {
        MonitorAction a = root;
        for (int i : path) {
            if (a instanceof MonitorAction.Sequence q) a = q.steps().get(i);
            else if (a instanceof MonitorAction.Fallback fb) a = i == 0 ? fb.primary() : fb.otherwise();
            else throw new IllegalArgumentException("no step " + path + " in " + root.describe());
        }
        return a;
    }

    private static List<Integer> child(List<Integer> path, int i) {
        List<Integer> c = new ArrayList<>(path);
        c.add(i);
        return List.copyOf(c);
    }

    private static String key(List<Integer> path) {
        return String.join(".", path.stream().map(String::valueOf).toList());
    }

    /**
     * Runs the step at {@code path} without blocking the clock (operations are looked at every second);
     * a sequence or fallback runs its first child. Where the run stands is kept, so a snapshot resumes it.
     */
    private void step(Run r, List<Integer> path) {
        MonitorAction a = at(r.binding.action, path);
        if (a instanceof MonitorAction.Sequence || a instanceof MonitorAction.Fallback) {
            step(r, child(path, 0));
            return;
        }
        Firing f = r.firing;
        synchronized (this) {
            r.step = path;
            r.at = clock.now();
            r.ownerBefore = a.movesRole() ? server.owner(f.vm()).orElse("") : "";
        }
        try {
            if (a instanceof MonitorAction.FailoverRole) watch(r, server.failover(f.vm()), null);
            else if (a instanceof MonitorAction.RestartVm) watch(r, server.restart(f.vm()), null);
            else if (a instanceof MonitorAction.Migrate m) watch(r, server.migrate(f.vm(), m.type()), null);
            else if (a instanceof MonitorAction.StartService m) watch(r, server.startService(f.vm(), m.service()), null);
            else if (a instanceof MonitorAction.StopService m) watch(r, server.stopService(f.vm(), m.service()), null);
            else if (a instanceof MonitorAction.Script m)
                watch(r, server.runScript(m.commandLine(), Map.of("HV_ALARM", f.alarm(), "HV_VM", f.vm())), clock.now().plus(m.timeout()));
            else if (a instanceof MonitorAction.Callback m) {
                m.body().accept(f);
                succeeded(r, path);
            }
        } catch (RuntimeException e) {
            failed(r, path, String.valueOf(e.getMessage()));
        }
    }

    /** The step at {@code path} ended well: the next step of its sequence runs, or its parent ended well too. */
    private void succeeded(Run r, List<Integer> path) {
        if (path.isEmpty()) {
            finished(r, null);
            return;
        }
        List<Integer> parent = path.subList(0, path.size() - 1);
        int i = path.get(path.size() - 1);
        MonitorAction p = at(r.binding.action, parent);
        if (p instanceof MonitorAction.Sequence q && i + 1 < q.steps().size()) step(r, child(parent, i + 1));
        else succeeded(r, List.copyOf(parent));
    }

    /** The step at {@code path} failed: a sequence stops, a fallback runs its alternative, or the failure goes up. */
    private void failed(Run r, List<Integer> path, String why) {
        if (path.isEmpty()) {
            finished(r, why);
            return;
        }
        List<Integer> parent = List.copyOf(path.subList(0, path.size() - 1));
        int i = path.get(path.size() - 1);
        MonitorAction p = at(r.binding.action, parent);
        if (p instanceof MonitorAction.Fallback && i == 0) {
            synchronized (this) {
                r.carried.put(key(parent), why);
            }
            step(r, child(parent, 1));
        } else if (p instanceof MonitorAction.Fallback) {
            String first;
            synchronized (this) {
                first = r.carried.remove(key(parent));
            }
            failed(r, parent, first + "; then " + why);
        } else {
            failed(r, parent, at(r.binding.action, path).describe() + ": " + why);
        }
    }

    /** Follows a step's operation; one still running at {@code deadline} (null: none) is cancelled and fails. */
    private void watch(Run r, Operation<?> op, Instant deadline) {
        List<Integer> path = r.step;
        if (!op.isDone() && deadline != null && !clock.now().isBefore(deadline)) {
            op.cancel();
            failed(r, path, "killed: still running at its deadline " + deadline);
            return;
        }
        if (!op.isDone()) {
            clock.at(clock.now().plus(WATCH), () -> watch(r, op, deadline));
            return;
        }
        Object result;
        try {
            result = op.await(COLLECT);
        } catch (RuntimeException e) {
            failed(r, path, String.valueOf(e.getMessage()));
            return;
        }
        if (result instanceof Integer code && code != 0) failed(r, path, "exit code " + code);
        else succeeded(r, path);
    }

    /**
     * A restored move step: its operation belonged to the table that was saved, so the role itself is
     * followed: the step ends when the role stops moving, well if its owner changed.
     */
    private void watchRole(Run r) {
        String vm = r.firing.vm();
        if (server.moving(vm)) {
            clock.at(clock.now().plus(WATCH), () -> watchRole(r));
            return;
        }
        String owner = server.owner(vm).orElse("");
        if (!owner.equalsIgnoreCase(r.ownerBefore)) succeeded(r, r.step);
        else failed(r, r.step, "the role of '" + vm + "' stayed on " + owner);
    }

    /**
     * The table's whole state now, for saving it with a lab.
     *
     * @return the snapshot
     */
    public synchronized MonitorSnapshot snapshot() {
        List<MonitorSnapshot.AlarmState> as = alarms.values().stream().map(e -> new MonitorSnapshot.AlarmState(e.name, e.source, e.vm, e.abnormal,
                e.since, e.lastGood, e.interval, e.timeout, e.nextPoll)).toList();
        List<MonitorSnapshot.BindingState> bs = bindings.stream().map(b -> new MonitorSnapshot.BindingState(b.alarm, b.vm, b.action, b.guarded)).toList();
        List<MonitorSnapshot.PendingAction> ps = new ArrayList<>();
        for (Run r : runs)
            ps.add(new MonitorSnapshot.PendingAction(bindings.indexOf(r.binding), r.firing, r.at, r.step != null, r.step == null ? List.of() : r.step, r.carried,
                    r.ownerBefore));
        return new MonitorSnapshot(as, bs, history, reports, ps);
    }

    /**
     * Restores a snapshot into this table, which must be empty: alarms, bindings and history come
     * back, polls go on at their next time, results reach their alarms and waiting actions start when
     * they were due (or now, if that has passed). A running step that moves the role is followed
     * through the role (it ends when the role stops moving, well if the owner changed); any other
     * running step belonged to the saved table's process and fails as interrupted.
     *
     * @param s      the snapshot
     * @param probes the probe of each probe alarm
     * @return this table
     * @throws IllegalStateException    when the table is not empty
     * @throws IllegalArgumentException when the snapshot names an unknown VM, alarm or binding
     */
    public AlarmTable restore(MonitorSnapshot s, Function<Alarm, Probe> probes) {
        List<Runnable> start = new ArrayList<>();
        synchronized (this) {
            if (!alarms.isEmpty() || !bindings.isEmpty() || !history.isEmpty()) throw new IllegalStateException("restore into an empty table only");
            for (MonitorSnapshot.AlarmState a : s.alarms()) {
                Entry e = newEntry(a.name(), a.source(), a.vm());
                e.abnormal = a.abnormal();
                e.since = a.since();
                e.lastGood = a.lastGood();
                e.interval = a.interval();
                e.timeout = a.timeout();
                e.unfed = a.source() == Alarm.Source.THRESHOLD;
                alarms.put(a.name(), e);
                if (a.source() == Alarm.Source.PROBE) {
                    Probe p = Objects.requireNonNull(probes.apply(new Alarm(a.name(), a.source(), a.vm(), a.abnormal(), a.since())), "probe");
                    start.add(() -> startPolls(e, p, a.nextPoll()));
                }
            }
            for (MonitorSnapshot.BindingState b : s.bindings()) {
                if (!alarms.containsKey(b.alarm())) throw new IllegalArgumentException("a binding names no alarm '" + b.alarm() + "'");
                requireVm(b.vm());
                bindings.add(new Binding(b.alarm(), b.vm(), b.action(), b.guarded()));
            }
            history.addAll(s.history());
            for (MonitorSnapshot.Report r : s.reports()) {
                if (!alarms.containsKey(r.alarm())) throw new IllegalArgumentException("a result names no alarm '" + r.alarm() + "'");
                start.add(() -> reportLater(r));
            }
            for (MonitorSnapshot.PendingAction p : s.pending()) {
                if (p.binding() < 0 || p.binding() >= bindings.size()) throw new IllegalArgumentException("no binding " + p.binding());
                Run r = new Run(bindings.get(p.binding()), p.firing(), p.at());
                if (!p.running()) {
                    start.add(() -> dispatch(r));
                    continue;
                }
                MonitorAction step = at(r.binding.action, p.step());
                r.step = p.step();
                r.carried.putAll(p.carried());
                r.ownerBefore = p.ownerBefore();
                runs.add(r);
                start.add(step.movesRole() ? () -> clock.at(clock.now(), () -> watchRole(r))
                        : () -> clock.at(clock.now(), () -> failed(r, r.step, "interrupted: the management server stopped while it ran")));
            }
        }
        start.forEach(Runnable::run);
        return this;
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
        Instant nextPoll;
        /** A restored threshold alarm not yet fed again by {@link #feed}. */
        boolean unfed;

        Entry(String name, Alarm.Source source, String vm, Instant created) {
            this.name = name;
            this.source = source;
            this.vm = vm;
            this.lastGood = created;
        }
    }

    private record Binding(String alarm, String vm, MonitorAction action, boolean guarded) {
    }

    /** One firing's action: waiting until {@code at}, or running the step at {@code step}. */
    private static final class Run {
        final Binding binding;
        final Firing firing;
        Instant at;
        List<Integer> step;
        final Map<String, String> carried = new LinkedHashMap<>();
        String ownerBefore = "";

        Run(Binding binding, Firing firing, Instant at) {
            this.binding = binding;
            this.firing = firing;
            this.at = at;
        }
    }
}
