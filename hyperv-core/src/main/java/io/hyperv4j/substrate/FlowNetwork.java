package io.hyperv4j.substrate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Bytes moving over shared physical resources: the one sharing rule every move in the simulator
 * uses (a network transfer's copy, redirected CSV I/O, a backup's read). A {@linkplain Link link} is
 * anything with a throughput and an I/O-operation limit (a host's adapter on a network, an LU, a
 * CSV); a {@linkplain FlowSpec flow} crosses some links, may want no more than its own demand, and
 * ends when its bytes are through (or runs until stopped).
 *
 * <p><b>Sharing.</b> On each link, flows are given a fair level: the largest {@code w} with
 * {@code sum(min(demand_f, w)) <= capacity} (flows that want less than their even share leave the
 * rest to the others), in bytes per second and, separately, in I/O operations per second. A flow's
 * rate is the lowest level over its links, capped by its demand. Because a flow's demand is its own
 * and not what it got elsewhere, a new flow can only lower levels and a faster link only raise
 * them: more concurrent flows never make any flow faster, more bandwidth never slower (over time,
 * too: a flow that is behind stays in the way longer), and no link carries more than its capacity.
 * Rates are recomputed whenever a flow starts or ends, so a flow's share grows when others finish.
 *
 * <p>Time is seconds on the caller's clock, only ever moving forward. Deterministic; not
 * thread-safe (the lab's {@code io.hyperv4j.sim.Fabric} runs it under its own lock).
 */
public final class FlowNetwork {
    /** A flow that has no end of its own: it runs until stopped. */
    public static final long OPEN_ENDED = Long.MAX_VALUE;
    /** A flow this close (seconds) to its end has ended: clocks count whole nanoseconds. */
    private static final double END_SLACK = 1e-9;

    /**
     * A resource flows share.
     *
     * @param name           unique name (see {@code io.hyperv4j.sim.Fabric}'s naming helpers)
     * @param bytesPerSecond throughput, positive and finite
     * @param iops           I/O operations per second, positive ({@link Double#POSITIVE_INFINITY} for no limit)
     */
    public record Link(String name, double bytesPerSecond, double iops) {
        /**
         * Checks the capacities.
         *
         * @param name           unique name
         * @param bytesPerSecond throughput
         * @param iops           operations per second
         * @throws IllegalArgumentException when a capacity is not positive, or the throughput infinite
         */
        public Link {
            Objects.requireNonNull(name, "name");
            if (!(bytesPerSecond > 0 && bytesPerSecond < Double.POSITIVE_INFINITY))
                throw new IllegalArgumentException("link " + name + ": throughput must be positive and finite: " + bytesPerSecond);
            if (!(iops > 0)) throw new IllegalArgumentException("link " + name + ": IOPS must be positive: " + iops);
        }

        /**
         * A link limited by throughput only (a network adapter).
         *
         * @param name           unique name
         * @param bytesPerSecond throughput
         * @return the link
         */
        public static Link of(String name, double bytesPerSecond) {
            return new Link(name, bytesPerSecond, Double.POSITIVE_INFINITY);
        }
    }

    /**
     * What a flow moves and over what.
     *
     * @param kind                 what the flow is (e.g. {@code vmm/network-transfer/CopyFiles}), for readers
     * @param bytes                how much it moves ({@link #OPEN_ENDED} to run until stopped), not negative
     * @param demandBytesPerSecond the most it can use on its own (the source disk, the guest's I/O);
     *                             {@link Double#POSITIVE_INFINITY} for as much as the links give
     * @param ioBytes              the size of one I/O operation, for links with an IOPS limit, positive
     * @param links                the links it crosses, by name, at least one
     * @param reserved             whether it takes its demand before the others share what is left (a
     *                             move whose rate another model planned, such as a live migration's
     *                             copy); its demand must then be finite
     */
    public record FlowSpec(String kind, long bytes, double demandBytesPerSecond, int ioBytes, List<String> links, boolean reserved) {
        /**
         * Checks the flow.
         *
         * @param kind                 what the flow is
         * @param bytes                how much it moves
         * @param demandBytesPerSecond its own cap
         * @param ioBytes              one I/O's size
         * @param links                the links it crosses
         * @param reserved             whether it takes its demand first
         * @throws IllegalArgumentException when a value is out of range or there is no link
         */
        public FlowSpec {
            Objects.requireNonNull(kind, "kind");
            links = List.copyOf(links);
            if (links.isEmpty()) throw new IllegalArgumentException(kind + ": a flow crosses at least one link");
            if (bytes < 0) throw new IllegalArgumentException(kind + ": bytes must not be negative: " + bytes);
            if (!(demandBytesPerSecond > 0)) throw new IllegalArgumentException(kind + ": demand must be positive: " + demandBytesPerSecond);
            if (reserved && Double.isInfinite(demandBytesPerSecond)) throw new IllegalArgumentException(kind + ": a reserved flow needs a finite demand");
            if (ioBytes <= 0) throw new IllegalArgumentException(kind + ": I/O size must be positive: " + ioBytes);
        }

        /**
         * A flow that shares its links fairly.
         *
         * @param kind                 what the flow is
         * @param bytes                how much it moves
         * @param demandBytesPerSecond its own cap
         * @param ioBytes              one I/O's size
         * @param links                the links it crosses
         */
        public FlowSpec(String kind, long bytes, double demandBytesPerSecond, int ioBytes, List<String> links) {
            this(kind, bytes, demandBytesPerSecond, ioBytes, links, false);
        }
    }

    private static final class Flow {
        final long id;
        final FlowSpec spec;
        double left, done, rate;

        Flow(long id, FlowSpec spec) {
            this.id = id;
            this.spec = spec;
            this.left = spec.bytes() == OPEN_ENDED ? Double.POSITIVE_INFINITY : spec.bytes();
        }
    }

    private final Map<String, Link> links = new LinkedHashMap<>();
    private final Map<Long, Flow> flows = new LinkedHashMap<>();
    private double now;
    private long nextId = 1;

    /**
     * Adds a link or changes its capacities (flows on it are re-shared from now).
     *
     * @param link the link
     */
    public void link(Link link) {
        links.put(link.name(), link);
        reshare();
    }

    /**
     * A link by name.
     *
     * @param name the link's name
     * @return the link, or null when there is none
     */
    public Link link(String name) {
        return links.get(name);
    }

    /**
     * Starts a flow at {@code at}. Flows whose bytes are through by then are reported by the next
     * {@link #advance}, which callers run first.
     *
     * @param at   seconds, not before the last time seen
     * @param spec the flow
     * @return its id
     * @throws IllegalArgumentException when it crosses a link that does not exist
     */
    public long start(double at, FlowSpec spec) {
        for (String l : spec.links())
            if (!links.containsKey(l)) throw new IllegalArgumentException(spec.kind() + ": no link named " + l + " (links: " + links.keySet() + ")");
        move(at);
        long id = nextId++;
        flows.put(id, new Flow(id, spec));
        reshare();
        return id;
    }

    /**
     * Stops a flow at {@code at} (whatever it has not moved stays unmoved); nothing when it has ended.
     *
     * @param at seconds
     * @param id the flow
     * @return the bytes it moved, or -1 when it had ended already
     */
    public double stop(double at, long id) {
        move(at);
        Flow f = flows.remove(id);
        if (f == null) return -1;
        reshare();
        return f.done;
    }

    /**
     * Moves every flow forward to {@code at} at its current rate; flows whose bytes are through end
     * (their shares go to the rest).
     *
     * @param at seconds, not before the last time seen
     * @return the flows that ended, in start order
     * @throws IllegalArgumentException when {@code at} is before the last time seen
     */
    public List<Long> advance(double at) {
        List<Long> ended = new ArrayList<>();
        while (true) {
            OptionalDouble next = nextEnd();
            move(next.isPresent() && next.getAsDouble() <= at ? next.getAsDouble() : at);
            while (endThrough(ended)) reshare(); // the shares that grow may bring others to their end at once
            if (now >= at) return ended;
        }
    }

    /** Moves every flow's bytes forward to {@code at} at its current rate; nothing ends here. */
    private void move(double at) {
        if (at < now) throw new IllegalArgumentException("time runs forward: " + at + " < " + now);
        double dt = at - now;
        for (Flow f : flows.values()) {
            double moved = Math.min(f.left, f.rate * dt);
            f.left -= moved;
            f.done += moved;
        }
        now = at;
    }

    /** Ends the flows whose bytes are through (to the clock's nanosecond); whether any did. */
    private boolean endThrough(List<Long> ended) {
        boolean any = false;
        for (var it = flows.values().iterator(); it.hasNext(); ) {
            Flow f = it.next();
            if (f.left <= 0 || (f.rate > 0 && f.left / f.rate <= END_SLACK)) {
                f.done += f.left;
                f.left = 0;
                ended.add(f.id);
                it.remove();
                any = true;
            }
        }
        return any;
    }

    /**
     * When the next flow ends at today's rates.
     *
     * @return seconds, or empty when no flow is going to end
     */
    public OptionalDouble nextEnd() {
        double best = Double.POSITIVE_INFINITY;
        for (Flow f : flows.values())
            if (f.rate > 0 && Double.isFinite(f.left)) best = Math.min(best, now + f.left / f.rate);
        return best == Double.POSITIVE_INFINITY ? OptionalDouble.empty() : OptionalDouble.of(best);
    }

    /**
     * A running flow's rate now.
     *
     * @param id the flow
     * @return bytes per second, or 0 when it has ended
     */
    public double rate(long id) {
        Flow f = flows.get(id);
        return f == null ? 0 : f.rate;
    }

    /**
     * What a running flow has moved so far.
     *
     * @param id the flow
     * @return bytes, or -1 when it has ended
     */
    public double moved(long id) {
        Flow f = flows.get(id);
        return f == null ? -1 : f.done;
    }

    /**
     * What a running flow will have moved by {@code at} at today's rates, without moving time.
     *
     * @param id the flow
     * @param at seconds, not before the last time seen
     * @return bytes, or -1 when it has ended
     */
    public double movedBy(long id, double at) {
        Flow f = flows.get(id);
        return f == null ? -1 : f.done + Math.min(f.left, f.rate * Math.max(0, at - now));
    }

    /**
     * Whether a flow is still running.
     *
     * @param id the flow
     * @return true until its bytes are through or it is stopped
     */
    public boolean running(long id) {
        return flows.containsKey(id);
    }

    /**
     * What a link carries now: the sum of its flows' rates.
     *
     * @param link the link's name
     * @return bytes per second
     */
    public double load(String link) {
        double sum = 0;
        for (Flow f : flows.values()) if (f.spec.links().contains(link)) sum += f.rate;
        return sum;
    }

    /**
     * The running flows' ids, in start order.
     *
     * @return the ids
     */
    public List<Long> running() {
        return List.copyOf(flows.keySet());
    }

    /**
     * Gives every flow its rate: a reserved flow its demand; the others their demand, lowered to the
     * fair level of each link they cross over what the reserved flows leave.
     */
    private void reshare() {
        Map<String, List<Flow>> on = new LinkedHashMap<>();
        Map<String, double[]> taken = new LinkedHashMap<>(); // bytes/s and IOPS the reserved flows take per link
        for (Flow f : flows.values()) {
            f.rate = f.spec.demandBytesPerSecond();
            for (String l : f.spec.links())
                if (f.spec.reserved()) {
                    double[] t = taken.computeIfAbsent(l, k -> new double[2]);
                    t[0] += f.rate;
                    t[1] += f.rate / f.spec.ioBytes();
                } else {
                    on.computeIfAbsent(l, k -> new ArrayList<>()).add(f);
                }
        }
        for (var e : on.entrySet()) {
            Link link = links.get(e.getKey());
            double[] t = taken.getOrDefault(e.getKey(), new double[2]);
            for (Flow f : e.getValue()) f.rate = Math.min(f.rate, share(e.getValue(), link, t, f.spec.ioBytes()));
        }
    }

    /** The fair level for flows of {@code ioBytes} among {@code fs} on a link, after what reserved flows take. */
    private static double share(List<Flow> fs, Link link, double[] taken, int ioBytes) {
        double bytesLevel = level(fs.stream().mapToDouble(f -> f.spec.demandBytesPerSecond()).toArray(), Math.max(0, link.bytesPerSecond() - taken[0]));
        double opsLevel = Double.isInfinite(link.iops()) ? Double.POSITIVE_INFINITY
                : level(fs.stream().mapToDouble(f -> f.spec.demandBytesPerSecond() / f.spec.ioBytes()).toArray(), Math.max(0, link.iops() - taken[1]));
        return Math.min(bytesLevel, opsLevel * ioBytes);
    }

    /**
     * What a new fair flow with no demand of its own would get on a link now beside its fair flows:
     * what a model that plans its own rate (and reserves it) may count on. Reserved flows are left
     * out: the model that planned them accounts for them.
     *
     * @param link    the link's name
     * @param ioBytes the new flow's I/O size
     * @return bytes per second
     * @throws IllegalArgumentException when there is no such link
     */
    public double newcomerShare(String link, int ioBytes) {
        Link l = links.get(link);
        if (l == null) throw new IllegalArgumentException("no link named " + link);
        List<Flow> fs = new ArrayList<>();
        for (Flow f : flows.values()) if (!f.spec.reserved() && f.spec.links().contains(link)) fs.add(f);
        fs.add(new Flow(0, new FlowSpec("newcomer", 1, Double.POSITIVE_INFINITY, ioBytes, List.of(link))));
        return share(fs, l, new double[2], ioBytes);
    }

    /**
     * The fair level on one resource: the largest {@code w} with {@code sum(min(d, w)) <= capacity}
     * (infinite when every demand fits).
     */
    static double level(double[] demands, double capacity) {
        double[] d = demands.clone();
        java.util.Arrays.sort(d);
        double left = capacity;
        for (int i = 0; i < d.length; i++) {
            double even = left / (d.length - i);
            if (d[i] >= even) return even;
            left -= d[i];
        }
        return Double.POSITIVE_INFINITY;
    }
}
