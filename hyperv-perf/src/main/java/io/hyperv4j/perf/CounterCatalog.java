package io.hyperv4j.perf;

import static io.hyperv4j.perf.CounterType.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The counter sets this module knows: the Hyper-V sets and the operating-system sets the seed
 * papers measure. Counter types are those Windows registers for each counter (the CounterType
 * qualifier of the matching Win32_PerfRawData class). Immutable and thread-safe.
 */
public final class CounterCatalog {
    private final Map<String, CounterSetDefinition> sets = new LinkedHashMap<>();

    private CounterCatalog(List<CounterSetDefinition> defs) {
        for (CounterSetDefinition d : defs) sets.put(d.name().toLowerCase(Locale.ROOT), d);
    }

    /**
     * A catalog of the given sets (a later set replaces an earlier one of the same name).
     *
     * @param defs the sets
     * @return the catalog
     */
    public static CounterCatalog of(List<CounterSetDefinition> defs) {
        return new CounterCatalog(defs);
    }

    private static final CounterCatalog STANDARD = new CounterCatalog(standardSets());

    /**
     * The built-in catalog.
     *
     * @return the shared instance
     */
    public static CounterCatalog standard() {
        return STANDARD;
    }

    /**
     * Every set, in definition order.
     *
     * @return the sets
     */
    public List<CounterSetDefinition> sets() {
        return List.copyOf(sets.values());
    }

    /**
     * A set by name, ignoring case.
     *
     * @param setName the set's English name
     * @return the set, or empty
     */
    public Optional<CounterSetDefinition> find(String setName) {
        return Optional.ofNullable(sets.get(setName.toLowerCase(Locale.ROOT)));
    }

    /**
     * The set with this name, ignoring case.
     *
     * @param setName the set's English name
     * @return the set
     * @throws UnknownCounterSetException naming the set and the nearest known names
     */
    public CounterSetDefinition require(String setName) {
        return find(setName).orElseThrow(() -> new UnknownCounterSetException("counter set", setName, nearest(setName)));
    }

    /**
     * The counter a concrete or wildcard-free path names.
     *
     * @param path the path
     * @return the counter's definition
     * @throws UnknownCounterSetException naming the unknown set or counter, with similar names
     */
    public CounterDefinition require(CounterPath path) {
        CounterSetDefinition set = require(path.object());
        return set.counter(path.counter()).orElseThrow(() -> new UnknownCounterSetException(
                "counter in set '" + set.name() + "'", path.counter(),
                set.counters().stream().map(CounterDefinition::name)
                        .filter(n -> similar(n, path.counter())).limit(3).toList()));
    }

    /**
     * Counter sets whose names match a wildcard pattern.
     *
     * @param pattern the pattern, {@code *} matching any run of characters
     * @return the matching sets, in definition order
     */
    public List<CounterSetDefinition> matching(String pattern) {
        return sets.values().stream().filter(s -> CounterPath.glob(pattern, s.name())).toList();
    }

