package io.hyperv4j.sim.v2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.LabJson;
import io.hyperv4j.sim.SimVm;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * What ModifyResourceSettings set on a VM's processor and memory settings beyond their quantities:
 * dynamic memory's minimum (Reservation), maximum (Limit), buffer and weight, and the virtual NUMA
 * limits (MaxProcessorsPerNumaNode, MaxNumaNodesPerSocket, MaxMemoryBlocksPerNumaNode). A null is
 * the host's default. Kept per VM object (so the rendering of thousands of VMs needs no lab lookup),
 * saved with the lab.
 */
final class VmResources {
    /** The memory weight and buffer a new VM gets (Set-VMMemory's defaults: priority 50 = weight 5000, buffer 20 %). */
    static final long DEFAULT_WEIGHT = 5000, DEFAULT_BUFFER = 20;
    /** Dynamic memory's default minimum (512 MB, at most the startup memory) and maximum (1 TB) on a new VM. */
    static final long DEFAULT_MINIMUM_MB = 512, DEFAULT_MAXIMUM_MB = 1_048_576;

    /**
     * One VM's values; null fields are the defaults. {@code processor} holds the other
     * Msvm_ProcessorSettingData properties ModifyResourceSettings changed ({@link #PROCESSOR_SETTABLE}).
     */
    record Limits(Long minimumMb, Long maximumMb, Long buffer, Long weight, Long maxMemoryPerNode, Long maxProcessorsPerNode,
                  Long maxNodesPerSocket, Map<String, CimValue> processor) {
        static final Limits DEFAULTS = new Limits(null, null, null, null, null, null, null, Map.of());

        Limits {
            processor = Map.copyOf(processor);
        }

        /**
         * Whether every value is the default. Field by field, not {@code equals(DEFAULTS)}: a record's
         * generated equals links an invokedynamic bootstrap the first time it runs, a tenth of a
         * short lab command (every save asks this of every VM).
         */
        boolean isDefault() {
            return minimumMb == null && maximumMb == null && buffer == null && weight == null && maxMemoryPerNode == null
                    && maxProcessorsPerNode == null && maxNodesPerSocket == null && processor.isEmpty();
        }

        Limits withProcessor(Map<String, CimValue> p) {
            return new Limits(minimumMb, maximumMb, buffer, weight, maxMemoryPerNode, maxProcessorsPerNode, maxNodesPerSocket, p);
        }
    }

    /**
     * The processor settings kept as sent, with the class page's ranges: Reservation and Limit
     * 0..100000 (percent / 1000), Weight 0..10000, and the flags and threads per core.
     */
    static final java.util.Set<String> PROCESSOR_SETTABLE = java.util.Set.of("Reservation", "Limit", "Weight", "LimitCPUID",
            "LimitProcessorFeatures", "EnableHostResourceProtection", "ExposeVirtualizationExtensions", "HideHypervisorPresent", "HwThreadsPerCore");
    /** Of those, what changes only while the VM is off (the processor's compatibility and nesting). */
    static final java.util.Set<String> PROCESSOR_OFF_ONLY = java.util.Set.of("LimitCPUID", "LimitProcessorFeatures",
            "EnableHostResourceProtection", "ExposeVirtualizationExtensions", "HideHypervisorPresent", "HwThreadsPerCore");

    private static final Map<SimVm, Limits> BY_VM = new WeakHashMap<>();

    private VmResources() {}

    static Limits of(SimVm vm) {
        synchronized (BY_VM) {
            return BY_VM.getOrDefault(vm, Limits.DEFAULTS);
        }
    }

    static void set(SimVm vm, Limits l) {
        synchronized (BY_VM) {
            if (l.isDefault()) BY_VM.remove(vm);
            else BY_VM.put(vm, l);
        }
    }

    /** Dynamic memory's minimum in MB (Reservation). */
    static long minimumMb(SimVm vm) {
        Long v = of(vm).minimumMb();
        return v != null ? v : Math.min(DEFAULT_MINIMUM_MB, vm.memoryMb());
    }

    /** Dynamic memory's maximum in MB (Limit). */
    static long maximumMb(SimVm vm) {
        Long v = of(vm).maximumMb();
        return v != null ? v : DEFAULT_MAXIMUM_MB;
    }

    static long buffer(SimVm vm) {
        Long v = of(vm).buffer();
        return v != null ? v : DEFAULT_BUFFER;
    }

