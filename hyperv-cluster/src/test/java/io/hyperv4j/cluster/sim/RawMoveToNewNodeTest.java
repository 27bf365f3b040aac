package io.hyperv4j.cluster.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.cluster.Clusters;
import io.hyperv4j.cluster.GroupInfo;
import io.hyperv4j.cluster.MigrationType;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: MSCluster_ResourceGroup.MoveToNewNode through raw CIM waits up to its TimeOut ("the
 * length of time, in seconds that the method should wait for the resource to move") and so moves
 * the role as the typed quick move does (before: it returned at once whatever TimeOut said, so
 * `cim invoke` left the owner where it was).
 */
class RawMoveToNewNodeTest {
    private static final String NS = "root\\MSCluster";
    private static final ObjectPath GROUP = ObjectPath.of(NS, "MSCluster_ResourceGroup", Map.of("Name", "ws2003r2-lm"));

    private static Lab lab() {
        return PaperClusters.seed002(3, SimClock.virtual(Lab.DEFAULT_START));
    }

    private static Map<String, CimValue> to(String node, long timeoutSeconds) {
        return Map.of("NodeName", CimValue.string(node), "TimeOut", CimValue.uint32(timeoutSeconds));
    }

    @Test
    void withATimeOutTheCallReturnsWithTheRoleMovedWhenTheTypedMoveEnds() {
        Instant typedEnd;
        GroupInfo typed;
        try (Lab lab = lab(); CimSession s = lab.session("ARIEL")) {
            typed = Clusters.of(s).group("ws2003r2-lm").move("umbriel", MigrationType.QUICK).await();
            typedEnd = lab.clock().now();
        }
        try (Lab lab = lab(); CimSession s = lab.session("ARIEL")) {
            String before = s.get(GROUP).getString("OwnerNode");
            assertEquals(0, s.invoke(GROUP, "MoveToNewNode", to("umbriel", 600)).returnValue());
            assertTrue(!"umbriel".equalsIgnoreCase(before));
            assertEquals(typed.ownerNode(), s.get(GROUP).getString("OwnerNode"));
            assertEquals(0L, s.get(GROUP).getLong("State"), "Online (0) again on its new owner");
            Duration late = Duration.between(typedEnd, lab.clock().now());
            assertTrue(!late.isNegative() && late.compareTo(Duration.ofSeconds(1)) <= 0, "returns within a second of the move's end: " + late);
        }
    }

    @Test
    void aShortTimeOutReturnsWhileTheRoleIsStillMovingAndZeroDoesNotWait() {
        try (Lab lab = lab(); CimSession s = lab.session("ARIEL")) {
            String owner = s.get(GROUP).getString("OwnerNode");
            Instant start = lab.clock().now();
            assertEquals(0, s.invoke(GROUP, "MoveToNewNode", to("umbriel", 3)).returnValue());
            assertEquals(Duration.ofSeconds(3), Duration.between(start, lab.clock().now()));
            assertEquals(owner, s.get(GROUP).getString("OwnerNode"), "a quick migration takes longer than 3 s");
        }
        try (Lab lab = lab(); CimSession s = lab.session("ARIEL")) {
            Instant start = lab.clock().now();
            assertEquals(0, s.invoke(GROUP, "MoveToNewNode", to("umbriel", 0)).returnValue());
            assertEquals(start, lab.clock().now());
        }
    }
}
