package io.hyperv4j.sim.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.sim.GuestLoad;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vm.ControllerType;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VirtualMachines;
import io.hyperv4j.vm.VmMeasurement;
import io.hyperv4j.vm.VmSpec;
import io.hyperv4j.vm.VmSwitch;
import io.hyperv4j.vm.SwitchType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: processor, disk and network metering follow from how long the VM ran in the interval
 * and its guest's load; the rest of Msvm_MetricService's documented methods (ControlMetricsByClass,
 * ShowMetrics, ShowMetricsByClass, GetMetricValues) read back what ControlMetrics set.
 */
class MeteringActivityTest {
    private static final GuestLoad BUSY = new GuestLoad(0.5, 100, 50, 16384, 0.004, 1 << 20, 1 << 19);

    @TempDir
    Path dir;

    @Test
    void eachVirtualHardDiskHasItsOwnDiskMetricsOnItsStorageSettings() {
        Lab lab = Lab.standalone();
        HyperVHost host = lab.connect(Lab.DEFAULT_HOST);
        VirtualMachine vm = host.vms().create(VmSpec.builder("two-disks").build());
        Path big = host.disks().create(dir.resolve("big.vhdx"), DiskSpec.dynamic(VhdFormat.VHDX, 256L << 20)).await();
        Path small = host.disks().create(dir.resolve("small.vhdx"), DiskSpec.dynamic(VhdFormat.VHDX, 64L << 20)).await();
        vm.hardDisks().attach(big, ControllerType.SCSI);
        vm.hardDisks().attach(small, ControllerType.SCSI);
        lab.vm(vm.id()).guestLoad(BUSY);
        vm.metrics().enable();
        vm.start().await();
        lab.clock().advance(Duration.ofMinutes(10));
        vm.turnOff().await();
        double ran = lab.vm(vm.id()).ran(lab.clock().now()).toNanos() / 1e9;
        try (CimSession s = lab.session(Lab.DEFAULT_HOST)) {
            List<io.hyperv4j.cim.CimInstance> disks = s.associators(V2.settings(Lab.DEFAULT_HOST, vm.id()), V2.VSSD_COMPONENT,
                    "Msvm_StorageAllocationSettingData");
            assertEquals(2, disks.size());
            Map<String, Long> allocation = new HashMap<>(), read = new HashMap<>();
            for (io.hyperv4j.cim.CimInstance d : disks) {
                String file = Path.of(String.valueOf(d.get("HostResource").asList().get(0))).getFileName().toString();
                List<io.hyperv4j.cim.CimInstance> values = new java.util.ArrayList<>(s.associators(d.path(), "Msvm_MetricForME", "Msvm_AggregationMetricValue"));
                values.addAll(s.associators(d.path(), "Msvm_MetricForME", "Msvm_BaseMetricValue"));
                assertEquals(6, values.size(), "allocation, throughput, latency, I/O count, data read and written of " + file);
                for (io.hyperv4j.cim.CimInstance v : values) {
                    assertEquals(file, v.getString("MeasuredElementName"));
                    assertEquals(v, s.get(v.path()), "found by its path");
                    assertEquals(1, s.associators(v.path(), "Msvm_MetricInstance", null).size(), "and linked to its definition");
                }
                allocation.put(file, Long.parseLong(ResourceMeteringTest.byName(values, "Aggregated Maximum for Disk Allocations").get(0).getString("MetricValue")));
                read.put(file, Long.parseLong(ResourceMeteringTest.byName(values, "Aggregated Disk Data Read").get(0).getString("MetricValue")));
            }
            assertEquals(Map.of("big.vhdx", 256L, "small.vhdx", 64L), allocation, "each disk's own size");
            long half = (long) Math.floor(ran * 50 * 16384 / (1 << 20)); // the guest's 100 reads a second spread over two disks
            assertEquals(Map.of("big.vhdx", half, "small.vhdx", half), read);
            io.hyperv4j.cim.CimInstance total = ResourceMeteringTest.byName(s.associators(vm.path(), "Msvm_MetricForME", "Msvm_BaseMetricValue"),
                    "Aggregated Disk Data Read").get(0);
            assertTrue(Math.abs(Long.parseLong(total.getString("MetricValue")) - 2 * half) <= 1, "the VM's total is the disks' sum");
        }
    }

