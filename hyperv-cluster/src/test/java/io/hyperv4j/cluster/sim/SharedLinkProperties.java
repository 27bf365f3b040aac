package io.hyperv4j.cluster.sim;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cluster.Clusters;
import io.hyperv4j.cluster.LinkChecks;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimVm;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Issue 18: two live migrations off node A over its one 1 GbE adapter, of random sizes, the second
 * starting a random time after the first. Whatever the mix: A's adapter never carries more than its
 * speed (what its Bytes Total/sec reports never exceeds its Current Bandwidth), what A sent is what
 * B and C received, and neither migration is faster than it would be alone.
 */
class SharedLinkProperties {

    private static void resize(Lab lab, String name, long mb) {
        lab.write(SharedLinkTest.LOCK, txn -> {
            SimVm vm = lab.host("A").vms().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
            txn.touch(vm);
            vm.memoryMb(mb);
            return null;
        });
    }

    /** How long {@code group} takes to move with nothing else on the link. */
    private static Duration alone(String group, long mb1, long mb2) {
        try (Lab lab = SharedLinkTest.lab(1); CimSession s = lab.session("A")) {
            resize(lab, "vm1", mb1);
            resize(lab, "vm2", mb2);
            Clusters.of(s).group(group).liveMigrate(group.equals("vm1") ? "B" : "C").await(Duration.ofHours(1));
            return SharedLinkTest.took(lab, group);
        }
    }

    @Property(tries = 25)
    void theAdapterNeverCarriesMoreThanItsSpeedAndSharingNeverSpeedsAMoveUp(@ForAll @IntRange(min = 512, max = 8192) int mb1,
                                                                          @ForAll @IntRange(min = 512, max = 8192) int mb2,
                                                                          @ForAll @IntRange(min = 0, max = 120) int laterSeconds) {
        try (Lab lab = SharedLinkTest.lab(1); CimSession s = lab.session("A")) {
            resize(lab, "vm1", mb1);
            resize(lab, "vm2", mb2);
            Instant start = lab.clock().now();
            var one = Clusters.of(s).group("vm1").liveMigrate("B");
            lab.clock().advance(Duration.ofSeconds(laterSeconds));
            var two = Clusters.of(s).group("vm2").liveMigrate("C");
            one.await(Duration.ofHours(1));
            two.await(Duration.ofHours(1));
            LinkChecks.assertNeverOverSpeed(lab, "A", "lm", start, 1e9);
            double sent = LinkChecks.bytes(LinkChecks.through(lab, "A", "lm", start));
            double received = LinkChecks.bytes(LinkChecks.through(lab, "B", "lm", start)) + LinkChecks.bytes(LinkChecks.through(lab, "C", "lm", start));
            assertEquals(sent, received, sent * 1e-9, "sent = received");
            for (String g : List.of("vm1", "vm2")) {
                Duration alone = alone(g, mb1, mb2);
                // a shared link never speeds a move up (a millisecond for the clock's rounding of round ends)
                assertTrue(SharedLinkTest.took(lab, g).plusMillis(1).compareTo(alone) >= 0,
                        g + " took " + SharedLinkTest.took(lab, g) + " beside the other, " + alone + " alone");
            }
        }
    }
}
