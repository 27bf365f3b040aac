package io.hyperv4j.sim.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.cim.schema.CimSchema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: GetVirtualSystemThumbnailImage returns a real RGB 565 image of the simulated console
 * (before: "not supported"), and GetSummaryInformation answers every documented RequestedInformation
 * code (before: 5-9 and 117-132 added nothing).
 */
class ThumbnailAndSummaryTest {

    private static MethodResult thumbnail(V2Fixture f, ObjectPath vssd, int w, int h) {
        Map<String, CimValue> in = new HashMap<>();
        in.put("TargetSystem", CimValue.ref(vssd));
        in.put("WidthPixels", CimValue.uint16(w));
        in.put("HeightPixels", CimValue.uint16(h));
        return f.session.invoke(f.service(), "GetVirtualSystemThumbnailImage", in);
    }

    private static int pixel(List<Object> image, int width, int x, int y) {
        int i = (y * width + x) * 2;
        return (int) ((Long) image.get(i) | (Long) image.get(i + 1) << 8);
    }

    private static CimInstance summary(V2Fixture f, ObjectPath vssd, long... codes) {
        List<Long> requested = new java.util.ArrayList<>();
        for (long c : codes) requested.add(c);
        MethodResult r = f.session.invoke(f.service(), "GetSummaryInformation", Map.of(
                "SettingData", CimValue.array(CimType.REFERENCE, List.of(vssd)),
                "RequestedInformation", CimValue.array(CimType.UINT32, requested)));
        assertEquals(0, r.returnValue());
        return (CimInstance) r.get("SummaryInformation").asList().get(0);
    }

    @Test
    void aRunningVmShowsItsDesktopWithATaskbarGaugeOfItsProcessorLoad() {
        try (V2Fixture f = new V2Fixture()) {
            ObjectPath vm = f.defined("vm1");
            ObjectPath vssd = V2.settings(V2Fixture.HOST, (String) vm.key("Name"));
            List<Object> off = thumbnail(f, vssd, 16, 12).get("ImageData").asList();
            assertEquals(16 * 12 * 2, off.size());
            assertTrue(off.stream().allMatch(b -> (Long) b == 0L), "an off VM's screen is black");

            f.requestState(vm, 2);
            f.settle();
            MethodResult r = thumbnail(f, vssd, 100, 60);
            assertEquals(0, r.returnValue());
            List<Object> image = r.get("ImageData").asList();
            assertEquals(100 * 60 * 2, image.size());
            assertEquals(Thumbnails.rgb565(0, 120, 215), pixel(image, 100, 50, 10));
            long load = summary(f, vssd, 101).getLong("ProcessorLoad");
            int green = 0;
            for (int x = 0; x < 100; x++) if (pixel(image, 100, x, 59) == Thumbnails.rgb565(16, 124, 16)) green++;
            assertEquals(load, green, "the gauge is the guest's processor load in percent of the width");

            f.requestState(vm, 9); // pause
            f.settle();
            List<Object> paused = thumbnail(f, vssd, 100, 60).get("ImageData").asList();
            assertEquals((Thumbnails.rgb565(0, 120, 215) >> 1) & 0x7BEF, pixel(paused, 100, 50, 10));
        }
    }

    @Test
    void aBadSizeOrTargetIsInvalidParameter() {
        try (V2Fixture f = new V2Fixture()) {
            ObjectPath vm = f.defined("vm1");
            ObjectPath vssd = V2.settings(V2Fixture.HOST, (String) vm.key("Name"));
            assertEquals(32773, thumbnail(f, vssd, 0, 60).returnValue());
            assertEquals(32773, thumbnail(f, vssd, 2000, 60).returnValue());
            assertEquals(32773, thumbnail(f, V2.settings(V2Fixture.HOST, "00000000-0000-0000-0000-000000000001"), 80, 60).returnValue());
        }
    }

