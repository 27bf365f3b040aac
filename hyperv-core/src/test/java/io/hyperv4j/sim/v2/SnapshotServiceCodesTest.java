package io.hyperv4j.sim.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each snapshot-service method answers a reference to no checkpoint with the code family its page documents. */
class SnapshotServiceCodesTest {
    private static final CimValue NO_SUCH = CimValue.ref(StorageRenderer.snapshot(V2Fixture.HOST, "no-such-checkpoint"));

    private static int call(V2Fixture f, String method, String param) {
        ObjectPath svc = StorageRenderer.snapshotService(V2Fixture.HOST);
        return (int) f.session.invoke(svc, method, Map.of(param, NO_SUCH)).returnValue();
    }

    @Test
    void unknownCheckpointIsInvalidParameterInEachMethodsOwnFamily() {
        try (V2Fixture f = new V2Fixture()) {
            // CIM family: 4 Invalid Parameter.
            assertEquals(4, call(f, "DestroySnapshot", "AffectedSnapshot"));
            // ApplySnapshot's page lists both 4 and 32773; the simulator answers the Msvm one.
            assertEquals(32773, call(f, "ApplySnapshot", "Snapshot"));
            // Msvm family: 32773 Invalid parameter (4 is not in these methods' tables).
            assertEquals(32773, call(f, "DestroySnapshotTree", "SnapshotSettingData"));
            assertEquals(32773, call(f, "ClearSnapshotState", "SnapshotSettingData"));
        }
    }
}
