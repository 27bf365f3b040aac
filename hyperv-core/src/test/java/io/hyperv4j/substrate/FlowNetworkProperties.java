package io.hyperv4j.substrate;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.substrate.FlowNetwork.FlowSpec;
import io.hyperv4j.substrate.FlowNetwork.Link;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The sharing rule over any mix of links and flows: links never over capacity, bytes conserved,
 * more flows never make a flow faster, more bandwidth never slower, and shares that grow when
 * other flows end.
 */
class FlowNetworkProperties {
    private static final double GBE = 125e6;

    record Start(double at, FlowSpec spec) {
    }

    record Scenario(List<Link> links, List<Start> flows) {
    }

    /** Runs the scenario to the end; each flow's finish time, checking capacity and conservation on the way. */
    static double[] run(Scenario s) {
        FlowNetwork n = new FlowNetwork();
        s.links().forEach(n::link);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < s.flows().size(); i++) order.add(i);
        order.sort((a, b) -> Double.compare(s.flows().get(a).at(), s.flows().get(b).at()));
        List<Start> starts = order.stream().map(s.flows()::get).toList();
        Map<Long, Integer> index = new HashMap<>();
        double[] finish = new double[starts.size()];
        double[] integrated = new double[starts.size()];
        int next = 0;
        double t = 0;
        while (next < starts.size() || !n.running().isEmpty()) {
            double target = next < starts.size() ? starts.get(next).at() : Double.POSITIVE_INFINITY;
            if (n.nextEnd().isPresent()) target = Math.min(target, n.nextEnd().getAsDouble());
            for (Link l : s.links()) assertTrue(n.load(l.name()) <= l.bytesPerSecond() * (1 + 1e-9), () -> l + " carries " + n.load(l.name()));
            for (long id : n.running()) integrated[index.get(id)] += n.rate(id) * (target - t);
            for (long id : n.advance(target)) finish[index.get(id)] = target;
            t = target;
            while (next < starts.size() && starts.get(next).at() <= t) {
                Start st = starts.get(next);
                index.put(n.start(t, st.spec()), order.get(next));
                next++;
            }
        }
        for (int i = 0; i < starts.size(); i++)
            assertEquals(s.flows().get(i).spec().bytes(), integrated[i], s.flows().get(i).spec().bytes() * 1e-6 + 2000, "bytes the rates carried for flow " + i); // a flow ends within a nanosecond of its last byte
        return finish;
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<List<Link>> links = Arbitraries.integers().between(1, 3).flatMap(k -> Combinators.combine(
                Arbitraries.doubles().between(1e6, 1e10).list().ofSize(k),
                Arbitraries.doubles().between(10, 1e6).injectNull(0.5).list().ofSize(k)).as((bw, ops) -> {
            List<Link> out = new ArrayList<>();
            for (int i = 0; i < k; i++) out.add(new Link("L" + i, bw.get(i), ops.get(i) == null ? Double.POSITIVE_INFINITY : ops.get(i)));
            return out;
        }));
        return links.flatMap(ls -> flow(ls.size()).list().ofMinSize(1).ofMaxSize(6).map(fs -> new Scenario(ls, fs)));
    }

    private static Arbitrary<Start> flow(int links) {
        return Combinators.combine(Arbitraries.doubles().between(0, 100), Arbitraries.longs().between(1, 10_000_000_000L),
                Arbitraries.doubles().between(1e5, 1e10).injectNull(0.4), Arbitraries.of(4096, 65536, 1 << 20),
                Arbitraries.integers().between(1, (1 << links) - 1)).as((at, bytes, demand, io, mask) -> {
            List<String> on = new ArrayList<>();
            for (int i = 0; i < links; i++) if ((mask & 1 << i) != 0) on.add("L" + i);
            return new Start(at, new FlowSpec("f", bytes, demand == null ? Double.POSITIVE_INFINITY : demand, io, on));
        });
    }

    @Property(tries = 300)
    void moreFlowsNeverMakeAnyFlowFaster(@ForAll("scenarios") Scenario s, @ForAll("scenarios") Scenario extra) {
        double[] alone = run(s);
        List<Start> more = new ArrayList<>(s.flows());
        for (Start e : extra.flows())
            more.add(new Start(e.at(), new FlowSpec("extra", e.spec().bytes(), e.spec().demandBytesPerSecond(), e.spec().ioBytes(),
                    e.spec().links().stream().filter(l -> s.links().stream().anyMatch(k -> k.name().equals(l))).toList().isEmpty()
                            ? List.of("L0") : e.spec().links().stream().filter(l -> s.links().stream().anyMatch(k -> k.name().equals(l))).toList())));
        double[] shared = run(new Scenario(s.links(), more));
        for (int i = 0; i < alone.length; i++) assertTrue(shared[i] >= alone[i] * (1 - 1e-9) - 2e-9, // to the clock's nanosecond
                 "flow " + i + ": " + shared[i] + " s shared, " + alone[i] + " s alone");
    }

    @Property(tries = 300)
    void moreBandwidthIsNeverSlower(@ForAll("scenarios") Scenario s, @ForAll @IntRange(min = 0, max = 2) int which,
                                    @ForAll("factors") double factor) {
        double[] before = run(s);
        List<Link> faster = new ArrayList<>();
        for (int i = 0; i < s.links().size(); i++) {
            Link l = s.links().get(i);
            faster.add(i == which % s.links().size() ? new Link(l.name(), l.bytesPerSecond() * factor, l.iops() * factor) : l);
        }
        double[] after = run(new Scenario(faster, s.flows()));
        for (int i = 0; i < before.length; i++) assertTrue(after[i] <= before[i] * (1 + 1e-9) + 2e-9, "flow " + i + ": " + after[i] + " s faster, " + before[i] + " s before");
    }

    @Provide
    Arbitrary<Double> factors() {
        return Arbitraries.doubles().between(1, 100);
    }

    @Property(tries = 100)
    void sameScenarioSameFinishes(@ForAll("scenarios") Scenario s) {
        assertArrayEquals(run(s), run(s));
    }

    @Test
    void twoEqualMovesOnOneGigabitLinkEachTakeTwiceOneAlone() {
        long bytes = 4L << 30;
        Scenario one = new Scenario(List.of(Link.of("L0", GBE)), List.of(new Start(0, new FlowSpec("a", bytes, Double.POSITIVE_INFINITY, 65536, List.of("L0")))));
        Scenario two = new Scenario(one.links(), List.of(one.flows().get(0), new Start(0, new FlowSpec("b", bytes, Double.POSITIVE_INFINITY, 65536, List.of("L0")))));
        assertEquals(bytes / GBE, run(one)[0], 1e-6);
        assertArrayEquals(new double[] {2 * bytes / GBE, 2 * bytes / GBE}, run(two), 1e-6);
    }

    @Test
    void aShareGrowsWhenAnotherFlowEnds() {
        FlowNetwork n = new FlowNetwork();
        n.link(Link.of("L0", GBE));
        long big = n.start(0, new FlowSpec("big", 10_000_000_000L, Double.POSITIVE_INFINITY, 65536, List.of("L0")));
        long small = n.start(0, new FlowSpec("small", 1_250_000_000L, Double.POSITIVE_INFINITY, 65536, List.of("L0")));
        assertEquals(GBE / 2, n.rate(big));
        assertEquals(List.of(small), n.advance(20)); // 1.25 GB at half of 1 GbE: 20 s
        assertEquals(GBE, n.rate(big));
        // 1.25 GB moved in the first 20 s, the other 8.75 GB at the full link: 70 s more
        assertEquals(90, n.nextEnd().getAsDouble(), 1e-9);
    }

    @Test
    void aFlowThatWantsLittleLeavesTheRestToTheOthers() {
        FlowNetwork n = new FlowNetwork();
        n.link(new Link("CSV", 400e6, 10_000));
        long trickle = n.start(0, new FlowSpec("guest I/O", FlowNetwork.OPEN_ENDED, 20e6, 4096, List.of("CSV")));
        long copy = n.start(0, new FlowSpec("backup read", 50_000_000_000L, Double.POSITIVE_INFINITY, 1 << 20, List.of("CSV")));
        assertEquals(20e6, n.rate(trickle));
        // the trickle takes 4,883 of the 10,000 IOPS in 4 KiB I/Os; the copy, in 1 MiB I/Os, is held by the throughput left
        assertEquals(380e6, n.rate(copy), 1.0);
        assertTrue(n.load("CSV") <= 400e6);
    }

    @Test
    void badInputIsRefusedNamingIt() {
        FlowNetwork n = new FlowNetwork();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Link.of("eth0", 0)).getMessage().contains("eth0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> n.start(0, new FlowSpec("copy", 1, 1, 1, List.of("nowhere")))).getMessage().contains("nowhere"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new FlowSpec("copy", -1, 1, 1, List.of("L0"))).getMessage().contains("copy"));
        n.advance(5);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> n.advance(4)).getMessage().contains("forward"));
    }

    @Test
    void aReservedFlowTakesItsPlannedRateAndTheOthersShareWhatIsLeft() {
        FlowNetwork n = new FlowNetwork();
        n.link(Link.of("L0", GBE));
        assertEquals(GBE, n.newcomerShare("L0", 65536));
        long copy = n.start(0, new FlowSpec("transfer", 10_000_000_000L, Double.POSITIVE_INFINITY, 65536, List.of("L0")));
        long live = n.start(0, new FlowSpec("live migration round", FlowNetwork.OPEN_ENDED, GBE / 2, 65536, List.of("L0"), true));
        assertEquals(GBE / 2, n.rate(live));
        assertEquals(GBE / 2, n.rate(copy));
        assertEquals(GBE / 2, n.newcomerShare("L0", 65536), "a newcomer would split the fair part with the copy");
        n.stop(10, live);
        assertEquals(GBE, n.rate(copy), "the copy takes the whole link once the reservation ends");
        assertThrows(IllegalArgumentException.class, () -> new FlowSpec("x", 1, Double.POSITIVE_INFINITY, 1, List.of("L0"), true));
    }
}
