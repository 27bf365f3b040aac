package io.hyperv4j.sim.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: the host's NUMA topology read the way os-win's hostutils.get_numa_nodes reads it
 * (Msvm_NumaNode, then Msvm_HostedDependency from each node to the host's Msvm_Processor and
 * Msvm_Memory), the per-node limits in the processor and memory settings, and memory placement.
 */
class NumaTopologyTest {
    @TempDir
    Path dir;

    private static Lab twoNodes() {
        Lab lab = Lab.standalone();
        lab.host(Lab.DEFAULT_HOST).numaNodes(2);
        return lab;
    }

    /** os-win: node.NodeID.split('\\')[-1], memory NumberOfBlocks, CurrentlyConsumableMemoryBlocks, cpuset from DeviceID. */
    private static Map<String, Object> osWinNode(CimSession s, CimInstance node) {
        List<CimInstance> deps = s.query(V2.NAMESPACE, "SELECT * FROM Msvm_HostedDependency WHERE Antecedent = '"
                + node.path().toString().replace("\\", "\\\\").replace("'", "\\'") + "'");
        Set<Integer> cpuset = new TreeSet<>();
        long memory = -1;
        for (CimInstance d : deps) {
            CimInstance dependent = s.get((ObjectPath) d.get("Dependent").value());
            if (dependent.className().equals("Msvm_Memory")) memory = dependent.getLong("NumberOfBlocks");
            else {
                String[] parts = dependent.getString("DeviceID").split("\\\\");
                cpuset.add(Integer.parseInt(parts[parts.length - 1]));
            }
        }
        String[] id = node.getString("NodeID").split("\\\\");
        return Map.of("id", id[id.length - 1], "memory", memory, "memory_usage", node.getLong("CurrentlyConsumableMemoryBlocks"), "cpuset", cpuset);
    }

    @Test
    void osWinReadsEachNodeWithItsProcessorsAndMemory() {
        Lab lab = twoNodes();
        SimHost h = lab.host(Lab.DEFAULT_HOST);
        try (CimSession s = lab.session(Lab.DEFAULT_HOST)) {
            List<CimInstance> nodes = s.query(V2.NAMESPACE, "SELECT * FROM Msvm_NumaNode");
            assertEquals(2, nodes.size());
            long perNode = h.memoryMb() / 2;
            int lps = h.logicalProcessors() / 2;
            Set<Integer> first = new TreeSet<>(), second = new TreeSet<>();
            for (int i = 0; i < lps; i++) { first.add(i); second.add(lps + i); }
            assertEquals(Map.of("id", "0", "memory", perNode, "memory_usage", perNode, "cpuset", first), osWinNode(s, nodes.get(0)));
            assertEquals(Map.of("id", "1", "memory", perNode, "memory_usage", perNode, "cpuset", second), osWinNode(s, nodes.get(1)));
            assertEquals(lps, nodes.get(0).getLong("NumberOfLogicalProcessors"));
            assertEquals(2L, s.query(V2.NAMESPACE, "SELECT * FROM Msvm_ComputerSystem WHERE Name = '" + h.name() + "'").get(0).getLong("NumberOfNumaNodes"));
            assertEquals(h.logicalProcessors(), s.query(V2.NAMESPACE, "SELECT * FROM Msvm_Processor WHERE SystemName = '" + h.name() + "'").size(),
                    "one host Msvm_Processor per logical processor");
        }
    }

