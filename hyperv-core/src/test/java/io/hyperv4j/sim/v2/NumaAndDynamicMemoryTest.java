package io.hyperv4j.sim.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.Lab;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: a VM's per-node NUMA limits and dynamic memory's minimum, maximum and buffer are kept as
 * sent within the documented constraints and refused outside them (before: fixed values, changes
 * ignored); the VM's NumberOfNumaNodes follows them (before: always 1); and NumaSpanningEnabled,
 * changed through ModifyServiceSettings, keeps a VM that needs more than one node from starting.
 */
class NumaAndDynamicMemoryTest {
    @TempDir Path dir;

    private static V2Fixture twoNodes() {
        V2Fixture f = new V2Fixture();
        f.lab.host(V2Fixture.HOST).numaNodes(2); // 8 logical processors and 32768 MB each
        return f;
    }

    private static ObjectPath vm(V2Fixture f, long processors, long mb) {
        return f.defined("n", V2Fixture.processors(processors), V2Fixture.memory(mb));
    }

    private static String id(ObjectPath vm) {
        return String.valueOf(vm.key("Name"));
    }

    private static CimInstance processor(V2Fixture f, ObjectPath vm) {
        return f.session.get(V2.processor(V2Fixture.HOST, id(vm)));
    }

    private static CimInstance memory(V2Fixture f, ObjectPath vm) {
        return f.session.get(V2.memory(V2Fixture.HOST, id(vm)));
    }

    private static MethodResult modify(V2Fixture f, CimInstance... rasds) {
        return f.session.invoke(f.service(), "ModifyResourceSettings",
                Map.of("ResourceSettings", CimValue.array(CimType.OBJECT, List.of(rasds))));
    }

    private static long nodes(V2Fixture f, ObjectPath vm) {
        return f.session.get(vm).getLong("NumberOfNumaNodes");
    }

    /** A refusal: 4096 and a job that already failed with {@code code}, saying why. */
    private static void refused(V2Fixture f, MethodResult r, long code, String why) {
        assertEquals(4096, r.returnValue());
        CimInstance job = f.job(r);
        assertEquals(code, job.getLong("ErrorCode"));
        assertTrue(job.getString("ErrorDescription").contains(why), job.getString("ErrorDescription"));
    }

    @Test
    void perNodeLimitsShapeTheVirtualNumaNodesAndAreSetOnlyWhileOff() {
        try (V2Fixture f = twoNodes()) {
            ObjectPath vm = vm(f, 4, 4096);
            assertEquals(8L, processor(f, vm).getLong("MaxProcessorsPerNumaNode"), "a host node by default");
            assertEquals(1L, nodes(f, vm));
            assertEquals(0, modify(f, processor(f, vm).toBuilder().put("MaxProcessorsPerNumaNode", CimValue.uint64(2)).build()).returnValue());
            assertEquals(2L, processor(f, vm).getLong("MaxProcessorsPerNumaNode"));
            assertEquals(2L, nodes(f, vm), "4 processors at 2 a node");
            assertEquals(0, modify(f, memory(f, vm).toBuilder().put("MaxMemoryBlocksPerNumaNode", CimValue.uint64(1024)).build()).returnValue());
            assertEquals(4L, nodes(f, vm), "4096 MB at 1024 MB a node");

            refused(f, modify(f, processor(f, vm).toBuilder().put("MaxProcessorsPerNumaNode", CimValue.uint64(9)).build()), 32773, "1 to 8");
            refused(f, modify(f, memory(f, vm).toBuilder().put("MaxMemoryBlocksPerNumaNode", CimValue.uint64(40000)).build()), 32773, "1 to 32768");
            assertEquals(2L, processor(f, vm).getLong("MaxProcessorsPerNumaNode"), "a refusal changes nothing");

            CimInstance vssd = f.session.get(V2.settings(V2Fixture.HOST, id(vm))).toBuilder().put("VirtualNumaEnabled", CimValue.bool(false)).build();
            assertEquals(0, f.session.invoke(f.service(), "ModifySystemSettings", Map.of("SystemSettings", CimValue.object(vssd))).returnValue());
            assertEquals(1L, nodes(f, vm), "without virtual NUMA the guest sees one node");

            f.requestState(vm, 2);
            f.settle();
            assertEquals(5, modify(f, processor(f, vm).toBuilder().put("MaxProcessorsPerNumaNode", CimValue.uint64(4)).build()).returnValue(),
                    "virtual NUMA is set while the VM is off");
            assertEquals(2L, processor(f, vm).getLong("MaxProcessorsPerNumaNode"));
        }
    }

