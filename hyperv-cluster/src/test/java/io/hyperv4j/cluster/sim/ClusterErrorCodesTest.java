package io.hyperv4j.cluster.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hyperv4j.cluster.ClusterRefusal;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The simulator refuses with the Win32 errors the typed API knows, under the same number and name. */
class ClusterErrorCodesTest {

    @Test
    void everyCodeTheSimulatorRaisesIsAReasonTheApiKnows() {
        for (ClusterError e : ClusterError.values()) {
            if (e == ClusterError.ERROR_CANCELLED) continue; // a stopped move's outcome, not a refusal
            ClusterRefusal r = ClusterRefusal.of(OptionalInt.of(e.code));
            assertEquals(e.name(), r.symbol(), "code " + e.code);
        }
        assertEquals(1223, ClusterError.ERROR_CANCELLED.code);
    }

    @Test
    void aRefusalIsTheHresultOfItsWin32Error() {
        RefusedCall r = new RefusedCall(ClusterError.ERROR_CLUSTER_NODE_DOWN, "node B is down");
        assertEquals(0x800713BAL, r.hresult());
        assertEquals(OptionalInt.of(5050), r.win32Error());
        assertEquals(ClusterRefusal.NODE_DOWN, ClusterRefusal.of(r.win32Error()));
    }
}
