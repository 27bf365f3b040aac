package io.hyperv4j.perf.sim;

import io.hyperv4j.perf.CounterCatalog;
import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.CounterSetDefinition;
import io.hyperv4j.perf.CounterType;
import io.hyperv4j.perf.PdhStatus;
import io.hyperv4j.perf.UnknownCounterSetException;
import io.hyperv4j.perf.sampler.SamplingClock;
import io.hyperv4j.perf.source.CatalogExpansion;
import io.hyperv4j.perf.source.CounterDescriptor;
import io.hyperv4j.perf.source.CounterSource;
import io.hyperv4j.perf.source.HostUnavailableException;
import io.hyperv4j.perf.source.RawBatch;
import io.hyperv4j.perf.source.RawReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Raw counters of a {@link HostModel}, read at the sampling clock's time. Counters the model does not
 * produce (e.g. Memory\Cache Bytes) read as PDH_CSTATUS_NO_COUNTER, and instances that are gone (a
 * VM that left) as PDH_CSTATUS_NO_INSTANCE: unavailable, never zero.
 */
public final class SimulatedCounterSource implements CounterSource {
    private static final long F = HostModel.PERF_FREQUENCY;
    private final HostModel host;
    private final SamplingClock clock;
    private final CounterCatalog catalog = CounterCatalog.standard();

    private static final Probe NO_COUNTER = (now, b, i) -> b.unavailable(i, PdhStatus.NO_COUNTER);
    private static final Probe NO_INSTANCE = (now, b, i) -> b.unavailable(i, PdhStatus.NO_INSTANCE);
    // bound once: a method reference inside a probe would allocate on every read
    private final PerDisk queue100ns, busy100ns, readTicks, writeTicks, reads, writes, readBytes, writeBytes;
    private final Map<String, CounterSet<?>> sets;

    public SimulatedCounterSource(HostModel host, SamplingClock clock) {
        this.host = host;
        this.clock = clock;
        queue100ns = host::diskQueue100ns;
        busy100ns = host::diskBusy100ns;
        readTicks = host::diskReadTicks;
        writeTicks = host::diskWriteTicks;
        reads = host::diskReads;
        writes = host::diskWrites;
        readBytes = host::diskReadBytes;
        writeBytes = host::diskWriteBytes;
        sets = modelSets();
    }

    @Override
    public String host() {
        return host.name();
    }

    @Override
    public List<CounterSetDefinition> counterSets() {
        return catalog.sets();
    }

    @Override
    public List<String> instances(String counterSet) {
        checkAnswering();
        synchronized (host) {
            host.advanceTo(clock.millis());
            return instancesNow(counterSet);
        }
    }

    private List<String> instancesNow(String counterSet) {
        CounterSetDefinition set = catalog.require(counterSet);
        List<String> out = new ArrayList<>();
        int lps = host.spec().logicalProcessors();
        switch (set.name()) {
            case "Hyper-V Hypervisor Logical Processor" -> {
                for (int i = 0; i < lps; i++) out.add("Hv LP " + i);
                out.add("_Total");
            }
            case "Hyper-V Hypervisor Root Virtual Processor" -> {
                for (int i = 0; i < lps; i++) out.add("Root VP " + i);
                out.add("_Total");
            }
            case "Processor" -> {
                for (int i = 0; i < lps; i++) out.add(Integer.toString(i));
                out.add("_Total");
            }
            case "Hyper-V Hypervisor Virtual Processor" -> {
                List<VmModel> vms = host.vms();
                for (int v = 0; v < vms.size(); v++) {
                    if (!host.vmPresent(v)) continue;
                    for (int p = 0; p < vms.get(v).virtualProcessors(); p++) out.add(vms.get(v).name() + ":Hv VP " + p);
                }
                out.add("_Total");
            }
            case "Hyper-V Dynamic Memory VM" -> forPresentVms(out, "");
            case "Hyper-V Virtual Network Adapter" -> {
                out.addAll(host.spec().hostAdapters());
                forPresentVms(out, "_Network Adapter");
            }
            case "Hyper-V Virtual Storage Device" -> {
                List<VmModel> vms = host.vms();
                for (int v = 0; v < vms.size(); v++) if (host.vmPresent(v) && vms.get(v).vhdInstance() != null) out.add(vms.get(v).vhdInstance());
            }
            case "PhysicalDisk" -> {
                out.addAll(host.spec().disks());
                out.add("_Total");
            }
            case "LogicalDisk" -> {
                for (String d : host.spec().disks()) out.add(volumeOf(d));
                out.add("_Total");
            }
            case "Network Interface" -> host.spec().nics().forEach(n -> out.add(n.name()));
            default -> {
            }
        }
        return out;
    }