    @Test
    void processorReservationLimitWeightAndFeatureFlagsAreKeptWithinThePagesRanges() {
        try (V2Fixture f = new V2Fixture()) {
            ObjectPath vm = vm(f, 2, 1024);
            CimInstance sent = processor(f, vm).toBuilder().put("Reservation", CimValue.uint64(10000)).put("Limit", CimValue.uint64(50000))
                    .put("Weight", CimValue.uint32(200)).put("LimitProcessorFeatures", CimValue.bool(true)).put("HwThreadsPerCore", CimValue.uint64(1))
                    .build();
            assertEquals(0, modify(f, sent).returnValue());
            CimInstance read = processor(f, vm);
            assertEquals(List.of(10000L, 50000L, 200L, true, 1L), List.of(read.getLong("Reservation"), read.getLong("Limit"), read.getLong("Weight"),
                    read.get("LimitProcessorFeatures").asBoolean(), read.getLong("HwThreadsPerCore")), "kept as sent");
            refused(f, modify(f, read.toBuilder().put("Reservation", CimValue.uint64(60000)).build()), 32773, "at most the limit");
            refused(f, modify(f, read.toBuilder().put("Limit", CimValue.uint64(100001)).build()), 32773, "0 to 100000");
            refused(f, modify(f, read.toBuilder().put("Weight", CimValue.uint32(10001)).build()), 32773, "0 to 10000");
            assertEquals(read, processor(f, vm), "refusals change nothing");
            assertEquals(0, modify(f, CimInstance.builder(V2.PROCESSOR_SD).put("InstanceID", read.get("InstanceID"))
                    .put("Weight", CimValue.uint32(300)).build()).returnValue(), "an instance with only what changes (no VirtualQuantity)");
            assertEquals(300L, processor(f, vm).getLong("Weight"));
            assertEquals(2L, processor(f, vm).getLong("VirtualQuantity"));

            f.requestState(vm, 2);
            f.settle();
            assertEquals(0, modify(f, processor(f, vm).toBuilder().put("Limit", CimValue.uint64(80000)).build()).returnValue(),
                    "a running VM's limit changes");
            assertEquals(5, modify(f, processor(f, vm).toBuilder().put("LimitProcessorFeatures", CimValue.bool(false)).build()).returnValue(),
                    "processor compatibility changes while the VM is off");
            assertEquals(true, processor(f, vm).get("LimitProcessorFeatures").asBoolean());
        }
    }

    @Test
    void dynamicMemoryKeepsItsMinimumMaximumAndBufferWithinTheirConstraints() throws Exception {
        try (V2Fixture f = new V2Fixture()) {
            ObjectPath vm = vm(f, 2, 2048);
            CimInstance staticMemory = memory(f, vm);
            assertEquals(2048L, staticMemory.getLong("Reservation"));
            assertEquals(2048L, staticMemory.getLong("Limit"));
            CimInstance dynamic = staticMemory.toBuilder().put("DynamicMemoryEnabled", CimValue.bool(true))
                    .put("Reservation", CimValue.uint64(1024)).put("Limit", CimValue.uint64(8192))
                    .put("TargetMemoryBuffer", CimValue.uint32(30)).put("Weight", CimValue.uint32(8000)).build();
            assertEquals(0, modify(f, dynamic).returnValue());
            CimInstance read = memory(f, vm);
            assertEquals(List.of(true, 1024L, 2048L, 8192L, 30L, 8000L), List.of(read.get("DynamicMemoryEnabled").asBoolean(), read.getLong("Reservation"),
                    read.getLong("VirtualQuantity"), read.getLong("Limit"), read.getLong("TargetMemoryBuffer"), read.getLong("Weight")), "kept as sent");

            refused(f, modify(f, read.toBuilder().put("Reservation", CimValue.uint64(4096)).build()), 32773, "must rise in that order");
            refused(f, modify(f, read.toBuilder().put("Limit", CimValue.uint64(1024)).build()), 32773, "must rise in that order");
            refused(f, modify(f, read.toBuilder().put("Reservation", CimValue.uint64(1023)).build()), 32773, "multiples of 2 MB");
            refused(f, modify(f, read.toBuilder().put("TargetMemoryBuffer", CimValue.uint32(4)).build()), 32773, "5 to 2000");
            assertEquals(read, memory(f, vm), "refusals change nothing");
            assertEquals(0, modify(f, read).returnValue(), "sending back what was read changes nothing");
            assertEquals(read, memory(f, vm));

            Path file = dir.resolve("lab.json");
            f.lab.save(file);
            try (Lab back = Lab.load(file)) {
                assertEquals(read, back.session(V2Fixture.HOST).get(read.path()), "saved with the lab");
            }
        }
    }