    @Test
    void settingsCarryTheNodeLimitsAndRunningVmsConsumeNodeMemory() {
        Lab lab = twoNodes();
        SimHost h = lab.host(Lab.DEFAULT_HOST);
        long perNode = h.memoryMb() / 2;
        var host = lab.connect(Lab.DEFAULT_HOST);
        VirtualMachine small = host.vms().create(VmSpec.builder("small").memoryMb(1024).build());
        VirtualMachine big = host.vms().create(VmSpec.builder("big").memoryMb(perNode + 1024).build());
        try (CimSession s = lab.session(Lab.DEFAULT_HOST)) {
            CimInstance cpu = s.query(V2.NAMESPACE, "SELECT * FROM Msvm_ProcessorSettingData WHERE InstanceID LIKE 'Microsoft:" + small.id() + "%'").get(0);
            assertEquals(h.logicalProcessors() / 2, cpu.getLong("MaxProcessorsPerNumaNode"));
            CimInstance mem = s.query(V2.NAMESPACE, "SELECT * FROM Msvm_MemorySettingData WHERE InstanceID LIKE 'Microsoft:" + small.id() + "%'").get(0);
            assertEquals(perNode, mem.getLong("MaxMemoryBlocksPerNumaNode"));

            small.start().await();
            List<CimInstance> nodes = s.query(V2.NAMESPACE, "SELECT * FROM Msvm_NumaNode");
            assertEquals(List.of(perNode - 1024, perNode), nodes.stream().map(n -> n.getLong("CurrentlyConsumableMemoryBlocks")).toList(),
                    "the running VM's memory on the first node");
            assertEquals(false, spans(s, small), "1 GB fits in one node");
            big.start().await();
            nodes = s.query(V2.NAMESPACE, "SELECT * FROM Msvm_NumaNode");
            long free = nodes.stream().mapToLong(n -> n.getLong("CurrentlyConsumableMemoryBlocks")).sum();
            assertEquals(h.memoryMb() - 1024 - (perNode + 1024), free, "every node's free memory adds up to the host's");
            assertEquals(true, spans(s, big), "more than a node's memory spans nodes");
        }
    }

    private static boolean spans(CimSession s, VirtualMachine vm) {
        ObjectPath settings = s.query(V2.NAMESPACE, "SELECT * FROM Msvm_VirtualSystemSettingData WHERE InstanceID = 'Microsoft:" + vm.id() + "'").get(0).path();
        var r = s.invoke(V2.managementService(Lab.DEFAULT_HOST), "GetSummaryInformation", Map.of(
                "SettingData", CimValue.array(CimType.REFERENCE, List.of(settings)), "RequestedInformation", CimValue.array(CimType.UINT32, List.of(123L))));
        CimInstance si = (CimInstance) r.out().get("SummaryInformation").asList().get(0);
        return si.get("MemorySpansPhysicalNumaNodes").asBoolean();
    }

    @Test
    void theHostHostsItsVmsThroughMsvmHostedDependency() {
        Lab lab = Lab.standalone();
        VirtualMachine vm = lab.connect(Lab.DEFAULT_HOST).vms().create(VmSpec.builder("hosted").build());
        try (CimSession s = lab.session(Lab.DEFAULT_HOST)) {
            ObjectPath host = V2.computerSystem(Lab.DEFAULT_HOST, Lab.DEFAULT_HOST);
            List<String> hosted = s.associators(host, "Msvm_HostedDependency", "Msvm_ComputerSystem").stream().map(i -> i.getString("Name")).toList();
            assertEquals(List.of(vm.id()), hosted);
            assertEquals(List.of(Lab.DEFAULT_HOST), s.associators(V2.computerSystem(Lab.DEFAULT_HOST, vm.id()), "Msvm_HostedDependency", null)
                    .stream().map(i -> i.getString("Name")).toList());
        }
    }

    @Test
    void theNodeCountSurvivesALabFileAndBadCountsAreRefused() throws Exception {
        Lab lab = twoNodes();
        Path file = dir.resolve("lab.json");
        lab.save(file);
        assertEquals(2, Lab.load(file).host(Lab.DEFAULT_HOST).numaNodes());
        SimHost h = lab.host(Lab.DEFAULT_HOST);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> h.numaNodes(h.logicalProcessors() + 1));
        assertTrue(e.getMessage().contains("NUMA nodes"), e.getMessage());
        assertEquals(2, h.numaNodes(), "unchanged");
        Files.writeString(file, Files.readString(file).replace("\"numaNodes\" : 2", "\"numaNodes\" : 0").replace("\"numaNodes\":2", "\"numaNodes\":0"));
        io.hyperv4j.HyperVException bad = assertThrows(io.hyperv4j.HyperVException.class, () -> Lab.load(file));
        assertTrue(bad.getMessage().contains("numaNodes"), bad.getMessage());
    }
}
