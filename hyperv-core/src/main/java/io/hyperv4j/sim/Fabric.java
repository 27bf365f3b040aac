package io.hyperv4j.sim;

import io.hyperv4j.substrate.FlowNetwork;
import io.hyperv4j.substrate.FlowNetwork.FlowSpec;
import io.hyperv4j.substrate.Seconds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lab's physical fabric on its clock: the links (hosts' adapters on networks, LUs, CSVs) and
 * the flows of bytes over them, shared by {@link FlowNetwork}'s rule. A provider starts a flow when
 * its move starts moving bytes and learns when the bytes are through; rates are re-shared whenever
 * any flow starts or ends, so a flow speeds up when others finish and slows down when others join.
 *
 * <p>Links are named with {@link #adapter} and {@link #storage} so providers that know nothing of
 * each other (the cluster's redirected CSV I/O, the management server's transfers, backups) land
 * on the same link. Thread-safe; end callbacks run on the clock's thread, outside this object's
 * lock and outside the lab lock (take it if the callback changes the lab).
 */
public final class Fabric {
    private static final Logger LOG = LoggerFactory.getLogger(Fabric.class);
    private final SimClock clock;
    private final Instant epoch;
    private final FlowNetwork network = new FlowNetwork();
    private final Map<Long, Flow> flows = new HashMap<>();
    private Scheduler.Task next;
    private final List<java.util.function.Function<String, String>> vmStorage = new java.util.concurrent.CopyOnWriteArrayList<>();

    Fabric(SimClock clock) {
        this.clock = clock;
        this.epoch = clock.now();
    }

    /**
     * The link of a host's adapter on a network (what the host sends and receives there).
     *
     * @param host    the host's name (any case)
     * @param network the network's name (any case)
     * @return the link's name
     */
    public static String adapter(String host, String network) {
        return "adapter:" + host.toUpperCase(Locale.ROOT) + "/" + network.toUpperCase(Locale.ROOT);
    }

    /**
     * The link of a storage unit (an LU of an array, a CSV, a host's local disks).
     *
     * @param name the unit's name, unique in the lab (e.g. {@code AMS2300/12}, {@code Cluster1/Volume1})
     * @return the link's name
     */
    public static String storage(String name) {
        return "storage:" + name.toUpperCase(Locale.ROOT);
    }

    /**
     * Adds a link, or changes its capacities when they differ (its flows are re-shared from now).
     *
     * @param name           the link's name
     * @param bytesPerSecond throughput, positive and finite
     * @param iops           I/O operations per second, positive ({@link Double#POSITIVE_INFINITY} for none)
     * @throws IllegalArgumentException when a capacity is out of range
     */
    public void link(String name, double bytesPerSecond, double iops) {
        FlowNetwork.Link l = new FlowNetwork.Link(name, bytesPerSecond, iops);
        List<Runnable> after;
        synchronized (this) {
            if (l.equals(network.link(name))) return;
            after = advanceTo(clock.now());
            network.link(l);
            after.addAll(reschedule());
        }
        after.forEach(Runnable::run);
    }

    /**
     * A link's capacities.
     *
     * @param name the link's name
     * @return the link, or null when there is none
     */
    public synchronized FlowNetwork.Link link(String name) {
        return network.link(name);
    }

    /**
     * Starts a flow now.
     *
     * @param spec  what it moves and over which links (each must exist)
     * @param onEnd called with the time its bytes were through (not when it is closed first)
     * @return the flow
     * @throws IllegalArgumentException when a link does not exist
     */
    public Flow start(FlowSpec spec, Consumer<Instant> onEnd) {
        return start(spec, onEnd, null);
    }

    /**
     * Starts a flow now, and hears of every change of its rate (another flow joined or left one of
     * its links): what follows the flow's end (a job's end, the next phase) moves with it.
     *
     * @param spec         what it moves and over which links (each must exist)
     * @param onEnd        called with the time its bytes were through (not when it is closed first)
     * @param onRateChange called with the flow whenever its rate changes, its start included; null for none
     * @return the flow
     * @throws IllegalArgumentException when a link does not exist
     */
    public Flow start(FlowSpec spec, Consumer<Instant> onEnd, Consumer<Flow> onRateChange) {
        List<Runnable> after;
        Flow f;
        synchronized (this) {
            after = advanceTo(clock.now());
            f = new Flow(network.start(seconds(clock.now()), spec), spec, onEnd, onRateChange);
            flows.put(f.id, f);
            after.addAll(reschedule());
        }
        after.forEach(Runnable::run);
        return f;
    }

    /**
     * What a link carries now.
     *
     * @param link the link's name
     * @return bytes per second, the sum of its flows' rates
     */
    public synchronized double load(String link) {
        return network.load(link);
    }

    /**
     * What a new fair flow would get on a link now beside its fair flows (see
     * {@link FlowNetwork#newcomerShare}): what a model that plans its own rate may count on.
     *
     * @param link the link's name
     * @return bytes per second
     * @throws IllegalArgumentException when there is no such link
     */
    public synchronized double newcomerShare(String link) {
        return network.newcomerShare(link, 1 << 16);
    }

    /**
     * Tells the fabric which storage link holds a VM's files and saved state (a cluster knows its
     * CSVs and disks): consulted newest first; a VM no resolver places is on its host's local disks.
     *
     * @param resolver gives a VM's id its storage link's name (created by the resolver), or null when it does not know the VM
     * @return closing it forgets the resolver
     */
    public io.hyperv4j.cim.Subscription vmStorage(java.util.function.Function<String, String> resolver) {
        vmStorage.add(0, resolver);
        return () -> vmStorage.remove(resolver);
    }

    /**
     * The storage link a VM saves its memory to and restores it from: what a {@link #vmStorage}
     * resolver says, else its host's local disks ({@code storage:HOST/LOCAL}, created at the
     * calibrated storage model's read rate).
     *
     * @param vm the VM
     * @return the link's name (it exists)
     */
    public String vmStorageLink(SimVm vm) {
        for (var r : vmStorage) {
            String link = r.apply(vm.id());
            if (link != null) return link;
        }
        return localStorageLink(vm.host().name());
    }

    /**
     * A host's local disks as a storage link ({@code storage:HOST/LOCAL}, created at the calibrated
     * storage model's read rate).
     *
     * @param host the host's name
     * @return the link's name (it exists)
     */
    public String localStorageLink(String host) {
        String local = storage(host + "/local");
        if (link(local) == null) link(local, io.hyperv4j.substrate.StorageModel.CALIBRATED.restoreBytesPerSecond(), Double.POSITIVE_INFINITY);
        return local;
    }

    /**
     * The flows running now, in start order.
     *
     * @return the flows
     */
    public synchronized List<Flow> running() {
        List<Flow> out = new ArrayList<>();
        for (long id : network.running()) out.add(flows.get(id));
        return out;
    }

    private double seconds(Instant at) {
        return Seconds.in(Duration.between(epoch, at));
    }

    /** Moves the flows to {@code at}; the end callbacks of those that ended, to run outside the lock. */
    private List<Runnable> advanceTo(Instant at) {
        List<Runnable> out = new ArrayList<>();
        for (long id : network.advance(Math.max(seconds(at), 0))) {
            Flow f = flows.remove(id);
            if (f != null) out.add(() -> f.ended(at));
        }
        return out;
    }

    /** Schedules the next end; returns the rate listeners of flows whose rate changed, to run outside the lock. */
    private List<Runnable> reschedule() {
        if (next != null) next.cancel();
        next = null;
        var end = network.nextEnd();
        if (end.isPresent()) {
            Instant at = epoch.plus(Seconds.of(end.getAsDouble()));
            next = clock.scheduleAt(at.isBefore(clock.now()) ? clock.now() : at, this::tick);
        }
        List<Runnable> changed = new ArrayList<>();
        for (Flow f : flows.values()) {
            double r = network.rate(f.id);
            if (r == f.lastRate) continue;
            f.lastRate = r;
            if (f.onRateChange != null) changed.add(() -> f.onRateChange.accept(f));
        }
        return changed;
    }

    private void tick(Instant when) {
        List<Runnable> after;
        synchronized (this) {
            after = advanceTo(when);
            after.addAll(reschedule());
        }
        after.forEach(Runnable::run);
    }

    /** A flow on the fabric; {@link #close()} stops it (the bytes not yet through stay unmoved). */
    public final class Flow implements AutoCloseable {
        private final long id;
        private final FlowSpec spec;
        private final Consumer<Instant> onEnd;
        private final Consumer<Flow> onRateChange;
        private volatile double movedAtEnd = -1;
        private double lastRate = -1;

        private Flow(long id, FlowSpec spec, Consumer<Instant> onEnd, Consumer<Flow> onRateChange) {
            this.id = id;
            this.spec = spec;
            this.onEnd = onEnd;
            this.onRateChange = onRateChange;
        }

        /**
         * When its bytes will be through at today's rate.
         *
         * @return the instant, or empty when it has ended, is open-ended or gets nothing now
         */
        public java.util.Optional<Instant> projectedEnd() {
            synchronized (Fabric.this) {
                Instant now = clock.now();
                double rate = network.rate(id), moved = network.movedBy(id, seconds(now));
                if (!network.running(id) || rate <= 0 || spec.bytes() == FlowNetwork.OPEN_ENDED) return java.util.Optional.empty();
                return java.util.Optional.of(now.plus(Seconds.of(Math.max(0, spec.bytes() - moved) / rate)));
            }
        }

        /**
         * What the flow moves and over what.
         *
         * @return the spec it was started with
         */
        public FlowSpec spec() {
            return spec;
        }

        /**
         * Its rate now.
         *
         * @return bytes per second, 0 once it has ended
         */
        public double rate() {
            synchronized (Fabric.this) {
                return network.rate(id);
            }
        }

        /**
         * What it has moved up to now.
         *
         * @return bytes
         */
        public double moved() {
            synchronized (Fabric.this) {
                double m = network.movedBy(id, seconds(clock.now()));
                return m >= 0 ? m : Math.max(movedAtEnd, 0);
            }
        }

        /**
         * Whether it still runs.
         *
         * @return false once its bytes are through or it was closed
         */
        public boolean isRunning() {
            synchronized (Fabric.this) {
                return network.running(id);
            }
        }

        private void ended(Instant at) {
            movedAtEnd = spec.bytes();
            try {
                onEnd.accept(at);
            } catch (RuntimeException e) {
                LOG.warn("the end of flow {} failed: {}", spec.kind(), e.toString(), e);
            }
        }

        /** Stops the flow now; nothing when it has ended. Throws nothing. */
        @Override
        public void close() {
            List<Runnable> after;
            synchronized (Fabric.this) {
                after = advanceTo(clock.now());
                double moved = network.stop(seconds(clock.now()), id);
                if (moved >= 0) movedAtEnd = moved;
                flows.remove(id);
                after.addAll(reschedule());
            }
            after.forEach(Runnable::run);
        }
    }
}
