package io.hyperv4j.scvmm.sim.guest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.scvmm.monitor.Alarm;
import io.hyperv4j.scvmm.monitor.ClusterManagementServer;
import io.hyperv4j.scvmm.monitor.Firing;
import io.hyperv4j.scvmm.monitor.MonitorAction;
import io.hyperv4j.scvmm.monitor.MonitorEvent;
import io.hyperv4j.scvmm.monitor.MonitorSnapshot;
import io.hyperv4j.scvmm.monitor.SkipReason;
import io.hyperv4j.sim.LabJson;
import io.hyperv4j.sim.PowerState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The guests and the monitoring station in the lab file. Reading checks every field and every
 * reference (a guest's VM, a guest cluster's nodes, a binding's alarm, a pending action's binding)
 * and refuses the file naming the JSON path at fault; the world is filled only from a section read
 * whole. A Java callback action is code, so a station that has one bound cannot be saved.
 */
final class GuestLabFile {
    private GuestLabFile() {
    }

    // ---- the guests ----

    static void save(GuestWorld w, ObjectNode into) {
        ArrayNode guests = into.putArray("guests");
        for (GuestWorld.Guest g : w.guests.values()) {
            ObjectNode n = guests.addObject().put("vm", g.vm).put("service", g.service).put("state", g.state.name())
                    .put("coldBoot", g.coldBoot).put("heartbeatMonitored", g.heartbeatMonitored).put("manualStart", g.manualStart);
            g.faults.forEach(f -> n.withArray("faults").add(f.name()));
            time(n, "runningAt", g.runningAt);
            time(n, "stoppedAt", g.stoppedAt);
            time(n, "heartbeatLostSince", g.heartbeatLostSince);
            time(n, "rebootAt", g.rebootAt);
            time(n, "lastStartedAt", g.lastStartedAt);
            if (g.lastSeen != null) n.put("lastSeen", g.lastSeen.name());
        }
        strings(into.putArray("isolatedHosts"), new java.util.TreeSet<>(w.isolatedHosts));
        ObjectNode os = into.putObject("guestOs");
        w.guestOs.forEach(os::put);
        strings(into.putArray("clusterAware"), w.clusterAware);
        into.put("heartbeatRestarts", w.heartbeatRestarts);
        ArrayNode log = into.putArray("log");
        w.log.forEach(e -> log.addObject().put("time", e.time().toString()).put("vm", e.vm()).put("eventId", e.eventId()).put("service", e.service())
                .put("message", e.message()));
        ArrayNode clusters = into.putArray("guestClusters");
        for (GuestCluster c : w.guestClusters) {
            ObjectNode n = clusters.addObject().put("name", c.name).put("address", c.address).put("active", c.active).put("addressOnline", c.addressOnline)
                    .put("failoverFrom", c.failoverFrom);
            n.putArray("nodes").add(c.nodes[0]).add(c.nodes[1]);
            time(n, "failingSince", c.failingSince);
            time(n, "failoverStart", c.failoverStart);
            ArrayNode fs = n.putArray("failovers");
            c.failovers.forEach(f -> fs.addObject().put("from", f.from()).put("to", f.to()).put("started", f.started().toString())
                    .put("duration", f.duration().toString()));
        }
    }

