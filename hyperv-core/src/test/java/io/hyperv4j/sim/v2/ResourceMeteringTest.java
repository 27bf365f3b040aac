package io.hyperv4j.sim.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: resource metering as Measure-VM drives it through Msvm_MetricService.ControlMetrics,
 * Msvm_MetricDefForME, Msvm_MetricForME and Msvm_MetricInstance (HyperV_v2 pages).
 */
class ResourceMeteringTest {

    private static ObjectPath metricService(V2Fixture f) {
        List<CimInstance> all = f.session.query(V2.NAMESPACE, "SELECT * FROM Msvm_MetricService");
        assertEquals(1, all.size(), "one metric service per host");
        assertEquals("metricsvc", all.get(0).getString("Name"));
        return all.get(0).path();
    }

    private static long control(V2Fixture f, ObjectPath subject, ObjectPath definition, int operation) {
        Map<String, CimValue> in = new HashMap<>();
        if (subject != null) in.put("Subject", CimValue.ref(subject));
        if (definition != null) in.put("Definition", CimValue.ref(definition));
        in.put("MetricCollectionEnabled", CimValue.uint16(operation));
        return f.session.invoke(metricService(f), "ControlMetrics", in).returnValue();
    }

    static List<CimInstance> byName(List<CimInstance> all, String elementName) {
        return all.stream().filter(i -> elementName.equals(i.getString("ElementName"))).toList();
    }

    private static CimValue interval(Duration d) {
        return CimValue.datetime(io.hyperv4j.cim.CimDateTime.interval(d));
    }

    private static List<CimInstance> values(V2Fixture f, ObjectPath vm) {
        return f.session.associators(vm, "Msvm_MetricForME", "Msvm_AggregationMetricValue");
    }

    @Test
    void enablingMeasuresTheMemoryARunningVmIsGivenUntilDisabled() {
        try (V2Fixture f = new V2Fixture()) {
            ObjectPath vm = f.defined("measured", V2Fixture.memory(2048));
            ObjectPath other = f.defined("other", V2Fixture.memory(1024));
            List<CimInstance> defs = byName(f.session.associators(vm, "Msvm_MetricDefForME", "Msvm_AggregationMetricDefinition"),
                    "Aggregated Average Memory Utilization");
            assertEquals(7, f.session.associators(vm, "Msvm_MetricDefForME", "Msvm_AggregationMetricDefinition").size(), "the VM's aggregation metric definitions");
            assertEquals(5, f.session.associators(vm, "Msvm_MetricDefForME", "Msvm_BaseMetricDefinition").size(), "and its base metric definitions");
            assertEquals(List.of(), values(f, vm), "nothing is collected before ControlMetrics");
            for (CimInstance link : f.session.references(vm, "Msvm_MetricDefForME"))
                assertEquals(3, link.getLong("MetricCollectionEnabled"), "disabled by default");

            assertEquals(0, control(f, vm, null, 2), "Enable every metric of the VM");
            f.requestState(vm, 2);
            f.lab.clock().advance(Duration.ofMinutes(10));
            assertEquals(7, values(f, vm).size());
            List<CimInstance> v = byName(values(f, vm), "Aggregated Average Memory Utilization");
            assertEquals("2048", v.get(0).getString("MetricValue"), "average memory (MB) of the running VM");
            assertEquals(defs.get(0).getString("Id"), v.get(0).getString("MetricDefinitionId"));
            assertEquals("measured", v.get(0).getString("MeasuredElementName"));
            assertEquals(interval(Duration.ofMinutes(10)), v.get(0).get("AggregationDuration"), "aggregated over the 10 minutes since Enable");
            assertEquals(List.of(v.get(0).path()), f.session.associators(defs.get(0).path(), "Msvm_MetricInstance", null).stream()
                    .map(CimInstance::path).toList(), "the definition links its values");
            assertEquals(List.of(), values(f, other), "only the subject is measured");
            for (CimInstance link : f.session.references(vm, "Msvm_MetricDefForME"))
                assertEquals(2, link.getLong("MetricCollectionEnabled"), "enabled");

            assertEquals(0, control(f, vm, defs.get(0).path(), 3), "Disable the memory metric");
            assertEquals(List.of(), byName(values(f, vm), "Aggregated Average Memory Utilization"));
            assertEquals(6, values(f, vm).size(), "the other aggregation metrics are still collected");
        }
    }