    private List<String> nearest(String name) {
        return sets.values().stream().map(CounterSetDefinition::name)
                .sorted(Comparator.comparingInt(n -> distance(n.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT))))
                .limit(3).filter(n -> distance(n.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)) <= Math.max(4, name.length() / 2))
                .toList();
    }

    private static boolean similar(String a, String b) {
        return distance(a.toLowerCase(Locale.ROOT), b.toLowerCase(Locale.ROOT)) <= Math.max(3, b.length() / 3);
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static CounterDefinition c(String name, CounterType type, String description) {
        return new CounterDefinition(name, type, description);
    }

    private static List<CounterSetDefinition> standardSets() {
        List<CounterSetDefinition> l = new ArrayList<>();
        List<CounterDefinition> runTimes = List.of(
                c("% Total Run Time", PERF_PRECISION_100NS_TIMER, "Time spent running guest and hypervisor code; % Guest Run Time + % Hypervisor Run Time"),
                c("% Hypervisor Run Time", PERF_PRECISION_100NS_TIMER, "Time spent running hypervisor code"),
                c("% Guest Run Time", PERF_PRECISION_100NS_TIMER, "Time spent running guest code"));
        List<CounterDefinition> lp = new ArrayList<>(runTimes);
        lp.add(c("% Idle Time", PERF_PRECISION_100NS_TIMER, "Time the logical processor was idle"));
        l.add(new CounterSetDefinition("Hyper-V Hypervisor Logical Processor",
                "Logical processors of the physical computer, as the hypervisor sees them (instances 'Hv LP n', '_Total')",
                true, "Win32_PerfRawData_HvStats_HyperVHypervisorLogicalProcessor", lp));
        l.add(new CounterSetDefinition("Hyper-V Hypervisor Virtual Processor",
                "Virtual processors of the guest partitions (instances 'VM:Hv VP n', '_Total')",
                true, "Win32_PerfRawData_HvStats_HyperVHypervisorVirtualProcessor", runTimes));
        l.add(new CounterSetDefinition("Hyper-V Hypervisor Root Virtual Processor",
                "Virtual processors of the root (parent) partition (instances 'Root VP n', '_Total')",
                true, "Win32_PerfRawData_HvStats_HyperVHypervisorRootVirtualProcessor", runTimes));
        l.add(new CounterSetDefinition("Hyper-V Dynamic Memory VM", "Dynamic memory of each running VM (instances are VM names)",
                true, "Win32_PerfRawData_BalancerStats_HyperVDynamicMemoryVM", List.of(
                c("Physical Memory", PERF_COUNTER_RAWCOUNT, "Memory assigned to the VM, in MB"),
                c("Guest Visible Physical Memory", PERF_COUNTER_RAWCOUNT, "Memory the guest sees, in MB"),
                c("Current Pressure", PERF_COUNTER_RAWCOUNT, "Memory the VM needs as a percentage of what it has"),
                c("Average Pressure", PERF_COUNTER_RAWCOUNT, "Average of Current Pressure"),
                c("Maximum Pressure", PERF_COUNTER_RAWCOUNT, "Highest Current Pressure seen"),
                c("Minimum Pressure", PERF_COUNTER_RAWCOUNT, "Lowest Current Pressure seen"),
                c("Added Memory", PERF_COUNTER_RAWCOUNT, "Memory added to the VM, in MB"),
                c("Removed Memory", PERF_COUNTER_RAWCOUNT, "Memory removed from the VM, in MB"))));
        l.add(new CounterSetDefinition("Hyper-V Virtual Network Adapter", "Traffic of each virtual network adapter",
                true, "Win32_PerfRawData_NvspNicStats_HyperVVirtualNetworkAdapter", List.of(
                c("Bytes/sec", PERF_COUNTER_BULK_COUNT, "Bytes sent and received per second"),
                c("Bytes Sent/sec", PERF_COUNTER_BULK_COUNT, "Bytes sent per second"),
                c("Bytes Received/sec", PERF_COUNTER_BULK_COUNT, "Bytes received per second"),
                c("Packets/sec", PERF_COUNTER_BULK_COUNT, "Packets sent and received per second"),
                c("Packets Sent/sec", PERF_COUNTER_BULK_COUNT, "Packets sent per second"),
                c("Packets Received/sec", PERF_COUNTER_BULK_COUNT, "Packets received per second"))));
        l.add(new CounterSetDefinition("Hyper-V Virtual Storage Device", "I/O of each virtual disk (instances are VHD paths with '\\' as '-')",
                true, "Win32_PerfRawData_Counters_HyperVVirtualStorageDevice", List.of(
                c("Read Bytes/sec", PERF_COUNTER_BULK_COUNT, "Bytes read per second"),
                c("Write Bytes/sec", PERF_COUNTER_BULK_COUNT, "Bytes written per second"),
                c("Read Operations/Sec", PERF_COUNTER_COUNTER, "Read operations per second"),
                c("Write Operations/Sec", PERF_COUNTER_COUNTER, "Write operations per second"),
                c("Queue Length", PERF_COUNTER_RAWCOUNT, "Outstanding requests"),
                c("Error Count", PERF_COUNTER_RAWCOUNT, "Errors since the device started"),
                c("Flush Count", PERF_COUNTER_RAWCOUNT, "Flushes since the device started"))));
        l.add(new CounterSetDefinition("Memory", "Physical and virtual memory of the computer", false,
                "Win32_PerfRawData_PerfOS_Memory", List.of(
                c("Available Bytes", PERF_COUNTER_LARGE_RAWCOUNT, "Physical memory immediately available, in bytes"),
                c("Available KBytes", PERF_COUNTER_LARGE_RAWCOUNT, "Physical memory immediately available, in KB"),
                c("Available MBytes", PERF_COUNTER_LARGE_RAWCOUNT, "Physical memory immediately available, in MB"),
                c("Committed Bytes", PERF_COUNTER_LARGE_RAWCOUNT, "Committed virtual memory, in bytes"),
                c("Commit Limit", PERF_COUNTER_LARGE_RAWCOUNT, "Virtual memory that can be committed, in bytes"),
                c("% Committed Bytes In Use", PERF_RAW_FRACTION, "Committed Bytes as a percentage of Commit Limit"),
                c("Pages/sec", PERF_COUNTER_COUNTER, "Pages read from or written to disk to resolve hard page faults"),
                c("Pages Input/sec", PERF_COUNTER_COUNTER, "Pages read from disk to resolve hard page faults"),
                c("Pages Output/sec", PERF_COUNTER_COUNTER, "Pages written to disk to free memory"),
                c("Page Faults/sec", PERF_COUNTER_COUNTER, "Hard and soft page faults per second"),
                c("Cache Bytes", PERF_COUNTER_LARGE_RAWCOUNT, "System file cache, in bytes"))));
        l.add(new CounterSetDefinition("PhysicalDisk", "Physical disks (instances like '0 C:', '_Total')", true,
                "Win32_PerfRawData_PerfDisk_PhysicalDisk", diskCounters(false)));
        l.add(new CounterSetDefinition("LogicalDisk", "Volumes (instances like 'C:', '_Total')", true,
                "Win32_PerfRawData_PerfDisk_LogicalDisk", diskCounters(true)));
        l.add(new CounterSetDefinition("Network Interface", "Physical network adapters", true,
                "Win32_PerfRawData_Tcpip_NetworkInterface", List.of(
                c("Bytes Total/sec", PERF_COUNTER_BULK_COUNT, "Bytes sent and received per second"),
                c("Bytes Received/sec", PERF_COUNTER_BULK_COUNT, "Bytes received per second"),
                c("Bytes Sent/sec", PERF_COUNTER_BULK_COUNT, "Bytes sent per second"),
                c("Packets/sec", PERF_COUNTER_COUNTER, "Packets sent and received per second"),
                c("Current Bandwidth", PERF_COUNTER_LARGE_RAWCOUNT, "Estimated bandwidth in bits per second"),
                c("Output Queue Length", PERF_COUNTER_LARGE_RAWCOUNT, "Length of the outbound packet queue"),
                c("Packets Outbound Errors", PERF_COUNTER_LARGE_RAWCOUNT, "Outbound packets that could not be sent"))));
        l.add(new CounterSetDefinition("Processor", "Processors as the operating system sees them (instances '0'.., '_Total')", true,
                "Win32_PerfRawData_PerfOS_Processor", List.of(
                c("% Processor Time", PERF_100NSEC_TIMER_INV, "Time not idle"),
                c("% User Time", PERF_100NSEC_TIMER, "Time in user mode"),
                c("% Privileged Time", PERF_100NSEC_TIMER, "Time in kernel mode"),
                c("% Idle Time", PERF_100NSEC_TIMER, "Time idle"),
                c("% Interrupt Time", PERF_100NSEC_TIMER, "Time servicing interrupts"),
                c("Interrupts/sec", PERF_COUNTER_COUNTER, "Hardware interrupts per second"))));
        return l;
    }

    private static List<CounterDefinition> diskCounters(boolean logical) {
        List<CounterDefinition> d = new ArrayList<>(List.of(
                c("% Disk Time", PERF_PRECISION_100NS_TIMER, "Time the disk was busy"),
                c("% Idle Time", PERF_PRECISION_100NS_TIMER, "Time the disk was idle"),
                c("Avg. Disk Queue Length", PERF_COUNTER_100NS_QUEUELEN_TYPE, "Average queued read and write requests"),
                c("Avg. Disk Read Queue Length", PERF_COUNTER_100NS_QUEUELEN_TYPE, "Average queued read requests"),
                c("Avg. Disk Write Queue Length", PERF_COUNTER_100NS_QUEUELEN_TYPE, "Average queued write requests"),
                c("Current Disk Queue Length", PERF_COUNTER_RAWCOUNT, "Requests outstanding when sampled"),
                c("Avg. Disk sec/Read", PERF_AVERAGE_TIMER, "Average time of a read, in seconds"),
                c("Avg. Disk sec/Write", PERF_AVERAGE_TIMER, "Average time of a write, in seconds"),
                c("Avg. Disk sec/Transfer", PERF_AVERAGE_TIMER, "Average time of a transfer, in seconds"),
                c("Disk Reads/sec", PERF_COUNTER_COUNTER, "Reads per second"),
                c("Disk Writes/sec", PERF_COUNTER_COUNTER, "Writes per second"),
                c("Disk Transfers/sec", PERF_COUNTER_COUNTER, "Reads and writes per second"),
                c("Disk Read Bytes/sec", PERF_COUNTER_BULK_COUNT, "Bytes read per second"),
                c("Disk Write Bytes/sec", PERF_COUNTER_BULK_COUNT, "Bytes written per second"),
                c("Disk Bytes/sec", PERF_COUNTER_BULK_COUNT, "Bytes read and written per second"),
                c("Avg. Disk Bytes/Read", PERF_AVERAGE_BULK, "Average bytes per read"),
                c("Avg. Disk Bytes/Write", PERF_AVERAGE_BULK, "Average bytes per write")));
        if (logical) {
            d.add(c("% Free Space", PERF_RAW_FRACTION, "Free space as a percentage of the volume"));
            d.add(c("Free Megabytes", PERF_COUNTER_RAWCOUNT, "Free space, in MB"));
        }
        return d;
    }
}
