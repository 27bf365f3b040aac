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

    public SimulatedCounterSource(HostModel host, SamplingClock clock) {
        this.host = host;
        this.clock = clock;
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
        CounterType type = d.type();
        String set = catalog.require(p.object()).name();
        String counter = p.counter().toLowerCase(Locale.ROOT);
        String inst = p.instance();
        int lps = host.spec().logicalProcessors();
        Probe unavailable = (now, b, i) -> b.unavailable(i, PdhStatus.NO_COUNTER);
        switch (set) {
            case "Hyper-V Hypervisor Logical Processor" -> {
                boolean total = "_Total".equalsIgnoreCase(inst);
                int lp = total ? -1 : indexAfter(inst, "Hv LP ", lps);
                if (!total && lp < 0) return noInstance();
                double share = total ? 1.0 : 1.0 / lps;
                int n = total ? lps : 1;
                return switch (counter) {
                    case "% guest run time" -> (now, b, i) -> timer(b, i, type, host.lpGuest100ns() * share, host.elapsed100ns() * n);
                    case "% hypervisor run time" -> (now, b, i) -> timer(b, i, type, host.lpHypervisor100ns() * share, host.elapsed100ns() * n);
                    case "% total run time" -> (now, b, i) -> timer(b, i, type, (host.lpGuest100ns() + host.lpHypervisor100ns()) * share, host.elapsed100ns() * n);
                    case "% idle time" -> (now, b, i) -> timer(b, i, type,
                            (double) host.elapsed100ns() * n - (host.lpGuest100ns() + host.lpHypervisor100ns()) * share, host.elapsed100ns() * n);
                    default -> unavailable;
                };
            }
            case "Hyper-V Hypervisor Root Virtual Processor" -> {
                boolean total = "_Total".equalsIgnoreCase(inst);
                int vp = total ? -1 : indexAfter(inst, "Root VP ", lps);
                if (!total && vp < 0) return noInstance();
                double share = total ? 1.0 : 1.0 / lps;
                int n = total ? lps : 1;
                return switch (counter) {
                    case "% guest run time", "% total run time" -> (now, b, i) -> timer(b, i, type, host.rootBusy100ns() * share, host.elapsed100ns() * n);
                    case "% hypervisor run time" -> (now, b, i) -> timer(b, i, type, 0, host.elapsed100ns() * n);
                    default -> unavailable;
                };
            }
            case "Processor" -> {
                boolean total = "_Total".equalsIgnoreCase(inst);
                int cpu = total ? -1 : indexAfter(inst, "", lps);
                if (!total && cpu < 0) return noInstance();
                double share = total ? 1.0 / lps : 1.0 / lps;
                return switch (counter) {
                    case "% processor time", "% idle time" -> (now, b, i) -> {
                        double idle = host.elapsed100ns() - host.rootBusy100ns() * share;
                        b.set(i, (long) idle, host.elapsed100ns(), F);
                    };
                    default -> unavailable;
                };
            }
            case "Hyper-V Hypervisor Virtual Processor" -> {
                boolean total = "_Total".equalsIgnoreCase(inst);
                int v = total ? -1 : vmOfInstance(inst, ":Hv VP ");
                if (!total && v < 0) return noInstance();
                return switch (counter) {
                    case "% guest run time" -> vpProbe(type, v, true, false);
                    case "% hypervisor run time" -> vpProbe(type, v, false, true);
                    case "% total run time" -> vpProbe(type, v, true, true);
                    default -> unavailable;
                };
            }
            case "Hyper-V Dynamic Memory VM" -> {
                int v = vmOfInstance(inst, null);
                if (v < 0) return noInstance();
                long mb = host.vms().get(v).memoryMb();
                return switch (counter) {
                    case "physical memory", "guest visible physical memory" -> present(v, (now, b, i) -> b.set(i, mb, 0, F));
                    case "added memory", "removed memory" -> present(v, (now, b, i) -> b.set(i, 0, 0, F));
                    default -> unavailable;
                };
            }
            case "Hyper-V Virtual Network Adapter" -> {
                int a = -1;
                for (int k = 0; k < host.spec().hostAdapters().size(); k++) if (host.spec().hostAdapters().get(k).equalsIgnoreCase(inst)) a = k;
                if (a >= 0) {
                    int ad = a;
                    return switch (counter) {
                        case "bytes sent/sec" -> (now, b, i) -> rate(b, i, type, host.adapterSent(ad));
                        case "bytes received/sec" -> (now, b, i) -> rate(b, i, type, host.adapterReceived(ad));
                        case "bytes/sec" -> (now, b, i) -> rate(b, i, type, host.adapterSent(ad) + host.adapterReceived(ad));
                        case "packets sent/sec" -> (now, b, i) -> rate(b, i, type, host.adapterSent(ad) / 1500);
                        case "packets received/sec" -> (now, b, i) -> rate(b, i, type, host.adapterReceived(ad) / 1500);
                        case "packets/sec" -> (now, b, i) -> rate(b, i, type, (host.adapterSent(ad) + host.adapterReceived(ad)) / 1500);
                        default -> unavailable;
                    };
                }
                int v = vmOfInstance(inst, "_Network Adapter");
                if (v < 0) return noInstance();
                return switch (counter) {
                    case "bytes sent/sec" -> present(v, (now, b, i) -> rate(b, i, type, host.vnicSent(v)));
                    case "bytes received/sec" -> present(v, (now, b, i) -> rate(b, i, type, host.vnicReceived(v)));
                    case "bytes/sec" -> present(v, (now, b, i) -> rate(b, i, type, host.vnicSent(v) + host.vnicReceived(v)));
                    case "packets sent/sec" -> present(v, (now, b, i) -> rate(b, i, type, host.vnicSent(v) / 1500));
                    case "packets received/sec" -> present(v, (now, b, i) -> rate(b, i, type, host.vnicReceived(v) / 1500));
                    case "packets/sec" -> present(v, (now, b, i) -> rate(b, i, type, (host.vnicSent(v) + host.vnicReceived(v)) / 1500));
                    default -> unavailable;
                };
            }
            case "Hyper-V Virtual Storage Device" -> {
                int v = -1;
                List<VmModel> vms = host.vms();
                for (int k = 0; k < vms.size(); k++) if (inst != null && inst.equalsIgnoreCase(vms.get(k).vhdInstance())) v = k;
                if (v < 0) return noInstance();
                int vm = v;
                VmWorkload w = vms.get(v).workload();
                return switch (counter) {
                    case "read bytes/sec" -> present(vm, (now, b, i) -> rate(b, i, type, host.vhdReadBytes(vm)));
                    case "write bytes/sec" -> present(vm, (now, b, i) -> rate(b, i, type, host.vhdWriteBytes(vm)));
                    case "read operations/sec" -> present(vm, (now, b, i) -> rate(b, i, type, host.vhdReads(vm)));
                    case "write operations/sec" -> present(vm, (now, b, i) -> rate(b, i, type, host.vhdWrites(vm)));
                    case "queue length" -> present(vm, (now, b, i) -> b.set(i, Math.round(
                            now.vhdReads[vm] * w.readLatencySeconds() + now.vhdWrites[vm] * w.writeLatencySeconds()), 0, F));
                    case "error count" -> present(vm, (now, b, i) -> b.set(i, 0, 0, F));
                    default -> unavailable;
                };
            }
            case "Memory" -> {
                long phys = host.spec().physicalMemoryMb();
                long limit = host.spec().commitLimitMb();
                return switch (counter) {
                    case "available mbytes" -> (now, b, i) -> b.set(i, (long) Math.max(0, phys - now.inUseMb), 0, F);
                    case "available kbytes" -> (now, b, i) -> b.set(i, (long) (Math.max(0, phys - now.inUseMb) * 1024), 0, F);
                    case "available bytes" -> (now, b, i) -> b.set(i, (long) (Math.max(0, phys - now.inUseMb) * 1048576), 0, F);
                    case "committed bytes" -> (now, b, i) -> b.set(i, (long) (now.committedMb * 1048576), 0, F);
                    case "commit limit" -> (now, b, i) -> b.set(i, limit * 1048576, 0, F);
                    case "% committed bytes in use" -> (now, b, i) -> b.set(i, (long) (now.committedMb * 1024) & 0xFFFFFFFFL, (limit * 1024) & 0xFFFFFFFFL, F);
                    case "pages/sec", "pages input/sec", "page faults/sec" -> (now, b, i) -> rate(b, i, type, host.pages());
                    case "pages output/sec" -> (now, b, i) -> rate(b, i, type, 0);
                    default -> unavailable;
                };
            }
            case "PhysicalDisk", "LogicalDisk" -> {
                boolean total = "_Total".equalsIgnoreCase(inst);
                int disk = -1;
                if (!total) {
                    for (int k = 0; k < host.spec().disks().size(); k++) {
                        String name = host.spec().disks().get(k);
                        if (name.equalsIgnoreCase(inst) || (set.equals("LogicalDisk") && volumeOf(name).equalsIgnoreCase(inst))) disk = k;
                    }
                    if (disk < 0) return noInstance();
                }
                return diskProbe(type, counter, disk, unavailable);
            }
            case "Network Interface" -> {
                int nic = -1;
                for (int k = 0; k < host.spec().nics().size(); k++) if (host.spec().nics().get(k).name().equalsIgnoreCase(inst)) nic = k;
                if (nic < 0) return noInstance();
                int n = nic;
                long bandwidth = host.spec().nics().get(n).bandwidthBitsPerSecond();
                return switch (counter) {
                    case "bytes total/sec" -> (now, b, i) -> rate(b, i, type, host.nicSent(n) + host.nicReceived(n));
                    case "bytes sent/sec" -> (now, b, i) -> rate(b, i, type, host.nicSent(n));
                    case "bytes received/sec" -> (now, b, i) -> rate(b, i, type, host.nicReceived(n));
                    case "packets/sec" -> (now, b, i) -> rate(b, i, type, (host.nicSent(n) + host.nicReceived(n)) / 1500);
                    case "current bandwidth" -> (now, b, i) -> b.set(i, bandwidth, 0, F);
                    case "output queue length" -> (now, b, i) -> b.set(i, Math.round(now.nicQueue[n]), 0, F);
                    case "packets outbound errors" -> (now, b, i) -> b.set(i, 0, 0, F);
                    default -> unavailable;
                };
            }
            default -> throw new UnknownCounterSetException("counter set on simulated host " + host.name(), set, List.of());
        }
    }

    private Probe diskProbe(CounterType type, String counter, int disk, Probe unavailable) {
        int lo = disk < 0 ? 0 : disk;
        int hi = disk < 0 ? host.spec().disks().size() : disk + 1;
        // bound once here: a method reference inside the lambdas would allocate on every read
        PerDisk queue100ns = host::diskQueue100ns, busy100ns = host::diskBusy100ns, readTicks = host::diskReadTicks,
                writeTicks = host::diskWriteTicks, reads = host::diskReads, writes = host::diskWrites,
                readBytes = host::diskReadBytes, writeBytes = host::diskWriteBytes;
        return switch (counter) {
            case "% disk time" -> (now, b, i) -> timer(b, i, type, sum(lo, hi, queue100ns), host.elapsed100ns() * (hi - lo));
            case "% idle time" -> (now, b, i) -> timer(b, i, type,
                    (double) host.elapsed100ns() * (hi - lo) - sum(lo, hi, busy100ns), host.elapsed100ns() * (hi - lo));
            case "avg. disk queue length" -> (now, b, i) -> b.set(i, (long) sum(lo, hi, queue100ns), host.elapsed100ns(), F);
            case "avg. disk read queue length" -> (now, b, i) -> b.set(i, (long) sum(lo, hi, readTicks), host.elapsed100ns(), F);
            case "avg. disk write queue length" -> (now, b, i) -> b.set(i, (long) sum(lo, hi, writeTicks), host.elapsed100ns(), F);
            case "current disk queue length" -> (now, b, i) -> {
                double q = 0;
                for (int d = lo; d < hi; d++) q += now.diskReadSeconds[d] + now.diskWriteSeconds[d];
                b.set(i, Math.round(q), 0, F);
            };
            case "avg. disk sec/read" -> (now, b, i) -> average(b, i, sum(lo, hi, readTicks), sum(lo, hi, reads));
            case "avg. disk sec/write" -> (now, b, i) -> average(b, i, sum(lo, hi, writeTicks), sum(lo, hi, writes));
            case "avg. disk sec/transfer" -> (now, b, i) -> average(b, i, sum(lo, hi, readTicks) + sum(lo, hi, writeTicks),
                    sum(lo, hi, reads) + sum(lo, hi, writes));
            case "disk reads/sec" -> (now, b, i) -> rate(b, i, type, sum(lo, hi, reads));
            case "disk writes/sec" -> (now, b, i) -> rate(b, i, type, sum(lo, hi, writes));
            case "disk transfers/sec" -> (now, b, i) -> rate(b, i, type, sum(lo, hi, reads) + sum(lo, hi, writes));
            case "disk read bytes/sec" -> (now, b, i) -> rate(b, i, type, sum(lo, hi, readBytes));
            case "disk write bytes/sec" -> (now, b, i) -> rate(b, i, type, sum(lo, hi, writeBytes));
            case "disk bytes/sec" -> (now, b, i) -> rate(b, i, type, sum(lo, hi, readBytes) + sum(lo, hi, writeBytes));
            case "avg. disk bytes/read" -> (now, b, i) -> b.set(i, (long) sum(lo, hi, readBytes), (long) sum(lo, hi, reads) & 0xFFFFFFFFL, F);
            case "avg. disk bytes/write" -> (now, b, i) -> b.set(i, (long) sum(lo, hi, writeBytes), (long) sum(lo, hi, writes) & 0xFFFFFFFFL, F);
            default -> unavailable;
        };
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

    private static Probe noInstance() {
        return (now, b, i) -> b.unavailable(i, PdhStatus.NO_INSTANCE);
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
