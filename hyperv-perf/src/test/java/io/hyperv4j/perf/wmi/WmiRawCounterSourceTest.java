package io.hyperv4j.perf.wmi;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.cim.Subscription;
import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.PdhStatus;
import io.hyperv4j.perf.sampler.CounterSampler;
import io.hyperv4j.perf.sampler.SampleView;
import io.hyperv4j.perf.sampler.SamplingClock;
import io.hyperv4j.perf.sampler.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The WMI raw-class source against a CIM session that serves rows the test writes. */
class WmiRawCounterSourceTest {
    static final long F = 10_000_000;

    /** A CIM session holding raw-class rows; answers SELECT * FROM class. */
    static final class RawRows implements CimSession {
        final Map<String, List<CimInstance>> rows = new HashMap<>();
        final List<String> queries = new ArrayList<>();
        CimError failWith;

        @Override public String host() { return "HV1"; }
        @Override public Duration timeout() { return DEFAULT_TIMEOUT; }

        @Override
        public List<CimInstance> query(String namespace, String wql) {
            assertEquals("root\\cimv2", namespace);
            queries.add(wql);
            if (failWith != null) throw new CimException(failWith, "simulated failure");
            String cls = wql.substring(wql.lastIndexOf(' ') + 1);
            List<CimInstance> l = rows.get(cls);
            if (l == null) throw new CimException(CimError.INVALID_CLASS, cls);
            return l;
        }

        @Override public CimInstance get(ObjectPath path) { throw new UnsupportedOperationException(); }
        @Override public MethodResult invoke(ObjectPath target, String method, Map<String, CimValue> in) { throw new UnsupportedOperationException(); }
        @Override public Subscription subscribe(String namespace, String q, Consumer<CimInstance> l) { throw new UnsupportedOperationException(); }
        @Override public void close() { }
    }

    static CimInstance memory(long pages, long perfTime, long committed, long limit, long availableMb) {
        return CimInstance.builder("Win32_PerfRawData_PerfOS_Memory")
                .put("PagesPersec", CimValue.uint32(pages))
                .put("PercentCommittedBytesInUse", CimValue.uint32(committed))
                .put("PercentCommittedBytesInUse_Base", CimValue.uint32(limit))
                .put("AvailableMBytes", CimValue.uint64(availableMb))
                .put("Timestamp_PerfTime", CimValue.uint64(perfTime))
                .put("Frequency_PerfTime", CimValue.uint64(F))
                .put("Timestamp_Sys100NS", CimValue.uint64(perfTime))
                .put("Frequency_Sys100NS", CimValue.uint64(10_000_000)).build();
    }

    static CimInstance disk(String name, long readTicks, long reads, long perfTime) {
        return CimInstance.builder("Win32_PerfRawData_PerfDisk_PhysicalDisk")
                .put("Name", CimValue.string(name))
                .put("AvgDisksecPerRead", CimValue.uint32(readTicks))
                .put("AvgDisksecPerRead_Base", CimValue.uint32(reads))
                .put("Timestamp_PerfTime", CimValue.uint64(perfTime))
                .put("Frequency_PerfTime", CimValue.uint64(F)).build();
    }

    @Test
    void rawPropertiesAreCookedLikePdh() {
        RawRows s = new RawRows();
        VirtualClock clock = SamplingClock.virtual(0);
        s.rows.put("Win32_PerfRawData_PerfOS_Memory", List.of(memory(1000, 0, 2620, 8000, 3291)));
        s.rows.put("Win32_PerfRawData_PerfDisk_PhysicalDisk", List.of(disk("0 C:", 0, 0, 0), disk("_Total", 0, 0, 0)));
        CounterSampler sampler = CounterSampler.builder().source(new WmiRawCounterSource(s)).clock(clock)
                .counters("\\Memory\\Pages/sec", "\\Memory\\% Committed Bytes In Use", "\\Memory\\Available MBytes",
                        "\\PhysicalDisk(*)\\Avg. Disk sec/Read", "\\PhysicalDisk(9 Z:)\\Avg. Disk sec/Read").build();
        assertEquals(6, sampler.counters().size()); // PhysicalDisk(*) is "0 C:" and "_Total"
        sampler.prime();
        s.rows.put("Win32_PerfRawData_PerfOS_Memory", List.of(memory(1700, 20_000_000, 2620, 8000, 3291)));
        s.rows.put("Win32_PerfRawData_PerfDisk_PhysicalDisk", List.of(disk("0 C:", 4_300_000, 2, 20_000_000), disk("_Total", 4_300_000, 2, 20_000_000)));
        SampleView v = sampler.tick();
        assertEquals(350.0, v.value(0), 1e-9);
        assertEquals(32.75, v.value(1), 1e-9);
        assertEquals(3291.0, v.value(2));
        assertEquals(0.215, v.value(3), 1e-12);
        assertEquals(0.215, v.value(4), 1e-12);
        assertEquals(PdhStatus.NO_INSTANCE, v.status(5));
        // one query per class per collection
        assertTrue(s.queries.contains("SELECT * FROM Win32_PerfRawData_PerfOS_Memory"));
    }