    @Test
    void measureVmReportsProcessorDiskAndNetworkUseOfTheRunningTime() {
        Lab lab = Lab.standalone();
        HyperVHost host = lab.connect(Lab.DEFAULT_HOST);
        VirtualMachine vm = host.vms().create(VmSpec.builder("busy").processors(2).memoryMb(1024).build());
        Path vhdx = host.disks().create(dir.resolve("busy.vhdx"), DiskSpec.dynamic(VhdFormat.VHDX, 256L << 20)).await();
        vm.hardDisks().attach(vhdx, ControllerType.SCSI);
        VmSwitch sw = host.switches().create("metered", SwitchType.INTERNAL, null);
        vm.networkAdapters().connect(VirtualMachines.DEFAULT_ADAPTER, sw.name());
        SimVm sim = lab.vm(vm.id());
        sim.guestLoad(BUSY);

        vm.metrics().enable();
        Instant enabled = lab.clock().now();
        vm.start().await();
        lab.clock().advance(Duration.ofMinutes(10));
        vm.turnOff().await();
        VmMeasurement atStop = vm.metrics().measure();
        lab.clock().advance(Duration.ofMinutes(10));
        VmMeasurement m = vm.metrics().measure();

        double ran = sim.ran(lab.clock().now()).toNanos() / 1e9;
        double interval = Duration.between(enabled, lab.clock().now()).toNanos() / 1e9;
        assertTrue(ran >= 600 && ran < 700, "ran about the 10 minutes: " + ran);
        assertEquals(Math.round(0.5 * 2 * SimHost.PROCESSOR_MHZ * ran / interval), m.averageCpuMhz(), "half of two 2.1 GHz processors, averaged over the interval");
        assertTrue(m.averageCpuMhz() < atStop.averageCpuMhz(), "the average falls while the VM is off");
        double ios = (100 + 50) * 2 * ran; // 16 KB I/O counts as two normalized 8 KB operations
        assertEquals(Math.round(ios), m.normalizedIoCount());
        assertEquals(atStop.normalizedIoCount(), m.normalizedIoCount(), "an off VM does no I/O");
        assertEquals(Math.round(ios / interval), m.averageNormalizedIops());
        assertEquals(4, m.averageLatencyMs());
        assertEquals((long) Math.floor(100 * 16384 * ran / (1 << 20)), m.diskDataReadMb());
        assertEquals((long) Math.floor(50 * 16384 * ran / (1 << 20)), m.diskDataWrittenMb());
        assertEquals((long) Math.floor(ran), m.networkInboundMb(), "1 MB/s received");
        assertEquals((long) Math.floor(ran / 2), m.networkOutboundMb(), "0.5 MB/s sent");
        assertEquals(256, m.totalDiskMb(), "the virtual size of the attached disk");
        assertEquals(1024, m.averageMemoryMb());
        assertEquals(1024, m.maximumMemoryMb());
        assertEquals(1024, m.minimumMemoryMb());
        assertEquals(Duration.between(enabled, lab.clock().now()).truncatedTo(java.time.temporal.ChronoUnit.MICROS), m.meteringDuration(), "CIM intervals carry microseconds");
    }