    @Test
    void controlSampleTimesRestartsGatheringAndRefusesAMalformedTime() {
        try (V2Fixture f = new V2Fixture()) {
            ObjectPath vm = f.defined("sampled", V2Fixture.memory(2048));
            assertEquals(0, control(f, vm, null, 2));
            f.lab.clock().advance(Duration.ofMinutes(7));
            CimValue hourly = CimValue.datetime(io.hyperv4j.cim.CimDateTime.parse("99990101000000.000000+000"));
            Map<String, CimValue> keep = Map.of("StartSampleTime", hourly, "PreferredSampleInterval", interval(Duration.ofMinutes(5)),
                    "RestartGathering", CimValue.bool(false));
            assertEquals(0, f.session.invoke(metricService(f), "ControlSampleTimes", keep).returnValue());
            assertEquals(interval(Duration.ofMinutes(7)), values(f, vm).get(0).get("AggregationDuration"), "without a restart gathering goes on");
            Map<String, CimValue> restart = new HashMap<>(keep);
            restart.put("RestartGathering", CimValue.bool(true));
            assertEquals(0, f.session.invoke(metricService(f), "ControlSampleTimes", restart).returnValue());
            for (CimInstance v : values(f, vm)) assertEquals(interval(Duration.ZERO), v.get("AggregationDuration"), "every metric restarts");
            Map<String, CimValue> bad = new HashMap<>(keep);
            bad.put("PreferredSampleInterval", hourly);
            f.lab.clock().advance(Duration.ofMinutes(1));
            assertEquals(2, f.session.invoke(metricService(f), "ControlSampleTimes", bad).returnValue(), "an interval that is a point in time");
            bad.put("PreferredSampleInterval", interval(Duration.ofMinutes(5)));
            bad.put("StartSampleTime", interval(Duration.ofMinutes(5)));
            bad.put("RestartGathering", CimValue.bool(true));
            assertEquals(2, f.session.invoke(metricService(f), "ControlSampleTimes", bad).returnValue(), "a start that is an interval");
            assertEquals(interval(Duration.ofMinutes(1)), values(f, vm).get(0).get("AggregationDuration"), "a failed call restarts nothing");
        }
    }

    @Test
    void aVmThatNeverRanMeasuresZeroAndResetRestartsTheInterval() {
        try (V2Fixture f = new V2Fixture()) {
            ObjectPath vm = f.defined("idle", V2Fixture.memory(4096));
            ObjectPath def = byName(f.session.associators(vm, "Msvm_MetricDefForME", "Msvm_AggregationMetricDefinition"),
                    "Aggregated Average Memory Utilization").get(0).path();
            assertEquals(0, control(f, null, def, 2), "Enable one definition for every element it applies to");
            f.lab.clock().advance(Duration.ofMinutes(5));
            assertEquals("0", values(f, vm).get(0).getString("MetricValue"), "an idle VM used no memory");
            assertEquals(0, control(f, vm, def, 4), "Reset");
            assertEquals(interval(Duration.ZERO), values(f, vm).get(0).get("AggregationDuration"), "the interval restarts");
        }
    }

    @Test
    void controlMetricsFailsAsTheRemarksSayAndChangesNothing() {
        try (V2Fixture f = new V2Fixture()) {
            ObjectPath vm = f.defined("x", V2Fixture.memory(512));
            assertEquals(2, control(f, null, null, 2), "Subject and Definition both null");
            assertEquals(2, control(f, V2.managementService(V2Fixture.HOST), null, 2), "a subject with no metric definitions");
            ObjectPath unknown = V2.path(V2Fixture.HOST, "Msvm_AggregationMetricDefinition", "Id", "Microsoft:nothing");
            assertEquals(2, control(f, vm, unknown, 2), "a definition not associated with the subject");
            assertEquals(2, control(f, vm, null, 7), "an operation outside Enable, Disable, Reset");
            assertEquals(List.of(), values(f, vm), "nothing was enabled");
        }
    }

    @Test
    void theTypedApiMeasuresAVmAsMeasureVmDoes() {
        io.hyperv4j.sim.Lab lab = io.hyperv4j.sim.Lab.standalone();
        io.hyperv4j.HyperVHost host = lab.connect(io.hyperv4j.sim.Lab.DEFAULT_HOST);
        io.hyperv4j.vm.VirtualMachine vm = host.vms().create(io.hyperv4j.vm.VmSpec.builder("typed").memoryMb(1536).build());
        assertEquals(List.of(), vm.metrics().read(), "not collected before enable");
        vm.metrics().enable();
        vm.start().await();
        lab.clock().advance(Duration.ofMinutes(3));
        List<io.hyperv4j.vm.MetricReading> r = vm.metrics().read().stream().filter(m -> m.name().equals("Aggregated Average Memory Utilization")).toList();
        assertEquals(12, vm.metrics().read().size(), "seven aggregation and five base metrics");
        assertEquals(new io.hyperv4j.vm.MetricReading("Aggregated Average Memory Utilization", "Megabytes", 1536, r.get(0).interval()), r.get(0));
        assertEquals(true, r.get(0).interval().compareTo(Duration.ofMinutes(3)) >= 0, "aggregated since enable: " + r.get(0).interval());
        vm.metrics().reset();
        assertEquals(Duration.ZERO, vm.metrics().measure().meteringDuration(), "reset restarts the interval");
        vm.metrics().disable();
        assertEquals(List.of(), vm.metrics().read());
    }
}
