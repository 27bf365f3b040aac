package io.hyperv4j.perf.export;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.CounterType;
import io.hyperv4j.perf.PdhStatus;
import io.hyperv4j.perf.judge.HostFacts;
import io.hyperv4j.perf.judge.ThresholdRules;
import io.hyperv4j.perf.sampler.CounterSample;
import io.hyperv4j.perf.sampler.CounterSampleSet;
import io.hyperv4j.perf.sampler.CounterSampler;
import io.hyperv4j.perf.sampler.SamplingClock;
import io.hyperv4j.perf.sampler.VirtualClock;
import io.hyperv4j.perf.sim.Seed000Workloads;
import io.hyperv4j.perf.sim.SimulatedCounterSource;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ExportsTest {
    static final Instant T = Instant.parse("2010-07-01T00:00:01.250Z");
    static final CounterPath PAGES = CounterPath.parse("\\\\HOST1\\Memory\\Pages/sec");
    static final CounterPath NIC = CounterPath.parse("\\\\HOST1\\Network Interface(Intel(R) \"Pro\"\\1000)\\Bytes Total/sec");

    static CounterSampleSet set() {
        return new CounterSampleSet(T, List.of(
                new CounterSample(PAGES, "", 137.41, 123456, 987654321, CounterType.PERF_COUNTER_COUNTER, 0, T),
                new CounterSample(NIC, NIC.instanceName(), Double.NaN, 0, 0, CounterType.PERF_COUNTER_BULK_COUNT, PdhStatus.NO_MACHINE, T)));
    }

    @Test
    void csvLooksLikeRelogs() {
        StringWriter w = new StringWriter();
        RelogCsvWriter csv = new RelogCsvWriter(w, List.of(PAGES, CounterPath.parse("\\\\HOST1\\Memory\\Available MBytes")), ZoneId.of("Asia/Tokyo"));
        csv.append(new CounterSampleSet(T, List.of(
                new CounterSample(PAGES, "", 137.41, 0, 0, CounterType.PERF_COUNTER_COUNTER, 0, T),
                new CounterSample(PAGES, "", Double.NaN, 0, 0, CounterType.PERF_COUNTER_LARGE_RAWCOUNT, PdhStatus.NO_INSTANCE, T))));
        assertEquals("\"(PDH-CSV 4.0) (Japan Standard Time)(-540)\",\"\\\\HOST1\\Memory\\Pages/sec\",\"\\\\HOST1\\Memory\\Available MBytes\"\r\n"
                + "\"07/01/2010 09:00:01.250\",\"137.41\",\" \"\r\n", w.toString());
        assertEquals("(Coordinated Universal Time)(0)", RelogCsvWriter.zoneHeader(ZoneId.of("UTC"), T));
        assertEquals("(Eastern Standard Time)(240)", RelogCsvWriter.zoneHeader(ZoneId.of("America/New_York"), T)); // EDT in July: bias 240
        assertEquals("1234567.5", RelogCsvWriter.number(1234567.5));
        assertEquals("0.000015", RelogCsvWriter.number(1.5e-5));
    }

    @Test
    void jsonHasGetCountersShape() throws Exception {
        JsonNode n = new ObjectMapper().readTree(JsonLinesWriter.toJson(set(), ZoneId.of("UTC")));
        assertEquals("2010-07-01T00:00:01.25Z", n.get("Timestamp").asText());
        JsonNode s0 = n.get("CounterSamples").get(0);
        assertEquals("\\\\host1\\memory\\pages/sec", s0.get("Path").asText());
        assertEquals("", s0.get("InstanceName").asText());
        assertEquals(137.41, s0.get("CookedValue").asDouble());
        assertEquals(123456, s0.get("RawValue").asLong());
        assertEquals(987654321, s0.get("SecondValue").asLong());
        assertEquals(272696320, s0.get("CounterType").asLong());
        assertEquals(0, s0.get("Status").asLong());
        JsonNode s1 = n.get("CounterSamples").get(1);
        assertTrue(s1.get("CookedValue").isNull());
        assertEquals(0x800007D0L, s1.get("Status").asLong());
        assertEquals("PDH_CSTATUS_NO_MACHINE", s1.get("StatusName").asText());
        StringWriter w = new StringWriter();
        JsonLinesWriter jl = new JsonLinesWriter(w, ZoneId.of("UTC"));
        jl.append(set());
        jl.append(set());
        assertEquals(2, w.toString().split("\n").length);
    }

    @Test
    void prometheusTextIsValidAndEscaped() {
        String text = PrometheusWriter.format(set());
        assertTrue(text.contains("# TYPE hyperv_memory_pages_per_sec gauge\n"), text);
        assertTrue(text.contains("hyperv_memory_pages_per_sec{host=\"HOST1\",object=\"Memory\",instance=\"\",counter=\"Pages/sec\"} 137.41 1277942401250\n"), text);
        // unavailable: no value sample, but a status sample
        assertFalse(text.contains("hyperv_network_interface_bytes_total_per_sec{"), text);
        assertTrue(text.contains("hyperv_counter_status{host=\"HOST1\",object=\"Network Interface\",instance=\"Intel(R) \\\"Pro\\\"\\\\1000\",counter=\"Bytes Total/sec\"} 2147485648 "), text);
        for (String line : text.split("\n")) {
            if (line.startsWith("#")) continue;
            assertTrue(line.matches("[a-zA-Z_:][a-zA-Z0-9_:]*\\{.*\\} \\S+ \\d+"), line);
        }
        assertEquals("hyperv_hyper_v_hypervisor_logical_processor_percent_total_run_time",
                PrometheusWriter.metricName(CounterPath.parse("\\Hyper-V Hypervisor Logical Processor(_Total)\\% Total Run Time")));
        assertEquals("hyperv_physicaldisk_avg_disk_sec_per_read", PrometheusWriter.metricName(CounterPath.parse("\\PhysicalDisk(0 C:)\\Avg. Disk sec/Read")));
    }

    @Test
    void svgReportOfTheNetworkTransfer(@TempDir Path dir) throws Exception {
        Seed000Workloads.Scenario s = Seed000Workloads.networkTransfer(1_277_942_400_000L);
        VirtualClock clock = SamplingClock.virtual(s.startMillis());
        List<CounterPath> paths = new ArrayList<>(Seed000Workloads.paperCounters(s.source().name()));
        paths.addAll(Seed000Workloads.paperCounters(s.destination().name()));
        CounterSampler sampler = CounterSampler.builder().source(new SimulatedCounterSource(s.source(), clock))
                .source(new SimulatedCounterSource(s.destination(), clock)).counters(paths)
                .interval(Duration.ofSeconds(5)).duration(s.window()).clock(clock).build();
        sampler.run();
        String svg = SvgReport.render("Network transfer (seed 000, Tables 4-8/4-9)", Series.of(sampler), ThresholdRules.seed000(),
                h -> new HostFacts(h, 8192, 4_000_000_000L), ZoneId.of("UTC"));
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getNodeName());
        assertEquals(12, doc.getElementsByTagName("g").getLength()); // one chart per counter, both hosts in each
        assertTrue(svg.contains("\\Memory\\Pages/sec"));
        assertTrue(svg.contains("threshold 500.0"));
        assertTrue(svg.contains("HOST1") && svg.contains("HOST4"));
        Path file = dir.resolve("report.svg");
        AtomicFiles.write(file, svg);
        assertEquals(svg, Files.readString(file));
        String out = System.getProperty("perf.report.out");
        if (out != null) AtomicFiles.write(Path.of(out), svg);
    }
}