    private void forPresentVms(List<String> out, String suffix) {
        List<VmModel> vms = host.vms();
        for (int v = 0; v < vms.size(); v++) if (host.vmPresent(v)) out.add(vms.get(v).name() + suffix);
    }

    private static String volumeOf(String disk) {
        int sp = disk.indexOf(' ');
        return sp < 0 ? disk : disk.substring(sp + 1);
    }

    @Override
    public List<CounterDescriptor> expand(CounterPath path) {
        checkAnswering();
        return CatalogExpansion.expand(host.name(), path, catalog, this::instances);
    }

    @Override
    public RawReader open(List<CounterDescriptor> counters) {
        Probe[] probes = new Probe[counters.size()];
        for (int i = 0; i < probes.length; i++) probes[i] = probe(counters.get(i));
        return batch -> {
            checkAnswering();
            synchronized (host) {
                host.advanceTo(clock.millis());
                Load now = host.current();
                for (int i = 0; i < probes.length; i++) probes[i].read(now, batch, i);
                batch.timestampMillis = host.epochMillis();
            }
        };
    }

    private void checkAnswering() {
        if (!host.answering()) throw new HostUnavailableException(host.name(), "no response to the counter query (PDH_CSTATUS_NO_MACHINE)");
    }

    @FunctionalInterface
    private interface Probe {
        void read(Load now, RawBatch b, int i);
    }

    private Probe probe(CounterDescriptor d) {
        CounterPath p = d.path();
        String set = catalog.require(p.object()).name();
        CounterSet<?> table = sets.get(set);
        if (table == null) throw new UnknownCounterSetException("counter set on simulated host " + host.name(), set, List.of());
        return table.probe(p.instance(), p.counter().toLowerCase(Locale.ROOT), d.type());
    }

    /**
     * One counter set of the model: how an instance name resolves (null: no such instance) and, for
     * each counter the model produces, how its probe is made for that instance. Counters not in the
     * table read as PDH_CSTATUS_NO_COUNTER.
     */
    private record CounterSet<C>(Function<String, C> instance, Map<String, BiFunction<C, CounterType, Probe>> counters) {
        Probe probe(String inst, String counter, CounterType type) {
            C c = instance.apply(inst);
            if (c == null) return NO_INSTANCE;
            BiFunction<C, CounterType, Probe> make = counters.get(counter);
            return make == null ? NO_COUNTER : make.apply(c, type);
        }
    }

    /** An instance that sums or shares the logical processors: _Total is all of them, "NAME n" one. */
    private record Share(double share, int n) {
    }