    @Test
    void aMissingClassOrPropertyIsUnavailable() {
        RawRows s = new RawRows();
        s.rows.put("Win32_PerfRawData_PerfOS_Memory", List.of(CimInstance.builder("Win32_PerfRawData_PerfOS_Memory")
                .put("Frequency_PerfTime", CimValue.uint64(F)).build()));
        CounterSampler sampler = CounterSampler.builder().source(new WmiRawCounterSource(s)).clock(SamplingClock.virtual(0))
                .counters("\\Memory\\Available MBytes", "\\Hyper-V Hypervisor Logical Processor(_Total)\\% Total Run Time").build();
        SampleView v = sampler.tick();
        assertEquals(PdhStatus.NO_COUNTER, v.status(0));
        assertEquals(PdhStatus.NO_OBJECT, v.status(1));
        assertTrue(Double.isNaN(v.value(1)));
    }

    @Test
    void aRateWithoutItsTimestampIsUnavailableNotZero() {
        RawRows s = new RawRows();
        s.rows.put("Win32_PerfRawData_PerfOS_Memory", List.of(CimInstance.builder("Win32_PerfRawData_PerfOS_Memory")
                .put("PagesPersec", CimValue.uint32(1000)).put("Frequency_PerfTime", CimValue.uint64(F)).build()));
        CounterSampler sampler = CounterSampler.builder().source(new WmiRawCounterSource(s)).clock(SamplingClock.virtual(0))
                .counters("\\Memory\\Pages/sec").build();
        sampler.prime();
        s.rows.put("Win32_PerfRawData_PerfOS_Memory", List.of(CimInstance.builder("Win32_PerfRawData_PerfOS_Memory")
                .put("PagesPersec", CimValue.uint32(1700)).put("Frequency_PerfTime", CimValue.uint64(F)).build()));
        SampleView v = sampler.tick();
        assertEquals(PdhStatus.NO_COUNTER, v.status(0));
        assertTrue(Double.isNaN(v.value(0)));
    }

    @Test
    void aTransportFailureIsAHostThatDoesNotAnswer() {
        RawRows s = new RawRows();
        s.rows.put("Win32_PerfRawData_PerfOS_Memory", List.of(memory(1000, 0, 1, 2, 3)));
        CounterSampler sampler = CounterSampler.builder().source(new WmiRawCounterSource(s)).clock(SamplingClock.virtual(0))
                .counters("\\Memory\\Available MBytes").build();
        assertEquals(3.0, sampler.tick().value(0));
        s.failWith = CimError.TRANSPORT_FAILURE;
        assertEquals(PdhStatus.NO_MACHINE, sampler.tick().status(0));
        assertEquals(List.of("HV1"), sampler.hostsDown());
    }

    @Test
    void propertyNamesFollowWmisRule() {
        WmiRawMapping m = WmiRawMapping.of(io.hyperv4j.perf.CounterCatalog.standard().require("Hyper-V Hypervisor Logical Processor"),
                io.hyperv4j.perf.CounterCatalog.standard().require(CounterPath.parse("\\Hyper-V Hypervisor Logical Processor(_Total)\\% Total Run Time")), "_Total");
        assertEquals("Win32_PerfRawData_HvStats_HyperVHypervisorLogicalProcessor", m.wmiClass());
        assertEquals("PercentTotalRunTime", m.property());
        assertEquals("PercentTotalRunTime_Base", m.baseProperty());
        assertEquals("BytesTotalPersec", io.hyperv4j.perf.CounterCatalog.standard().require(CounterPath.parse("\\Network Interface(x)\\Bytes Total/sec")).wmiProperty());
        assertEquals("AvgDisksecPerWrite", io.hyperv4j.perf.CounterCatalog.standard().require(CounterPath.parse("\\PhysicalDisk(x)\\Avg. Disk sec/Write")).wmiProperty());
    }
}
