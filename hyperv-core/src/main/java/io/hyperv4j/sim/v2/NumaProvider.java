package io.hyperv4j.sim.v2;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.HostScope;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.SimProvider;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.Txn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The host's NUMA topology in root\virtualization\v2 as os-win's hostutils.get_numa_nodes reads it:
 * one Msvm_NumaNode per node ({@link NumaTopology}), the host's own Msvm_Processor (one per logical
 * processor) and Msvm_Memory (one per node) instances, and Msvm_HostedDependency from each node to
 * its processors and memory, and from the host to each of its VMs (as the class's page describes).
 * The host devices are served by {@link DeviceProvider}, which owns those classes.
 */
public final class NumaProvider extends V2Provider {
    static final String NODE = "Msvm_NumaNode";
    static final String HOSTED_DEPENDENCY = "Msvm_HostedDependency";
    private static final Set<String> CLASSES = V2.classSet(NODE, HOSTED_DEPENDENCY);

    public NumaProvider() {
        super(CLASSES);
    }

    @Override
    public List<CimInstance> instances(HostScope s, String className) {
        SimHost h = s.host();
        NumaTopology t = className.equalsIgnoreCase(NODE) ? NumaTopology.of(h) : NumaTopology.layout(h);
        List<CimInstance> out = new ArrayList<>();
        if (className.equalsIgnoreCase(NODE)) for (NumaTopology.Node n : t.nodes()) out.add(node(h, t, n));
        if (className.equalsIgnoreCase(HOSTED_DEPENDENCY)) {
            for (NumaTopology.Node n : t.nodes()) out.addAll(nodeDependencies(h.name(), n));
            ObjectPath host = V2.computerSystem(h.name(), h.name());
            for (SimVm vm : h.vms()) if (!vm.removed()) out.add(dependency(h.name(), host, V2.computerSystem(h.name(), vm.id())));
        }
        return out;
    }

    @Override
    public CimInstance instance(HostScope s, ObjectPath path) {
        if (!CLASSES.contains(path.className())) return null;
        return VirtualizationProvider.find(instances(s, path.className()), path);
    }

    /** Rendered from the element alone: a VM's link to its host, a node's to its devices, a device's to its node. */
    @Override
    public List<CimInstance> referencesTo(HostScope s, ObjectPath path) {
        SimHost h = s.host();
        String cls = path.className();
        String system = String.valueOf(path.key("SystemName"));
        List<CimInstance> out = new ArrayList<>();
        if (cls.equalsIgnoreCase(V2.COMPUTER_SYSTEM)) {
            String name = String.valueOf(path.key("Name"));
            ObjectPath host = V2.computerSystem(h.name(), h.name());
            if (name.equalsIgnoreCase(h.name())) {
                for (SimVm vm : h.vms()) if (!vm.removed()) out.add(dependency(h.name(), host, V2.computerSystem(h.name(), vm.id())));
            } else {
                SimVm vm = s.lab().vm(name);
                if (vm != null && !vm.removed() && vm.host() == h) out.add(dependency(h.name(), host, V2.computerSystem(h.name(), vm.id())));
            }
        } else if (cls.equalsIgnoreCase(NODE)) {
            for (NumaTopology.Node n : NumaTopology.layout(h).nodes())
                if (n.nodeId().equalsIgnoreCase(String.valueOf(path.key("NodeID")))) out.addAll(nodeDependencies(h.name(), n));
        } else if ((cls.equalsIgnoreCase(LogicalDevices.PROCESSOR) || cls.equalsIgnoreCase(LogicalDevices.MEMORY)) && system.equalsIgnoreCase(h.name())) {
            for (NumaTopology.Node n : NumaTopology.layout(h).nodes())
                for (CimInstance a : nodeDependencies(h.name(), n))
                    if (VirtualizationProvider.keysMatch(path, (ObjectPath) a.get("Dependent").value())) out.add(a);
        }
        return out;
    }

    private static List<CimInstance> nodeDependencies(String host, NumaTopology.Node n) {
        ObjectPath node = nodePath(host, n);
        List<CimInstance> out = new ArrayList<>();
        for (int lp = n.firstProcessor(); lp < n.firstProcessor() + n.processors(); lp++) out.add(dependency(host, node, processorPath(host, n, lp)));
        out.add(dependency(host, node, memoryPath(host, n)));
        return out;
    }

    /** Msvm_NumaNode.RequestStateChange is documented as not supported. */
    @Override
    public MethodResult invoke(Txn txn, HostScope s, ObjectPath target, String method, Map<String, CimValue> in) {
        throw new CimException(CimError.NOT_SUPPORTED, target.className() + "." + method + " is not supported");
    }

    @Override
    public List<CimInstance> render(Lab lab, Object entity, Instant now) {
        return List.of();
    }

    /** The host's own Msvm_Processor and Msvm_Memory instances of {@code className} (all for null). */
    static List<CimInstance> hostDevices(SimHost h, String className) {
        if (className != null && !className.equalsIgnoreCase(LogicalDevices.PROCESSOR) && !className.equalsIgnoreCase(LogicalDevices.MEMORY)) return List.of();
        NumaTopology t = NumaTopology.layout(h);
        List<CimInstance> out = new ArrayList<>();
        boolean all = className == null;
        long load = hostLoadPercent(h);
        for (NumaTopology.Node n : t.nodes()) {
            if (all || className.equalsIgnoreCase(LogicalDevices.PROCESSOR))
                for (int lp = n.firstProcessor(); lp < n.firstProcessor() + n.processors(); lp++) {
                    ObjectPath p = processorPath(h.name(), n, lp);
                    out.add(LogicalDevices.processorCore(LogicalDevices.device(h.name(), h.name(), null, LogicalDevices.PROCESSOR,
                            (String) p.key("DeviceID"), "Processor " + lp, "A logical processor of the host computer system.", 2), load));
                }
            if (all || className.equalsIgnoreCase(LogicalDevices.MEMORY)) {
                ObjectPath p = memoryPath(h.name(), n);
                out.add(LogicalDevices.memoryExtent(LogicalDevices.device(h.name(), h.name(), null, LogicalDevices.MEMORY,
                        (String) p.key("DeviceID"), "Memory of NUMA node " + n.index(), "The memory of a NUMA node of the host computer system.", 2),
                        n.memoryMb()));
            }
        }
        return out;
    }

    /** The host's processors' load: the guest work of its running VMs, spread over its logical processors. */
    private static long hostLoadPercent(SimHost h) {
        double busy = 0;
        for (SimVm vm : h.vms())
            if (!vm.removed() && vm.state() == PowerState.RUNNING) busy += vm.guestLoad().cpuPerVp() * vm.processors();
        return Math.min(100, Math.round(100 * busy / h.logicalProcessors()));
    }

    private static CimInstance node(SimHost h, NumaTopology t, NumaTopology.Node n) {
        return V2Renderer.start(nodePath(h.name(), n))
                .put("SystemCreationClassName", CimValue.string(V2.COMPUTER_SYSTEM))
                .put("SystemName", CimValue.string(h.name()))
                .put("HealthState", CimValue.uint16(5))
                .put("EnabledState", CimValue.uint16(2))
                .put("NumberOfLogicalProcessors", CimValue.uint32(n.processors()))
                .put("NumberOfProcessorCores", CimValue.uint32(Math.max(1, n.processors() / 2))) // two threads a core, as Win32_Processor counts
                .put("CurrentlyConsumableMemoryBlocks", CimValue.uint64(t.freeMb(n)))
                .build();
    }

    private static CimInstance dependency(String host, ObjectPath antecedent, ObjectPath dependent) {
        return V2Renderer.start(V2.path(host, HOSTED_DEPENDENCY, "Antecedent", antecedent, "Dependent", dependent)).build();
    }

    static ObjectPath nodePath(String host, NumaTopology.Node n) {
        return V2.path(host, NODE, "CreationClassName", NODE, "NodeID", n.nodeId());
    }

    /** DeviceID {@code Microsoft:<host>\<node>\<processor>}: os-win takes the last part as the processor's number. */
    private static ObjectPath processorPath(String host, NumaTopology.Node n, int lp) {
        return V2.path(host, LogicalDevices.PROCESSOR, "CreationClassName", LogicalDevices.PROCESSOR,
                "DeviceID", "Microsoft:" + NetworkRenderer.guid("host-processors:" + host) + "\\" + n.index() + "\\" + lp,
                "SystemCreationClassName", V2.COMPUTER_SYSTEM, "SystemName", host);
    }

    private static ObjectPath memoryPath(String host, NumaTopology.Node n) {
        return V2.path(host, LogicalDevices.MEMORY, "CreationClassName", LogicalDevices.MEMORY,
                "DeviceID", "Microsoft:" + NetworkRenderer.guid("host-memory:" + host) + "\\" + n.index(),
                "SystemCreationClassName", V2.COMPUTER_SYSTEM, "SystemName", host);
    }
}