    /** The model's counter sets, by the catalog's name. */
    private Map<String, CounterSet<?>> modelSets() {
        int lps = host.spec().logicalProcessors();
        Map<String, CounterSet<?>> m = new java.util.HashMap<>();
        m.put("Hyper-V Hypervisor Logical Processor", new CounterSet<>(inst -> share(inst, "Hv LP ", lps), Map.of(
                "% guest run time", (s, type) -> (now, b, i) -> timer(b, i, type, host.lpGuest100ns() * s.share(), host.elapsed100ns() * s.n()),
                "% hypervisor run time", (s, type) -> (now, b, i) -> timer(b, i, type, host.lpHypervisor100ns() * s.share(), host.elapsed100ns() * s.n()),
                "% total run time", (s, type) -> (now, b, i) -> timer(b, i, type,
                        (host.lpGuest100ns() + host.lpHypervisor100ns()) * s.share(), host.elapsed100ns() * s.n()),
                "% idle time", (s, type) -> (now, b, i) -> timer(b, i, type, (double) host.elapsed100ns() * s.n()
                        - (host.lpGuest100ns() + host.lpHypervisor100ns()) * s.share(), host.elapsed100ns() * s.n()))));
        BiFunction<Share, CounterType, Probe> rootBusy = (s, type) -> (now, b, i) ->
                timer(b, i, type, host.rootBusy100ns() * s.share(), host.elapsed100ns() * s.n());
        m.put("Hyper-V Hypervisor Root Virtual Processor", new CounterSet<>(inst -> share(inst, "Root VP ", lps), Map.of(
                "% guest run time", rootBusy, "% total run time", rootBusy,
                "% hypervisor run time", (s, type) -> (now, b, i) -> timer(b, i, type, 0, host.elapsed100ns() * s.n()))));
        BiFunction<Share, CounterType, Probe> idle = (s, type) -> (now, b, i) ->
                b.set(i, (long) (host.elapsed100ns() - host.rootBusy100ns() / lps), host.elapsed100ns(), F);
        m.put("Processor", new CounterSet<>(inst -> share(inst, "", lps), Map.of("% processor time", idle, "% idle time", idle)));
        m.put("Hyper-V Hypervisor Virtual Processor", new CounterSet<>(
                inst -> "_Total".equalsIgnoreCase(inst) ? Integer.valueOf(-1) : present(vmOfInstance(inst, ":Hv VP ")), Map.of(
                "% guest run time", (v, type) -> vpProbe(type, v, true, false),
                "% hypervisor run time", (v, type) -> vpProbe(type, v, false, true),
                "% total run time", (v, type) -> vpProbe(type, v, true, true))));
        BiFunction<Integer, CounterType, Probe> vmMemory = (v, type) -> {
            long mb = host.vms().get(v).memoryMb();
            return present(v, (now, b, i) -> b.set(i, mb, 0, F));
        };
        BiFunction<Integer, CounterType, Probe> zero = (v, type) -> present(v, (now, b, i) -> b.set(i, 0, 0, F));
        m.put("Hyper-V Dynamic Memory VM", new CounterSet<>(inst -> present(vmOfInstance(inst, null)), Map.of(
                "physical memory", vmMemory, "guest visible physical memory", vmMemory, "added memory", zero, "removed memory", zero)));
        m.put("Hyper-V Virtual Network Adapter", new CounterSet<>(this::adapter, Map.of(
                "bytes sent/sec", (a, type) -> a.rate(type, a.sent),
                "bytes received/sec", (a, type) -> a.rate(type, a.received),
                "bytes/sec", (a, type) -> a.rate(type, x -> a.sent.applyAsDouble(x) + a.received.applyAsDouble(x)),
                "packets sent/sec", (a, type) -> a.rate(type, x -> a.sent.applyAsDouble(x) / 1500),
                "packets received/sec", (a, type) -> a.rate(type, x -> a.received.applyAsDouble(x) / 1500),
                "packets/sec", (a, type) -> a.rate(type, x -> (a.sent.applyAsDouble(x) + a.received.applyAsDouble(x)) / 1500))));
        m.put("Hyper-V Virtual Storage Device", new CounterSet<>(this::storageDevice, Map.of(
                "read bytes/sec", (v, type) -> present(v, (now, b, i) -> rate(b, i, type, host.vhdReadBytes(v))),
                "write bytes/sec", (v, type) -> present(v, (now, b, i) -> rate(b, i, type, host.vhdWriteBytes(v))),
                "read operations/sec", (v, type) -> present(v, (now, b, i) -> rate(b, i, type, host.vhdReads(v))),
                "write operations/sec", (v, type) -> present(v, (now, b, i) -> rate(b, i, type, host.vhdWrites(v))),
                "queue length", (v, type) -> {
                    VmWorkload w = host.vms().get(v).workload();
                    return present(v, (now, b, i) -> b.set(i, Math.round(
                            now.vhdReads[v] * w.readLatencySeconds() + now.vhdWrites[v] * w.writeLatencySeconds()), 0, F));
                },
                "error count", (v, type) -> present(v, (now, b, i) -> b.set(i, 0, 0, F)))));
        long phys = host.spec().physicalMemoryMb(), limit = host.spec().commitLimitMb();
        BiFunction<Boolean, CounterType, Probe> pages = (x, type) -> (now, b, i) -> rate(b, i, type, host.pages());
        Map<String, BiFunction<Boolean, CounterType, Probe>> memory = new java.util.HashMap<>(Map.of(
                "available mbytes", (x, type) -> (now, b, i) -> b.set(i, (long) Math.max(0, phys - now.inUseMb), 0, F),
                "available kbytes", (x, type) -> (now, b, i) -> b.set(i, (long) (Math.max(0, phys - now.inUseMb) * 1024), 0, F),
                "available bytes", (x, type) -> (now, b, i) -> b.set(i, (long) (Math.max(0, phys - now.inUseMb) * 1048576), 0, F),
                "committed bytes", (x, type) -> (now, b, i) -> b.set(i, (long) (now.committedMb * 1048576), 0, F),
                "commit limit", (x, type) -> (now, b, i) -> b.set(i, limit * 1048576, 0, F),
                "% committed bytes in use", (x, type) -> (now, b, i) ->
                        b.set(i, (long) (now.committedMb * 1024) & 0xFFFFFFFFL, (limit * 1024) & 0xFFFFFFFFL, F),
                "pages/sec", pages, "pages input/sec", pages, "page faults/sec", pages,
                "pages output/sec", (x, type) -> (now, b, i) -> rate(b, i, type, 0)));
        m.put("Memory", new CounterSet<>(inst -> Boolean.TRUE, memory));
        Map<String, BiFunction<Integer, CounterType, Probe>> disks = diskCounters();
        m.put("PhysicalDisk", new CounterSet<>(inst -> disk(inst, false), disks));
        m.put("LogicalDisk", new CounterSet<>(inst -> disk(inst, true), disks));
        m.put("Network Interface", new CounterSet<>(this::nic, Map.of(
                "bytes total/sec", (n, type) -> (now, b, i) -> rate(b, i, type, host.nicSent(n) + host.nicReceived(n)),
                "bytes sent/sec", (n, type) -> (now, b, i) -> rate(b, i, type, host.nicSent(n)),
                "bytes received/sec", (n, type) -> (now, b, i) -> rate(b, i, type, host.nicReceived(n)),
                "packets/sec", (n, type) -> (now, b, i) -> rate(b, i, type, (host.nicSent(n) + host.nicReceived(n)) / 1500),
                "current bandwidth", (n, type) -> {
                    long bandwidth = host.spec().nics().get(n).bandwidthBitsPerSecond();
                    return (now, b, i) -> b.set(i, bandwidth, 0, F);
                },
                "output queue length", (n, type) -> (now, b, i) -> b.set(i, Math.round(now.nicQueue[n]), 0, F),
                "packets outbound errors", (n, type) -> (now, b, i) -> b.set(i, 0, 0, F))));
        return Map.copyOf(m);
    }

