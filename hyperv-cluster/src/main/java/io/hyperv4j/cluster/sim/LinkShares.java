package io.hyperv4j.cluster.sim;

import io.hyperv4j.cluster.migration.LiveMigrationInput;
import io.hyperv4j.cluster.migration.LiveMigrationPlan;
import io.hyperv4j.cluster.migration.MigrationLink;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.Txn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How live migrations share the links of a network: every node has one adapter on it, and a
 * migration's pages leave its source's adapter and arrive on its destination's. Migrations that
 * start copying together on an adapter split its speed evenly; one that arrives while others are
 * copying on it waits in its setup until their copy (and pause) is over, so an adapter never carries
 * more than its speed. Planning happens when a move starts, and a move still in its setup is planned
 * again when another one comes to share its adapter (it has copied nothing, so its plan is free to
 * change). Called under the lab lock.
 */
final class LinkShares {
    private final ClusterEngine engine;

    LinkShares(ClusterEngine engine) {
        this.engine = engine;
    }

    /** Live migrations on {@code network} through {@code a} or {@code b}: source or destination. */
    private static List<SimMigration> through(SimCluster c, String network, SimNode a, SimNode b) {
        List<SimMigration> out = new ArrayList<>();
        for (SimGroup g : c.groups.values()) {
            SimMigration m = g.migration;
            if (m == null || m.kind != SimMigration.Kind.LIVE || m.network == null || !m.network.equalsIgnoreCase(network)) continue;
            if (m.source == a || m.source == b || m.destination == a || m.destination == b) out.add(m);
        }
        return out;
    }

    private static boolean copying(SimMigration m, Instant now) {
        return m.round >= 0 || m.phase == SimMigration.Phase.BLACKOUT || !now.isBefore(m.started.plus(m.livePlan.setup()));
    }

    /**
     * The plan of a live migration started at {@code started} on {@code net} (not yet registered):
     * its share of the adapters, and its copy delayed until copies already running on them end.
     */
    LiveMigrationPlan plan(SimCluster c, SimGroup g, SimVm vm, SimNode source, SimNode dest, SimNetwork net, Instant started,
                           Instant now, java.util.Optional<Duration> blackoutLimit, SimMigration self) {
        int sharers = 1;
        Instant linkFree = now;
        for (SimMigration o : through(c, net.name, source, dest)) {
            if (o == self) continue;
            if (copying(o, now)) {
                Instant free = o.started.plus(o.livePlan.switchover());
                if (free.isAfter(linkFree)) linkFree = free;
            } else {
                sharers++;
            }
        }
        VmTraits t = engine.traits(vm.id());
        long bytes = vm.memoryMb() << 20;
        // what the lab's other flows (transfers, redirected CSV I/O, backups) leave it on either adapter
        double fabric = Double.POSITIVE_INFINITY;
        for (String link : adapters(net, source, dest)) fabric = Math.min(fabric, engine.lab.fabric().newcomerShare(link) * 8);
        LiveMigrationInput in = new LiveMigrationInput(bytes, t.workload.dirtyBytesPerSecond(), t.workload.workingSetBytes(bytes),
                t.passThroughDisks, new MigrationLink(Math.min(net.bitsPerSecond / sharers, fabric), net.roundTrip), blackoutLimit);
        LiveMigrationPlan plan = engine.liveModel().plan(in);
        return plan.delayedBy(Duration.between(started.plus(plan.setup()), linkFree));
    }

    /** The two nodes' adapters on {@code net} as links of the lab's fabric, made or resized to the network's speed. */
    List<String> adapters(SimNetwork net, SimNode a, SimNode b) {
        String from = io.hyperv4j.sim.Fabric.adapter(a.name, net.name), to = io.hyperv4j.sim.Fabric.adapter(b.name, net.name);
        engine.lab.fabric().link(from, net.bitsPerSecond / 8, Double.POSITIVE_INFINITY);
        engine.lab.fabric().link(to, net.bitsPerSecond / 8, Double.POSITIVE_INFINITY);
        return List.of(from, to);
    }

    /**
     * A new migration {@code m} shares the adapters of the migrations still in their setup: each is
     * planned again with its new share, and its steps rescheduled.
     */
    void rebalance(Txn txn, SimCluster c, SimMigration m) {
        Instant now = txn.now();
        SimNetwork net = c.network(m.network);
        for (SimMigration o : through(c, m.network, m.source, m.destination)) {
            if (o == m || copying(o, now)) continue;
            SimVm vm = engine.lab.vm(o.group.vmId);
            if (vm == null) continue;
            txn.touch(o.group);
            o.replan(plan(c, o.group, vm, o.source, o.destination, net, o.started, now, o.blackoutLimit, o));
            engine.moves().execution().reschedule(txn, o);
        }
    }
}