    @Test
    void aVmWithoutDiskOrConnectedAdapterDoesNoIoAndMovesNoTraffic() {
        Lab lab = Lab.standalone();
        HyperVHost host = lab.connect(Lab.DEFAULT_HOST);
        VirtualMachine vm = host.vms().create(VmSpec.builder("bare").processors(1).memoryMb(512).build());
        lab.vm(vm.id()).guestLoad(BUSY);
        vm.metrics().enable();
        vm.start().await();
        lab.clock().advance(Duration.ofMinutes(5));
        VmMeasurement m = vm.metrics().measure();
        assertTrue(m.averageCpuMhz() > 0, "it still computes");
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L), List.of(m.normalizedIoCount(), m.averageNormalizedIops(), m.averageLatencyMs(),
                m.diskDataReadMb(), m.diskDataWrittenMb(), m.totalDiskMb(), m.networkInboundMb(), m.networkOutboundMb()));
    }

    @Test
    void theIntervalAndRunningTimeSurviveALabFileRoundTrip() {
        Path file = dir.resolve("lab.json");
        Lab lab = Lab.standalone();
        HyperVHost host = lab.connect(Lab.DEFAULT_HOST);
        VirtualMachine vm = host.vms().create(VmSpec.builder("kept").processors(4).memoryMb(1024).build());
        lab.vm(vm.id()).guestLoad(BUSY);
        vm.metrics().enable();
        vm.start().await();
        lab.clock().advance(Duration.ofMinutes(7));
        VmMeasurement before = vm.metrics().measure();
        lab.save(file);
        Lab loaded = Lab.load(file);
        VirtualMachine again = loaded.connect(Lab.DEFAULT_HOST).vms().findById(vm.id()).orElseThrow();
        assertEquals(BUSY, loaded.vm(vm.id()).guestLoad());
        assertEquals(before.averageCpuMhz(), again.metrics().measure().averageCpuMhz(), "the same reading from the saved lab");
    }

    @Test
    void showAndGetMetricValuesReadBackWhatControlMetricsSet() {
        try (V2Fixture f = new V2Fixture()) {
            ObjectPath a = f.defined("a", V2Fixture.memory(1024));
            ObjectPath b = f.defined("b", V2Fixture.memory(2048));
            ObjectPath service = f.session.query(V2.NAMESPACE, "SELECT * FROM Msvm_MetricService").get(0).path();
            ObjectPath memory = ResourceMeteringTest.byName(f.session.query(V2.NAMESPACE, "SELECT * FROM Msvm_AggregationMetricDefinition"),
                    "Aggregated Average Memory Utilization").get(0).path();
            ObjectPath vmClass = new ObjectPath(V2Fixture.HOST, V2.NAMESPACE, V2.COMPUTER_SYSTEM, Map.of());

            MethodResult shown = invoke(f.session, service, "ShowMetrics", "Subject", CimValue.ref(a));
            assertEquals(0, shown.returnValue());
            assertEquals(12, shown.out().get("DefinitionList").asList().size(), "every definition of the VM");
            assertEquals(shown.out().get("DefinitionList").asList().size(), shown.out().get("MetricNames").asList().size());
            assertTrue(shown.out().get("MetricCollectionEnabled").asList().stream().allMatch(v -> ((Number) v).intValue() == 3), "none collected yet");

            assertEquals(0, invoke(f.session, service, "ControlMetricsByClass", "Subject", CimValue.ref(vmClass),
                    "Definition", CimValue.ref(memory), "MetricCollectionEnabled", CimValue.uint16(2)).returnValue());
            MethodResult byClass = invoke(f.session, service, "ShowMetricsByClass", "Subject", CimValue.ref(vmClass), "Definition", CimValue.ref(memory));
            assertEquals(List.of(2L), byClass.out().get("MetricCollectionEnabled").asList().stream().map(v -> ((Number) v).longValue()).toList(),
                    "enabled for every VM by class");
            assertEquals(List.of("Aggregated Average Memory Utilization"), byClass.out().get("MetricNames").asList());
            MethodResult elements = invoke(f.session, service, "ShowMetrics", "Definition", CimValue.ref(memory));
            assertEquals(2, elements.out().get("ManagedElements").asList().size(), "both VMs are measured by it");

            f.requestState(a, 2);
            f.requestState(b, 2);
            f.settle();
            f.lab.clock().advance(Duration.ofMinutes(1));
            MethodResult max = invoke(f.session, service, "GetMetricValues", "Definition", CimValue.ref(memory),
                    "Range", CimValue.uint16(3), "Count", CimValue.uint16(1));
            assertEquals(0, max.returnValue());
            List<?> refs = max.out().get("Values").asList();
            assertEquals(1, refs.size(), "Count caps the values");
            assertEquals("2048", f.session.get((ObjectPath) refs.get(0)).getString("MetricValue"), "Maximum: the larger VM first");
            MethodResult min = invoke(f.session, service, "GetMetricValues", "Definition", CimValue.ref(memory),
                    "Range", CimValue.uint16(2), "Count", CimValue.uint16(5));
            assertEquals(List.of("1024", "2048"), min.out().get("Values").asList().stream()
                    .map(r -> f.session.get((ObjectPath) r).getString("MetricValue")).toList(), "Minimum: ascending");

            assertEquals(0, invoke(f.session, service, "ControlMetricsByClass", "Subject", CimValue.ref(vmClass),
                    "Definition", CimValue.ref(memory), "MetricCollectionEnabled", CimValue.uint16(3)).returnValue());
            assertEquals(List.of(), f.session.query(V2.NAMESPACE, "SELECT * FROM Msvm_AggregationMetricValue"), "disabled for the class");
        }
    }

    @Test
    void theOtherMethodsFailAsDocumentedAndChangeNothing() {
        try (V2Fixture f = new V2Fixture()) {
            ObjectPath a = f.defined("a", V2Fixture.memory(1024));
            ObjectPath service = f.session.query(V2.NAMESPACE, "SELECT * FROM Msvm_MetricService").get(0).path();
            ObjectPath memory = ResourceMeteringTest.byName(f.session.query(V2.NAMESPACE, "SELECT * FROM Msvm_AggregationMetricDefinition"),
                    "Aggregated Average Memory Utilization").get(0).path();
            ObjectPath notMetered = new ObjectPath(V2Fixture.HOST, V2.NAMESPACE, "Msvm_VirtualSystemManagementService", Map.of());
            assertEquals(2, invoke(f.session, service, "ControlMetricsByClass", "Subject", CimValue.ref(notMetered),
                    "MetricCollectionEnabled", CimValue.uint16(2)).returnValue(), "a class this service does not meter");
            assertEquals(2, invoke(f.session, service, "ShowMetrics").returnValue(), "neither Subject nor Definition");
            assertEquals(2, invoke(f.session, service, "GetMetricValues", "Definition", CimValue.ref(memory),
                    "Range", CimValue.uint16(7), "Count", CimValue.uint16(1)).returnValue(), "a Range outside Minimum and Maximum");
            assertEquals(2, invoke(f.session, service, "GetMetricValues", "Range", CimValue.uint16(2), "Count", CimValue.uint16(1)).returnValue(),
                    "no Definition");
            MethodResult shown = invoke(f.session, service, "ShowMetrics", "Subject", CimValue.ref(a));
            assertTrue(shown.out().get("MetricCollectionEnabled").asList().stream().allMatch(v -> ((Number) v).intValue() == 3), "nothing was enabled");
        }
    }

    private static MethodResult invoke(CimSession s, ObjectPath target, String method, Object... nameValues) {
        Map<String, CimValue> in = new HashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) in.put((String) nameValues[i], (CimValue) nameValues[i + 1]);
        return s.invoke(target, method, in);
    }
}