    /** _Total (all logical processors) or "PREFIXn" (one of them); null for any other name. */
    private static Share share(String inst, String prefix, int lps) {
        if ("_Total".equalsIgnoreCase(inst)) return new Share(1.0, lps);
        return indexAfter(inst, prefix, lps) < 0 ? null : new Share(1.0 / lps, 1);
    }

    private static Integer present(int index) {
        return index < 0 ? null : index;
    }

    /** A virtual network adapter: one of the management OS's, or a VM's (present only while the VM is). */
    private record Adapter(java.util.function.IntToDoubleFunction sent, java.util.function.IntToDoubleFunction received, int index,
                           boolean vm, SimulatedCounterSource source) {
        Probe rate(CounterType type, java.util.function.IntToDoubleFunction count) {
            Probe p = (now, b, i) -> source.rate(b, i, type, count.applyAsDouble(index));
            return vm ? source.present(index, p) : p;
        }
    }

    private Adapter adapter(String inst) {
        List<String> own = host.spec().hostAdapters();
        for (int k = 0; k < own.size(); k++)
            if (own.get(k).equalsIgnoreCase(inst)) return new Adapter(host::adapterSent, host::adapterReceived, k, false, this);
        int v = vmOfInstance(inst, "_Network Adapter");
        return v < 0 ? null : new Adapter(host::vnicSent, host::vnicReceived, v, true, this);
    }