    @Test
    void aRunningDynamicVmIsAssignedItsDemandPlusBufferWithinItsMinimumAndMaximum() {
        try (V2Fixture f = new V2Fixture()) {
            ObjectPath vm = vm(f, 2, 2048);
            assertEquals(0, modify(f, memory(f, vm).toBuilder().put("DynamicMemoryEnabled", CimValue.bool(true))
                    .put("Reservation", CimValue.uint64(512)).put("Limit", CimValue.uint64(8192)).build()).returnValue());
            f.lab.vm(id(vm)).guestLoad(new io.hyperv4j.sim.GuestLoad(0.5, 1, 2, 8192, 0.002, 2_000, 2_000));
            Map<String, CimValue> enable = Map.of("Subject", CimValue.ref(vm), "MetricCollectionEnabled", CimValue.uint16(2));
            ObjectPath metrics = f.session.query(V2.NAMESPACE, "SELECT * FROM Msvm_MetricService").get(0).path();
            assertEquals(0, f.session.invoke(metrics, "ControlMetrics", enable).returnValue());
            f.requestState(vm, 2);
            f.settle();
            // demand 2048 x (0.25 + 0.75 x 0.5) = 1280 MB; plus the 20 % buffer: 1536 MB
            assertEquals(1536L, assigned(f, vm), "Msvm_Memory of the running VM");
            CimInstance summary = summary(f, vm);
            assertEquals(1536L, summary.getLong("MemoryUsage"));
            assertEquals(17L, summary.getLong("MemoryAvailable"), "(1536 - 1280) / 1536");
            assertEquals(20L, summary.getLong("AvailableMemoryBuffer"), "(1536 - 1280) / 1280: the buffer");
            for (String name : List.of("Aggregated Average Memory Utilization", "Aggregated Minimum for Memory Utilization", "Aggregated Maximum for Memory Utilization"))
                assertEquals("1536", ResourceMeteringTest.byName(f.session.associators(vm, "Msvm_MetricForME", "Msvm_AggregationMetricValue"), name)
                        .get(0).getString("MetricValue"), name);

            assertEquals(0, modify(f, memory(f, vm).toBuilder().put("Limit", CimValue.uint64(2048)).put("TargetMemoryBuffer", CimValue.uint32(100)).build())
                    .returnValue(), "a running VM's maximum and buffer change");
            assertEquals(2048L, assigned(f, vm), "2560 wanted, held to the 2048 MB maximum");
            f.lab.vm(id(vm)).guestLoad(io.hyperv4j.sim.GuestLoad.IDLE);
            assertEquals(1086L, assigned(f, vm), "an idle guest: 2048 x 0.265 = 543 MB, doubled");
        }
    }

    private static long assigned(V2Fixture f, ObjectPath vm) {
        return f.session.associators(vm, V2.SYSTEM_DEVICE, "Msvm_Memory").get(0).getLong("NumberOfBlocks");
    }

    private static CimInstance summary(V2Fixture f, ObjectPath vm) {
        MethodResult r = f.session.invoke(f.service(), "GetSummaryInformation", Map.of(
                "SettingData", CimValue.array(CimType.REFERENCE, List.of(V2.settings(V2Fixture.HOST, id(vm)))),
                "RequestedInformation", CimValue.array(CimType.UINT32, List.of(103L, 112L, 113L))));
        return r.get("SummaryInformation").asList().stream().map(o -> (CimInstance) o).findFirst().orElseThrow();
    }

    @Test
    void withNumaSpanningDisabledAVmLargerThanANodeDoesNotStart() {
        try (V2Fixture f = twoNodes()) {
            ObjectPath big = vm(f, 2, 40000), small = vm(f, 2, 16000);
            ObjectPath settings = ServiceSettings.path(V2Fixture.HOST);
            CimInstance s = f.session.get(settings);
            assertTrue(s.get("NumaSpanningEnabled").asBoolean(), "Hyper-V's default");
            f.requestState(big, 2);
            f.settle();
            assertEquals(2, f.state(big), "with spanning the VM's memory spans both nodes");
            f.requestState(big, 3);
            f.settle();

            MethodResult off = f.session.invoke(f.service(), "ModifyServiceSettings",
                    Map.of("SettingData", CimValue.object(s.toBuilder().put("NumaSpanningEnabled", CimValue.bool(false)).build())));
            assertEquals(0, off.returnValue());
            assertEquals(false, f.session.get(settings).get("NumaSpanningEnabled").asBoolean());
            MethodResult start = f.requestState(big, 2);
            f.settle();
            assertEquals(3, f.state(big), "40000 MB fits no 32768 MB node");
            CimInstance job = f.job(start);
            assertEquals(32778L, job.getLong("ErrorCode"));
            assertTrue(job.getString("ErrorDescription").contains("NUMA spanning is disabled"), job.getString("ErrorDescription"));
            f.requestState(small, 2);
            f.settle();
            assertEquals(2, f.state(small), "a VM that fits one node starts");

            refused(f, f.session.invoke(f.service(), "ModifyServiceSettings", Map.of("SettingData",
                    CimValue.object(s.toBuilder().put("BiosLockString", CimValue.string("short")).build()))), 32773, "exactly 32");
            refused(f, f.session.invoke(f.service(), "ModifyServiceSettings", Map.of("SettingData",
                    CimValue.object(s.toBuilder().put("MinimumMacAddress", CimValue.string("00155D000000")).build()))), 32770, "MinimumMacAddress");
            assertEquals(false, f.session.get(settings).get("NumaSpanningEnabled").asBoolean(), "refusals change nothing");
        }
    }
}