    @Test
    void theSummaryThumbnailsAreTheMethodsImagesAtTheDocumentedSizes() {
        try (V2Fixture f = new V2Fixture()) {
            ObjectPath vm = f.defined("vm1");
            ObjectPath vssd = V2.settings(V2Fixture.HOST, (String) vm.key("Name"));
            f.requestState(vm, 2);
            f.settle();
            int[][] sizes = {{5, 80, 60}, {6, 160, 120}, {7, 320, 240}};
            for (int[] s : sizes) {
                CimInstance si = summary(f, vssd, s[0]);
                assertEquals(s[1], si.getLong("ThumbnailImageWidth"));
                assertEquals(s[2], si.getLong("ThumbnailImageHeight"));
                assertEquals(thumbnail(f, vssd, s[1], s[2]).get("ImageData").asList(), si.get("ThumbnailImage").asList());
            }
        }
    }

    /** The property each documented code fills (the page's names; 132 also names OtherEnabledState). */
    private static final Map<Long, String> FILLS = Map.ofEntries(Map.entry(0L, "Name"), Map.entry(1L, "ElementName"),
            Map.entry(2L, "CreationTime"), Map.entry(3L, "Notes"), Map.entry(4L, "NumberOfProcessors"),
            Map.entry(5L, "ThumbnailImage"), Map.entry(6L, "ThumbnailImage"), Map.entry(7L, "ThumbnailImage"),
            Map.entry(8L, "AllocatedGPU"), Map.entry(9L, "VirtualSwitchNames"), Map.entry(10L, "Version"), Map.entry(11L, "Shielded"),
            Map.entry(100L, "EnabledState"), Map.entry(101L, "ProcessorLoad"), Map.entry(102L, "ProcessorLoadHistory"),
            Map.entry(103L, "MemoryUsage"), Map.entry(104L, "Heartbeat"), Map.entry(105L, "UpTime"),
            Map.entry(106L, "GuestOperatingSystem"), Map.entry(107L, "Snapshots"), Map.entry(108L, "AsynchronousTasks"),
            Map.entry(109L, "HealthState"), Map.entry(110L, "OperationalStatus"), Map.entry(111L, "StatusDescriptions"),
            Map.entry(112L, "MemoryAvailable"), Map.entry(113L, "AvailableMemoryBuffer"), Map.entry(114L, "ReplicationMode"),
            Map.entry(115L, "ReplicationState"), Map.entry(116L, "TestReplicaSystem"), Map.entry(117L, "ApplicationHealth"),
            Map.entry(118L, "ReplicationStateEx"), Map.entry(119L, "ReplicationHealthEx"), Map.entry(120L, "SwapFilesInUse"),
            Map.entry(121L, "IntegrationServicesVersionState"), Map.entry(122L, "ReplicationProviderId"),
            Map.entry(123L, "MemorySpansPhysicalNumaNodes"), Map.entry(132L, "OtherEnabledState"));

    @Test
    void everyDocumentedRequestedInformationCodeFillsItsProperty() {
        var documented = CimSchema.forNamespace(V2.NAMESPACE).method(V2.MANAGEMENT_SERVICE, "GetSummaryInformation").orElseThrow()
                .inParameters().stream().filter(p -> p.name().equals("RequestedInformation")).findFirst().orElseThrow().valueMap().values();
        assertEquals(documented.keySet(), FILLS.keySet());
        try (V2Fixture f = new V2Fixture()) {
            ObjectPath vm = f.defined("vm1");
            ObjectPath vssd = V2.settings(V2Fixture.HOST, (String) vm.key("Name"));
            f.requestState(vm, 2);
            f.settle();
            for (var e : FILLS.entrySet())
                assertTrue(summary(f, vssd, e.getKey()).has(e.getValue()), e.getKey() + " fills " + e.getValue());
            CimInstance running = summary(f, vssd, 117, 121, 123);
            assertEquals(2L, running.getLong("ApplicationHealth"));
            assertEquals(1L, running.getLong("IntegrationServicesVersionState"));
            assertEquals(false, running.get("MemorySpansPhysicalNumaNodes").asBoolean());
        }
    }
}