    private Integer storageDevice(String inst) {
        List<VmModel> vms = host.vms();
        int v = -1;
        for (int k = 0; k < vms.size(); k++) if (inst != null && inst.equalsIgnoreCase(vms.get(k).vhdInstance())) v = k;
        return present(v);
    }

    /** A disk by its PhysicalDisk name ("0 C:") or, for LogicalDisk, its volume ("C:"); -1 for _Total. */
    private Integer disk(String inst, boolean logical) {
        if ("_Total".equalsIgnoreCase(inst)) return -1;
        int disk = -1;
        for (int k = 0; k < host.spec().disks().size(); k++) {
            String name = host.spec().disks().get(k);
            if (name.equalsIgnoreCase(inst) || (logical && volumeOf(name).equalsIgnoreCase(inst))) disk = k;
        }
        return present(disk);
    }

    private Integer nic(String inst) {
        int nic = -1;
        for (int k = 0; k < host.spec().nics().size(); k++) if (host.spec().nics().get(k).name().equalsIgnoreCase(inst)) nic = k;
        return present(nic);
    }

    /** The disk counters (PhysicalDisk and LogicalDisk alike) over one disk, or every disk for _Total (-1). */
    private Map<String, BiFunction<Integer, CounterType, Probe>> diskCounters() {
        Map<String, BiFunction<Integer, CounterType, Probe>> m = new java.util.HashMap<>();
        disk(m, "% disk time", (lo, hi, type) -> (now, b, i) -> timer(b, i, type, sum(lo, hi, queue100ns), host.elapsed100ns() * (hi - lo)));
        disk(m, "% idle time", (lo, hi, type) -> (now, b, i) -> timer(b, i, type,
                (double) host.elapsed100ns() * (hi - lo) - sum(lo, hi, busy100ns), host.elapsed100ns() * (hi - lo)));
        disk(m, "avg. disk queue length", (lo, hi, type) -> (now, b, i) -> b.set(i, (long) sum(lo, hi, queue100ns), host.elapsed100ns(), F));
        disk(m, "avg. disk read queue length", (lo, hi, type) -> (now, b, i) -> b.set(i, (long) sum(lo, hi, readTicks), host.elapsed100ns(), F));
        disk(m, "avg. disk write queue length", (lo, hi, type) -> (now, b, i) -> b.set(i, (long) sum(lo, hi, writeTicks), host.elapsed100ns(), F));
        disk(m, "current disk queue length", (lo, hi, type) -> (now, b, i) -> {
            double q = 0;
            for (int d = lo; d < hi; d++) q += now.diskReadSeconds[d] + now.diskWriteSeconds[d];
            b.set(i, Math.round(q), 0, F);
        });
        disk(m, "avg. disk sec/read", (lo, hi, type) -> (now, b, i) -> average(b, i, sum(lo, hi, readTicks), sum(lo, hi, reads)));
        disk(m, "avg. disk sec/write", (lo, hi, type) -> (now, b, i) -> average(b, i, sum(lo, hi, writeTicks), sum(lo, hi, writes)));
        disk(m, "avg. disk sec/transfer", (lo, hi, type) -> (now, b, i) -> average(b, i, sum(lo, hi, readTicks) + sum(lo, hi, writeTicks),
                sum(lo, hi, reads) + sum(lo, hi, writes)));
        disk(m, "disk reads/sec", (lo, hi, type) -> (now, b, i) -> rate(b, i, type, sum(lo, hi, reads)));
        disk(m, "disk writes/sec", (lo, hi, type) -> (now, b, i) -> rate(b, i, type, sum(lo, hi, writes)));
        disk(m, "disk transfers/sec", (lo, hi, type) -> (now, b, i) -> rate(b, i, type, sum(lo, hi, reads) + sum(lo, hi, writes)));
        disk(m, "disk read bytes/sec", (lo, hi, type) -> (now, b, i) -> rate(b, i, type, sum(lo, hi, readBytes)));
        disk(m, "disk write bytes/sec", (lo, hi, type) -> (now, b, i) -> rate(b, i, type, sum(lo, hi, writeBytes)));
        disk(m, "disk bytes/sec", (lo, hi, type) -> (now, b, i) -> rate(b, i, type, sum(lo, hi, readBytes) + sum(lo, hi, writeBytes)));
        disk(m, "avg. disk bytes/read", (lo, hi, type) -> (now, b, i) -> b.set(i, (long) sum(lo, hi, readBytes), (long) sum(lo, hi, reads) & 0xFFFFFFFFL, F));
        disk(m, "avg. disk bytes/write", (lo, hi, type) -> (now, b, i) -> b.set(i, (long) sum(lo, hi, writeBytes), (long) sum(lo, hi, writes) & 0xFFFFFFFFL, F));
        return Map.copyOf(m);
    }

