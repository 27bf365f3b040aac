package io.hyperv4j.vm;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.job.MethodCall;
import io.hyperv4j.job.ReturnCodes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Resource metering of one VM (Enable-VMResourceMetering, Disable-VMResourceMetering,
 * Reset-VMResourceMetering, Measure-VM): Msvm_MetricService.ControlMetrics with the VM as Subject,
 * and the Msvm_AggregationMetricValue and Msvm_BaseMetricValue instances linked to it by Msvm_MetricForME.
 * <p>Thread-safety: thread-safe (no mutable state).
 */
public final class VmMetrics {
    static final String SERVICE = "Msvm_MetricService";
    static final String VALUE = "Msvm_AggregationMetricValue";
    static final String DEFINITION = "Msvm_AggregationMetricDefinition";
    static final String BASE_VALUE = "Msvm_BaseMetricValue";
    static final String BASE_DEFINITION = "Msvm_BaseMetricDefinition";
    private static final int ENABLE = 2, DISABLE = 3, RESET = 4;

    private final VirtualMachine vm;
    private final VirtualMachines vms;
    private final CimSession session;

    VmMetrics(VirtualMachine vm, VirtualMachines vms) {
        this.vm = vm;
        this.vms = vms;
        this.session = vms.session();
    }

    /**
     * Starts collecting every metric of the VM (Enable-VMResourceMetering); metrics already collected keep their interval.
     *
     * @throws io.hyperv4j.MethodFailedException when the host refuses (ControlMetrics' return value)
     */
    public void enable() {
        control(ENABLE, "enable resource metering of " + vm.name());
    }

    /**
     * Stops collecting the VM's metrics and drops their values (Disable-VMResourceMetering).
     *
     * @throws io.hyperv4j.MethodFailedException when the host refuses
     */
    public void disable() {
        control(DISABLE, "disable resource metering of " + vm.name());
    }

    /**
     * Restarts the interval of every metric being collected (Reset-VMResourceMetering).
     *
     * @throws io.hyperv4j.MethodFailedException when the host refuses
     */
    public void reset() {
        control(RESET, "reset resource metering of " + vm.name());
    }

    /**
     * The VM's metrics, aggregated since collection was enabled or reset: the aggregation metrics
     * (Msvm_AggregationMetricValue) then the totals (Msvm_BaseMetricValue); empty while not collected.
     *
     * @return the readings, read now
     */
    public List<MetricReading> read() {
        List<MetricReading> out = new ArrayList<>();
        ObjectPath self = VirtualMachines.withNamespace(vm.path());
        for (String[] kind : List.of(new String[] {VALUE, DEFINITION, "AggregationDuration"}, new String[] {BASE_VALUE, BASE_DEFINITION, "Duration"}))
            for (CimInstance v : session.associators(self, "Msvm_MetricForME", kind[0])) {
                CimInstance def = definition(kind[1], v.getString("MetricDefinitionId"));
                CimValue d = v.get(kind[2]);
                Duration interval = d == null || d.isNull() ? Duration.ZERO : d.asDateTime().toDuration();
                out.add(new MetricReading(def == null ? v.getString("ElementName") : def.getString("ElementName"),
                        def == null ? "" : def.getString("Units"), Long.parseLong(v.getString("MetricValue")), interval));
            }
        return out;
    }

    /**
     * What Measure-VM reports for the VM: its readings by the fields of Measure-VM's output.
     *
     * @return the measurement, read now; every figure 0 while not collected
     */
    public VmMeasurement measure() {
        return VmMeasurement.of(read());
    }

    private CimInstance definition(String className, String id) {
        ObjectPath p = new ObjectPath(vm.path().server(), Msvm.NAMESPACE, className, java.util.Map.of("Id", id));
        return session.get(p);
    }

    private void control(int operation, String attempted) {
        ObjectPath service = session.query(Msvm.NAMESPACE, "SELECT * FROM " + SERVICE).get(0).path();
        MethodCall.on(session, VirtualMachines.withNamespace(service), "ControlMetrics", ReturnCodes.Family.CIM_METHOD)
                .with("Subject", CimValue.ref(VirtualMachines.withNamespace(vm.path())))
                .with("MetricCollectionEnabled", CimValue.uint16(operation))
                .attempting(attempted)
                .timeout(vms.operationTimeout())
                .invoke(r -> null)
                .await();
    }
}
