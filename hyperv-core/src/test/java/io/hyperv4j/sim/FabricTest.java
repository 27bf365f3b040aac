package io.hyperv4j.sim;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.substrate.FlowNetwork;
import io.hyperv4j.substrate.FlowNetwork.FlowSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Flows on the lab clock: they end when their bytes are through, and speed up when others end. */
class FabricTest {
    private static final double GBE = 125e6;

    @Test
    void flowsEndOnTheLabClockAndShareGrowsWhenOneEnds() {
        try (Lab lab = Lab.standalone()) {
            Fabric f = lab.fabric();
            String link = Fabric.adapter("HV01", "Live Migration");
            f.link(link, GBE, Double.POSITIVE_INFINITY);
            Instant t0 = lab.clock().now();
            List<String> ends = new ArrayList<>();
            Fabric.Flow big = f.start(new FlowSpec("big", 10_000_000_000L, Double.POSITIVE_INFINITY, 65536, List.of(link)),
                    at -> ends.add("big@" + Duration.between(t0, at).toMillis()));
            Fabric.Flow small = f.start(new FlowSpec("small", 1_250_000_000L, Double.POSITIVE_INFINITY, 65536, List.of(link)),
                    at -> ends.add("small@" + Duration.between(t0, at).toMillis()));
            assertEquals(GBE / 2, big.rate());
            lab.clock().advance(Duration.ofSeconds(10));
            assertEquals(625e6, small.moved(), 1);
            lab.clock().advance(Duration.ofSeconds(10));
            assertFalse(small.isRunning());
            assertEquals(GBE, big.rate(), "the big flow's share grows once the small one is through");
            lab.clock().advance(Duration.ofSeconds(100));
            assertEquals(List.of("small@20000", "big@90000"), ends);
            assertEquals(0, f.load(link));
        }
    }

    @Test
    void aClosedFlowLeavesItsShareAndNeverReportsAnEnd() {
        try (Lab lab = Lab.standalone()) {
            Fabric f = lab.fabric();
            f.link(Fabric.storage("Cluster1/Volume1"), 400e6, 20_000);
            List<Instant> ends = new ArrayList<>();
            Fabric.Flow open = f.start(new FlowSpec("redirected I/O", FlowNetwork.OPEN_ENDED, Double.POSITIVE_INFINITY, 65536,
                    List.of(Fabric.storage("cluster1/volume1"))), ends::add);
            Fabric.Flow copy = f.start(new FlowSpec("backup", 4_000_000_000L, Double.POSITIVE_INFINITY, 65536,
                    List.of(Fabric.storage("Cluster1/Volume1"))), ends::add);
            assertEquals(200e6, copy.rate());
            lab.clock().advance(Duration.ofSeconds(5));
            open.close();
            open.close();
            assertEquals(400e6, copy.rate());
            lab.clock().advance(Duration.ofSeconds(60));
            assertEquals(List.of(lab.clock().now().minusSeconds(60).plusMillis(7_500)), ends, "1 GB at half, 3 GB at the whole volume");
        }
    }
}