    /** A disk counter's probe over disks lo (inclusive) to hi (exclusive). */
    private interface DiskCounter {
        Probe make(int lo, int hi, CounterType type);
    }

    private void disk(Map<String, BiFunction<Integer, CounterType, Probe>> m, String counter, DiskCounter c) {
        m.put(counter, (d, type) -> d < 0 ? c.make(0, host.spec().disks().size(), type) : c.make(d, d + 1, type));
    }

    private interface PerDisk {
        double get(int d);
    }

    private static double sum(int lo, int hi, PerDisk f) {
        double s = 0;
        for (int d = lo; d < hi; d++) s += f.get(d);
        return s;
    }

    private Probe vpProbe(CounterType type, int v, boolean guest, boolean hyp) {
        return (now, b, i) -> {
            double busy = 0;
            long vps = 0;
            int lo = v < 0 ? 0 : v;
            int hi = v < 0 ? host.vmCount() : v + 1;
            for (int k = lo; k < hi; k++) {
                if (!host.vmPresent(k)) continue;
                int n = v < 0 ? host.vmVirtualProcessors(k) : 1;
                if (guest) busy += host.vpGuest100ns(k) * n;
                if (hyp) busy += host.vpHypervisor100ns(k) * n;
                vps += n;
            }
            if (v >= 0 && vps == 0) {
                b.unavailable(i, PdhStatus.NO_INSTANCE);
                return;
            }
            timer(b, i, type, busy, host.elapsed100ns() * Math.max(vps, 1));
        };
    }

    private Probe present(int v, Probe inner) {
        return (now, b, i) -> {
            if (host.vmPresent(v)) inner.read(now, b, i);
            else b.unavailable(i, PdhStatus.NO_INSTANCE);
        };
    }

    private int vmOfInstance(String inst, String marker) {
        if (inst == null) return -1;
        List<VmModel> vms = host.vms();
        for (int v = 0; v < vms.size(); v++) {
            String n = vms.get(v).name();
            if (marker == null && inst.equalsIgnoreCase(n)) return v;
            if (marker != null && inst.toLowerCase(Locale.ROOT).startsWith((n + marker).toLowerCase(Locale.ROOT))) return v;
        }
        return -1;
    }

    private static int indexAfter(String inst, String prefix, int limit) {
        if (inst == null || !inst.regionMatches(true, 0, prefix, 0, prefix.length())) return -1;
        try {
            int n = Integer.parseInt(inst.substring(prefix.length()).trim());
            return n >= 0 && n < limit ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void rate(RawBatch b, int i, CounterType type, double count) {
        long n = (long) count;
        b.set(i, type.isDword() ? n & 0xFFFFFFFFL : n, host.perfTime(), F);
    }

    private static void timer(RawBatch b, int i, CounterType type, double busy, long base) {
        b.set(i, (long) busy, base, F);
    }

    private static void average(RawBatch b, int i, double ticks, double ops) {
        // both fields of PERF_AVERAGE_TIMER and its PERF_AVERAGE_BASE are DWORDs and wrap, as on Windows
        b.set(i, (long) ticks & 0xFFFFFFFFL, (long) ops & 0xFFFFFFFFL, F);
    }
}
