package io.hyperv4j.sim;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import java.util.List;
import java.util.function.UnaryOperator;

/** WQL over a lab: SELECT, ASSOCIATORS OF, REFERENCES OF, and event subscriptions. */
final class SimQueries {
    private SimQueries() {}

    static List<CimInstance> query(SimSession s, String namespace, String wql) {
        throw new CimException(CimError.NOT_SUPPORTED, "WQL evaluation is not wired yet");
    }

    static UnaryOperator<CimInstance> eventFilter(SimSession s, String namespace, String wql) {
        throw new CimException(CimError.NOT_SUPPORTED, "WQL evaluation is not wired yet");
    }
}
