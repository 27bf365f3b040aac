package io.hyperv4j.sim.v2;

import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.SimVm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A host's NUMA nodes as the simulator lays them out: the logical processors and memory split
 * evenly over {@link SimHost#numaNodes()} (the first nodes take the remainder), and each active VM's
 * memory placed on the node with the most free memory, spilling to the next ones only when it does
 * not fit in one (a VM then spans nodes, as NUMA spanning allows).
 */
final class NumaTopology {
    /** One node: its index, its first logical processor and how many it has, its memory. */
    record Node(int index, int firstProcessor, int processors, long memoryMb) {
        String nodeId() {
            return "Microsoft:PhysicalNode\\" + index;
        }
    }

    private final List<Node> nodes = new ArrayList<>();
    private final long[] freeMb;
    private final Map<String, List<Node>> placement = new LinkedHashMap<>();

    private NumaTopology(SimHost h, boolean placeVms) {
        int n = h.numaNodes();
        int next = 0;
        for (int i = 0; i < n; i++) {
            int lps = h.logicalProcessors() / n + (i < h.logicalProcessors() % n ? 1 : 0);
            long mb = h.memoryMb() / n + (i < h.memoryMb() % n ? 1 : 0);
            nodes.add(new Node(i, next, lps, mb));
            next += lps;
        }
        freeMb = nodes.stream().mapToLong(Node::memoryMb).toArray();
        if (placeVms) for (SimVm vm : h.vms()) if (!vm.removed() && holdsMemory(vm)) place(vm);
    }

    /** The nodes with every active VM's memory placed: what free memory and spanning need (a pass over the host's VMs). */
    static NumaTopology of(SimHost h) {
        return new NumaTopology(h, true);
    }

    /** The nodes alone, without placing memory: enough for their sizes, and cheap to render per VM. */
    static NumaTopology layout(SimHost h) {
        return new NumaTopology(h, false);
    }

    List<Node> nodes() {
        return nodes;
    }

    /** The most logical processors of a node: a VM's virtual NUMA node holds at most this many (MaxProcessorsPerNumaNode). */
    long maxProcessorsPerNode() {
        return nodes.stream().mapToLong(Node::processors).max().orElse(1);
    }

    /** The most memory of a node, in MB (MaxMemoryBlocksPerNumaNode, 1 MB blocks). */
    long maxMemoryPerNode() {
        long most = 0; // a loop: a second Node::memoryMb would be spun at run time, the class-data archive holds one
        for (Node n : nodes) most = Math.max(most, n.memoryMb());
        return most;
    }

    /** Memory of the node no active VM holds, in MB (CurrentlyConsumableMemoryBlocks). */
    long freeMb(Node n) {
        return Math.max(0, freeMb[n.index()]);
    }

    /** Whether the VM's memory lies on more than one node (MemorySpansPhysicalNumaNodes). */
    boolean spans(SimVm vm) {
        List<Node> on = placement.get(vm.id());
        return on != null && on.size() > 1;
    }

    /** The nodes a VM's memory is on, empty while it holds none. */
    List<Node> nodesOf(SimVm vm) {
        return placement.getOrDefault(vm.id(), List.of());
    }

    /** The node of a logical processor. */
    Node nodeOfProcessor(int lp) {
        for (Node n : nodes) if (lp < n.firstProcessor() + n.processors()) return n;
        return nodes.get(nodes.size() - 1);
    }

    private static boolean holdsMemory(SimVm vm) {
        return vm.state().isActive() || vm.state() == PowerState.STARTING;
    }

    private void place(SimVm vm) {
        long need = vm.memoryMb();
        List<Node> on = new ArrayList<>();
        int best = 0;
        for (int i = 1; i < freeMb.length; i++) if (freeMb[i] > freeMb[best]) best = i;
        for (int k = 0; k < freeMb.length && need > 0; k++) {
            int i = (best + k) % freeMb.length;
            long take = k == freeMb.length - 1 ? need : Math.min(need, Math.max(0, freeMb[i]));
            if (take == 0) continue;
            freeMb[i] -= take;
            need -= take;
            on.add(nodes.get(i));
        }
        placement.put(vm.id(), on);
    }
}