    static void load(LabJson from, GuestWorld w) {
        for (LabJson n : from.objectsIfPresent("guests")) {
            String vm = vm(n, "vm", w);
            if (w.guests.containsKey(vm)) throw n.invalid("vm", "a second guest entry for " + vm);
            GuestWorld.Guest g = new GuestWorld.Guest(vm, n.string("service"));
            g.state = n.constant("state", ServiceState.class);
            for (LabJson f : n.has("faults") ? n.array("faults") : List.<LabJson>of()) {
                try {
                    g.faults.add(GuestFault.valueOf(f.node().asText()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(f.path() + ": expected one of " + List.of(GuestFault.values()) + ", found " + f.node());
                }
            }
            g.runningAt = n.instant("runningAt", null);
            g.stoppedAt = n.instant("stoppedAt", null);
            g.heartbeatLostSince = n.instant("heartbeatLostSince", null);
            g.rebootAt = n.instant("rebootAt", null);
            g.lastStartedAt = n.instant("lastStartedAt", null);
            g.lastSeen = n.has("lastSeen") ? n.constant("lastSeen", PowerState.class) : null;
            if (g.state == ServiceState.STARTING && g.runningAt == null) throw n.invalid("runningAt", "a starting service needs the time it runs at");
            if (g.state == ServiceState.STOPPING && g.stoppedAt == null) throw n.invalid("stoppedAt", "a stopping service needs the time it stops at");
            g.coldBoot = n.bool("coldBoot", false);
            g.heartbeatMonitored = n.bool("heartbeatMonitored", false);
            g.manualStart = n.bool("manualStart", false);
            w.guests.put(vm, g);
        }
        for (String h : from.stringArray("isolatedHosts")) {
            if (w.lab().host(h) == null) throw from.invalid("isolatedHosts", "the lab has no host " + h);
            w.isolatedHosts.add(h.toLowerCase(java.util.Locale.ROOT));
        }
        for (Map.Entry<String, String> e : from.strings("guestOs").entrySet()) {
            if (!vmExists(w, e.getKey())) throw from.invalid("guestOs", "the lab has no VM " + e.getKey());
            w.guestOs.put(e.getKey(), e.getValue());
        }
        if (from.has("clusterAware")) w.clusterAware.addAll(from.stringArray("clusterAware"));
        w.heartbeatRestarts = (int) from.integer("heartbeatRestarts", 0, Integer.MAX_VALUE, 0);
        for (LabJson n : from.objectsIfPresent("log"))
            w.log.add(new GuestLogEntry(n.instant("time"), n.string("vm"), (int) n.integer("eventId", 0, 65535), n.string("service"), n.string("message")));
        Set<String> names = new HashSet<>();
        for (LabJson n : from.objectsIfPresent("guestClusters")) {
            List<String> nodes = n.stringArray("nodes");
            if (nodes.size() != 2) throw n.invalid("nodes", "a guest cluster has two nodes, found " + nodes.size());
            for (String vm : nodes) if (!w.guests.containsKey(vm)) throw n.invalid("nodes", vm + " has no guest service");
            GuestCluster c = new GuestCluster(w, n.string("name"), n.string("address"), nodes.get(0), nodes.get(1));
            if (!names.add(c.name.toLowerCase(java.util.Locale.ROOT))) throw n.invalid("name", "a second guest cluster " + c.name);
            c.active = (int) n.integer("active", 0, 1);
            c.failoverFrom = (int) n.integer("failoverFrom", 0, 1, 0);
            c.addressOnline = n.bool("addressOnline", true);
            c.failingSince = n.instant("failingSince", null);
            c.failoverStart = n.instant("failoverStart", null);
            for (LabJson f : n.objectsIfPresent("failovers"))
                c.failovers.add(new GuestCluster.Failover(f.string("from"), f.string("to"), f.instant("started"), f.duration("duration")));
            w.add(c);
        }
    }

    // ---- the monitoring station ----

    static void save(MonitorStation.Saved s, ObjectNode into) {
        MonitorSnapshot t = s.table();
        ArrayNode alarms = into.putArray("alarms");
        for (MonitorSnapshot.AlarmState a : t.alarms()) {
            ObjectNode n = alarms.addObject().put("name", a.name()).put("source", a.source().name()).put("vm", a.vm()).put("abnormal", a.abnormal())
                    .put("lastGood", a.lastGood().toString());
            time(n, "since", a.since());
            time(n, "nextPoll", a.nextPoll());
            if (a.interval() != null) n.put("interval", a.interval().toString()).put("timeout", a.timeout().toString());
        }
        ArrayNode bindings = into.putArray("bindings");
        for (MonitorSnapshot.BindingState b : t.bindings()) {
            ObjectNode n = bindings.addObject().put("alarm", b.alarm()).put("vm", b.vm()).put("guarded", b.guarded());
            action(b.action(), n.putObject("action"));
        }
        ArrayNode history = into.putArray("history");
        for (MonitorEvent e : t.history()) {
            ObjectNode n = history.addObject().put("time", e.time().toString()).put("kind", e.kind().name()).put("alarm", e.alarm()).put("vm", e.vm())
                    .put("action", e.action()).put("detail", e.detail());
            if (e.skip() != null) n.put("skip", e.skip().name());
        }
        ArrayNode reports = into.putArray("reports");
        t.reports().forEach(r -> reports.addObject().put("at", r.at().toString()).put("alarm", r.alarm()).put("ok", r.ok())
                .put("observedAt", r.observedAt().toString()).put("detail", r.detail()));
        ArrayNode pending = into.putArray("pending");
        for (MonitorSnapshot.PendingAction p : t.pending()) {
            ObjectNode n = pending.addObject().put("binding", p.binding()).put("at", p.at().toString()).put("running", p.running())
                    .put("ownerBefore", p.ownerBefore());
            Firing f = p.firing();
            ObjectNode fn = n.putObject("firing").put("alarm", f.alarm()).put("vm", f.vm()).put("firedAt", f.firedAt().toString())
                    .put("owner", f.owner());
            time(fn, "evidenceSince", f.evidenceSince());
            p.step().forEach(n.putArray("step")::add);
            ObjectNode carried = n.putObject("carried");
            p.carried().forEach(carried::put);
        }
        ArrayNode owners = into.putArray("ownerChanges");
        s.ownerChanges().forEach(o -> owners.addObject().put("role", o.role()).put("at", o.at().toString()));
    }

    static MonitorStation.Saved station(LabJson from, GuestWorld w) {
        List<MonitorSnapshot.AlarmState> alarms = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (LabJson n : from.objectsIfPresent("alarms")) {
            Alarm.Source source = n.constant("source", Alarm.Source.class);
            boolean probe = source == Alarm.Source.PROBE;
            String name = n.string("name");
            if (!names.add(name)) throw n.invalid("name", "a second alarm " + name);
            String vm = probe ? guestVm(n, w) : n.string("vm");
            alarms.add(new MonitorSnapshot.AlarmState(name, source, vm, n.bool("abnormal", false), n.instant("since", null), n.instant("lastGood"),
                    probe ? positive(n, "interval") : null, probe ? positive(n, "timeout") : null, probe ? n.instant("nextPoll") : null));
        }
        List<MonitorSnapshot.BindingState> bindings = new ArrayList<>();
        for (LabJson n : from.objectsIfPresent("bindings")) {
            if (!names.contains(n.string("alarm"))) throw n.invalid("alarm", "no alarm " + n.string("alarm") + " in the table");
            bindings.add(new MonitorSnapshot.BindingState(n.string("alarm"), vm(n, "vm", w), action(n.object("action")), n.bool("guarded", false)));
        }
        List<MonitorEvent> history = new ArrayList<>();
        for (LabJson n : from.objectsIfPresent("history")) {
            MonitorEvent.Kind kind = n.constant("kind", MonitorEvent.Kind.class);
            SkipReason skip = n.has("skip") ? n.constant("skip", SkipReason.class) : null;
            if ((kind == MonitorEvent.Kind.ACTION_SKIPPED) != (skip != null)) throw n.invalid("skip", "a skip, and only a skip, has a reason");
            history.add(new MonitorEvent(n.instant("time"), kind, n.string("alarm"), n.string("vm", ""), n.string("action", ""), n.string("detail", ""), skip));
        }
        List<MonitorSnapshot.Report> reports = new ArrayList<>();
        for (LabJson n : from.objectsIfPresent("reports")) {
            if (!names.contains(n.string("alarm"))) throw n.invalid("alarm", "no alarm " + n.string("alarm") + " in the table");
            reports.add(new MonitorSnapshot.Report(n.instant("at"), n.string("alarm"), n.bool("ok", false), n.instant("observedAt"), n.string("detail", "")));
        }
        List<MonitorSnapshot.PendingAction> pending = new ArrayList<>();
        for (LabJson n : from.objectsIfPresent("pending")) {
            int b = (int) n.integer("binding", 0, Math.max(0, bindings.size() - 1));
            if (bindings.isEmpty()) throw n.invalid("binding", "the table has no bindings");
            LabJson fn = n.object("firing");
            Firing f = new Firing(fn.string("alarm"), vm(fn, "vm", w), fn.instant("firedAt"), fn.instant("evidenceSince", null), fn.string("owner", ""));
            List<Integer> step = new ArrayList<>();
            for (LabJson i : n.has("step") ? n.array("step") : List.<LabJson>of()) {
                if (!i.node().isInt() || i.node().intValue() < 0) throw new IllegalArgumentException(i.path() + ": expected a step index, found " + i.node());
                step.add(i.node().intValue());
            }
            boolean running = n.bool("running", false);
            if (running) stepOf(n, bindings.get(b).action(), step);
            pending.add(new MonitorSnapshot.PendingAction(b, f, n.instant("at"), running, step, n.strings("carried"), n.string("ownerBefore", "")));
        }
        List<ClusterManagementServer.OwnerChange> owners = new ArrayList<>();
        for (LabJson n : from.objectsIfPresent("ownerChanges")) owners.add(new ClusterManagementServer.OwnerChange(n.string("role"), n.instant("at")));
        return new MonitorStation.Saved(new MonitorSnapshot(alarms, bindings, history, reports, pending), owners);
    }

    /** Checks that {@code step} leads to a step of {@code root}. */
    private static void stepOf(LabJson n, MonitorAction root, List<Integer> step) {
        MonitorAction a = root;
        for (int i : step) {
            if (a instanceof MonitorAction.Sequence q && i < q.steps().size()) a = q.steps().get(i);
            else if (a instanceof MonitorAction.Fallback fb && i < 2) a = i == 0 ? fb.primary() : fb.otherwise();
            else throw n.invalid("step", "no step " + step + " in " + root.describe());
        }
        if (a instanceof MonitorAction.Sequence || a instanceof MonitorAction.Fallback) throw n.invalid("step", step + " is no single step of " + root.describe());
    }

    private static void action(MonitorAction a, ObjectNode n) {
        if (a instanceof MonitorAction.FailoverRole) n.put("type", "failover");
        else if (a instanceof MonitorAction.RestartVm) n.put("type", "restart");
        else if (a instanceof MonitorAction.Migrate m) n.put("type", "migrate").put("migration", m.describe()); // live-migrate, quick-migrate
        else if (a instanceof MonitorAction.StartService m) n.put("type", "start-service").put("service", m.service());
        else if (a instanceof MonitorAction.StopService m) n.put("type", "stop-service").put("service", m.service());
        else if (a instanceof MonitorAction.Script m) {
            n.put("type", "script").put("timeout", m.timeout().toString());
            strings(n.putArray("commandLine"), m.commandLine());
        } else if (a instanceof MonitorAction.Sequence m) {
            n.put("type", "sequence");
            ArrayNode steps = n.putArray("steps");
            m.steps().forEach(x -> action(x, steps.addObject()));
        } else if (a instanceof MonitorAction.Fallback m) {
            n.put("type", "fallback");
            action(m.primary(), n.putObject("primary"));
            action(m.otherwise(), n.putObject("otherwise"));
        } else {
            throw new IllegalStateException("the monitor has a Java callback bound (" + a.describe() + "), which is code and cannot be saved in a lab file");
        }
    }

    private static MonitorAction action(LabJson n) {
        String type = n.string("type");
        try {
            return switch (type) {
                case "failover" -> new MonitorAction.FailoverRole();
                case "restart" -> new MonitorAction.RestartVm();
                case "migrate" -> MonitorAction.parse(n.string("migration"), "");
                case "start-service" -> new MonitorAction.StartService(n.string("service"));
                case "stop-service" -> new MonitorAction.StopService(n.string("service"));
                case "script" -> new MonitorAction.Script(n.stringArray("commandLine"), positive(n, "timeout"));
                case "sequence" -> new MonitorAction.Sequence(n.objects("steps").stream().map(GuestLabFile::action).toList());
                case "fallback" -> new MonitorAction.Fallback(action(n.object("primary")), action(n.object("otherwise")));
                default -> throw n.invalid("type", "expected failover, restart, migrate, start-service, stop-service, script, sequence or fallback, found '" + type + "'");
            };
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("$")) throw e;
            throw n.invalid("type", e.getMessage());
        }
    }

    private static Duration positive(LabJson n, String field) {
        Duration d = n.duration(field);
        if (d.isZero()) throw n.invalid(field, "must be positive");
        return d;
    }

    private static String guestVm(LabJson n, GuestWorld w) {
        String vm = n.string("vm");
        if (!w.guests.containsKey(vm)) throw n.invalid("vm", vm + " has no guest service");
        return w.guests.get(vm).vm;
    }

    private static String vm(LabJson n, String field, GuestWorld w) {
        String vm = n.string(field);
        if (!vmExists(w, vm)) throw n.invalid(field, "the lab has no VM " + vm);
        return w.simVm(vm).name();
    }

    private static boolean vmExists(GuestWorld w, String vm) {
        try {
            w.simVm(vm);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void time(ObjectNode n, String field, Instant t) {
        if (t != null) n.put(field, t.toString());
    }

    /** A loop, not {@code values.forEach(a::add)} at each site: the class-data archive holds one proxy per identical method reference of a class. */
    private static void strings(ArrayNode a, Iterable<String> values) {
        for (String v : values) a.add(v);
    }
}
