package io.hyperv4j.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.cluster.sim.ClusterLab;
import io.hyperv4j.cluster.sim.ClusterProfile;
import io.hyperv4j.cluster.sim.PaperClusters;
import io.hyperv4j.cluster.sim.SimNetwork;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.SimVm;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: the live-migration check reads the hosts' real virtual switches. A VM whose adapter is
 * connected (through raw CIM) to a switch moves only to a node whose host has a switch of that name,
 * and is refused naming it otherwise; after the move the adapter is connected to the destination's
 * switch of the name. (Before: the check read only names configured on the cluster node, so a VM
 * connected through Hyper-V's own classes moved anywhere.)
 */
class LiveMigrationSwitchTest {
    private static final String V2 = "root\\virtualization\\v2";

    private static ObjectPath defineSwitch(CimSession s, String name) {
        ObjectPath svc = s.query(V2, "SELECT * FROM Msvm_VirtualEthernetSwitchManagementService").get(0).path();
        MethodResult r = s.invoke(svc, "DefineSystem", Map.of("SystemSettings", CimValue.object(
                CimInstance.builder("Msvm_VirtualEthernetSwitchSettingData").put("ElementName", CimValue.string(name)).build())));
        assertEquals(0, r.returnValue());
        return r.get("ResultingSystem").asPath();
    }

    private static ObjectPath add(CimSession s, String vmId, CimInstance rasd) {
        ObjectPath svc = s.query(V2, "SELECT * FROM Msvm_VirtualSystemManagementService").get(0).path();
        ObjectPath vssd = s.query(V2, "SELECT * FROM Msvm_VirtualSystemSettingData WHERE VirtualSystemIdentifier = '" + vmId + "'").get(0).path();
        MethodResult r = s.invoke(svc, "AddResourceSettings", Map.of("AffectedConfiguration", CimValue.ref(vssd),
                "ResourceSettings", CimValue.array(CimType.OBJECT, List.of(rasd))));
        assertEquals(0, r.returnValue());
        return (ObjectPath) r.get("ResultingResourceSettings").asList().get(0);
    }

    @Test
    void aConnectedAdapterNeedsItsSwitchOnTheDestination() {
        Lab lab = Lab.builder().seed(4).clock(SimClock.virtual(Lab.DEFAULT_START)).host("A", 8, 32768).host("B", 8, 32768).host("C", 8, 32768).build();
        try (lab; CimSession a = lab.session("A"); CimSession b = lab.session("B")) {
            ClusterLab cl = ClusterLab.of(lab);
            cl.create("tri", "uranus.local", ClusterProfile.WS2008R2, "A", "B", "C")
                    .network("lm", SimNetwork.ROLE_CLUSTER, 1000, true, "10.1.0.0", 1e9).disk("Cluster Disk 1", 100 * PaperClusters.GIB);
            SimVm vm = PaperClusters.vm(lab, "A", "web", 2048, 2, false);
            cl.vm(vm.id(), t -> t.configPath("C:\\ClusterStorage\\Volume1\\web"));
            ObjectPath sw = defineSwitch(a, "Tenant");
            defineSwitch(b, "Tenant");
            ObjectPath nic = add(a, vm.id(), CimInstance.builder("Msvm_SyntheticEthernetPortSettingData").build());
            add(a, vm.id(), CimInstance.builder("Msvm_EthernetPortAllocationSettingData").put("Parent", CimValue.string(nic.toString()))
                    .put("HostResource", CimValue.strings(List.of(sw.toString()))).build());
            lab.write(Duration.ofSeconds(5), txn -> {
                txn.touch(vm);
                vm.state(PowerState.RUNNING, txn.now());
                return null;
            });
            FailoverCluster cluster = Clusters.of(a);
            cluster.enableSharedVolumes();
            cluster.addToSharedVolumes("Cluster Disk 1");
            cluster.addVirtualMachine("web");

            ClusterRefusedException e = assertThrows(ClusterRefusedException.class, () -> cluster.group("web").liveMigrate("C"));
            assertEquals(ClusterRefusal.INCOMPATIBLE_NODES, e.reason());
            assertTrue(e.getMessage().contains("'Tenant'"), e.getMessage());
            assertEquals("A", cluster.group("web").info().ownerNode());

            assertEquals("B", cluster.group("web").liveMigrate("B").await(Duration.ofMinutes(10)).ownerNode());
            CimInstance conn = b.query(V2, "SELECT * FROM Msvm_EthernetPortAllocationSettingData WHERE InstanceID LIKE 'Microsoft:" + vm.id() + "%'").get(0);
            ObjectPath onB = b.query(V2, "SELECT * FROM Msvm_VirtualEthernetSwitch WHERE ElementName = 'Tenant'").get(0).path();
            assertEquals(List.of(onB.toString()), conn.list("HostResource"), "connected to B's switch of the name");
        }
    }
}