    static long weight(SimVm vm) {
        Long v = of(vm).weight();
        return v != null ? v : DEFAULT_WEIGHT;
    }

    /** The VM's virtual NUMA node size in processors: its own limit, else the host's largest node. */
    static long maxProcessorsPerNode(SimVm vm) {
        Long v = of(vm).maxProcessorsPerNode();
        return v != null ? v : NumaTopology.layout(vm.host()).maxProcessorsPerNode();
    }

    /** The VM's virtual NUMA node size in 1 MB blocks: its own limit, else the host's largest node. */
    static long maxMemoryPerNode(SimVm vm) {
        Long v = of(vm).maxMemoryPerNode();
        return v != null ? v : NumaTopology.layout(vm.host()).maxMemoryPerNode();
    }

    private static final Map<SimVm, Boolean> NO_VIRTUAL_NUMA = new WeakHashMap<>();

    /** Notes the VM's VirtualNumaEnabled (kept by {@link SystemSettings}, mirrored here for per-VM rendering). */
    static void virtualNuma(SimVm vm, boolean enabled) {
        synchronized (NO_VIRTUAL_NUMA) {
            if (enabled) NO_VIRTUAL_NUMA.remove(vm);
            else NO_VIRTUAL_NUMA.put(vm, Boolean.TRUE);
        }
    }

    /**
     * The virtual NUMA nodes the guest sees (the VM's NumberOfNumaNodes): with virtual NUMA, as many
     * as its processors and memory need at its per-node limits; without, one.
     */
    static long virtualNodes(SimVm vm) {
        synchronized (NO_VIRTUAL_NUMA) {
            if (NO_VIRTUAL_NUMA.containsKey(vm)) return 1;
        }
        long byCpu = ceil(vm.processors(), maxProcessorsPerNode(vm));
        long byMemory = ceil(vm.memoryMb(), maxMemoryPerNode(vm));
        return Math.max(1, Math.max(byCpu, byMemory));
    }

    private static long ceil(long a, long b) {
        return (a + Math.max(1, b) - 1) / Math.max(1, b);
    }

    static long maxNodesPerSocket(SimVm vm) {
        Long v = of(vm).maxNodesPerSocket();
        return v != null ? v : 1;
    }

    private static final String[] FIELDS = {"minimumMb", "maximumMb", "buffer", "weight", "maxMemoryPerNode", "maxProcessorsPerNode", "maxNodesPerSocket"};

    private static Long[] values(Limits l) {
        return new Long[] {l.minimumMb(), l.maximumMb(), l.buffer(), l.weight(), l.maxMemoryPerNode(), l.maxProcessorsPerNode(), l.maxNodesPerSocket()};
    }

    /** Writes {@code {"vmResources": {VMID: {field: number}}}} for the lab's VMs with values of their own. */
    static void save(Lab lab, ObjectNode into) {
        ObjectNode out = null;
        for (var host : lab.hosts()) {
            for (SimVm vm : host.vms()) {
                Limits l = of(vm);
                if (l.isDefault()) continue;
                if (out == null) out = into.putObject("vmResources");
                ObjectNode n = out.putObject(vm.id());
                Long[] v = values(l);
                for (int i = 0; i < FIELDS.length; i++) if (v[i] != null) n.put(FIELDS[i], v[i]);
                if (!l.processor().isEmpty()) SystemSettings.write(l.processor(), n.putObject("processor"));
            }
        }
    }

    /** Reads what {@link #save} wrote; a VM the lab lacks or a number out of range is refused with its path. */
    static void load(Lab lab, LabJson from) {
        if (!from.has("vmResources")) return;
        for (Map.Entry<String, LabJson> e : from.object("vmResources").fields().entrySet()) {
            SimVm vm = lab.vm(e.getKey());
            if (vm == null) throw from.invalid("vmResources", "no VM " + e.getKey() + " in the lab");
            LabJson n = e.getValue();
            Long[] v = new Long[FIELDS.length];
            for (int i = 0; i < FIELDS.length; i++) if (n.has(FIELDS[i])) v[i] = n.integer(FIELDS[i], 0, 1L << 40);
            Map<String, CimValue> processor = n.has("processor")
                    ? SystemSettings.read(n.object("processor"), V2.PROCESSOR_SD, PROCESSOR_SETTABLE::contains) : Map.of();
            set(vm, new Limits(v[0], v[1], v[2], v[3], v[4], v[5], v[6], processor));
        }
    }
}
