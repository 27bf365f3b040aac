package io.hyperv4j.cluster.sim;

import io.hyperv4j.cluster.Clusters;
import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.cim.schema.CimSchema;
import io.hyperv4j.cluster.FailoverCluster;
import io.hyperv4j.cluster.GroupState;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import java.nio.file.Path;
import io.hyperv4j.cluster.migration.QuickMigrationModel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** root\MSCluster as the simulator serves it: schema fidelity, associations, the void-method error model, persistence. */
class MsClusterProviderTest {
    static final String NS = "root\\MSCluster";

    @Test
    void everyInstanceIsValidForItsClassInMicrosoftsSchema() {
        try (Lab lab = PaperClusters.seed002(3, SimClock.virtual(Lab.DEFAULT_START)); CimSession s = lab.session("umbriel")) {
            CimSchema schema = CimSchema.forNamespace(NS);
            int checked = 0;
            for (var p : lab.providers().all()) {
                if (!p.namespace().equalsIgnoreCase(NS)) continue;
                for (String cls : p.classNames()) {
                    for (CimInstance i : s.query(NS, "SELECT * FROM " + cls)) {
                        schema.coerceInstance(i);
                        assertEquals(List.of(), schema.wholenessProblems(i), "every property of its class: " + i.path());
                        for (var key : schema.keyProperties(cls)) assertTrue(i.has(key.name()), cls + " lacks key " + key.name());
                        assertEquals(i, s.get(i.path()), "get by path returns the instance: " + i.path());
                        checked++;
                    }
                }
            }
            assertTrue(checked > 40, "checked " + checked);
        }
    }

    @Test
    void associationsConnectGroupsResourcesNodesAndVolumes() {
        try (Lab lab = PaperClusters.seed002(3, SimClock.virtual(Lab.DEFAULT_START)); CimSession s = lab.session("ARIEL")) {
            ObjectPath group = ObjectPath.of(NS, "MSCluster_ResourceGroup", Map.of("Name", "ws2003r2-lm"));
            List<String> resources = s.associators(group, "MSCluster_ResourceGroupToResource", "MSCluster_Resource").stream()
                    .map(i -> i.getString("Type")).sorted().toList();
            assertEquals(List.of("Virtual Machine", "Virtual Machine Configuration"), resources);
            ObjectPath csv = ObjectPath.of(NS, "MSCluster_ClusterSharedVolume", Map.of("Name", "Cluster Disk 1"));
            assertEquals("ARIEL", s.associators(csv, "MSCluster_ClusterSharedVolumeToNode", "MSCluster_Node").get(0).getString("Name"));
            ObjectPath cfg = ObjectPath.of(NS, "MSCluster_Resource", Map.of("Name", "Virtual Machine Configuration ws2003r2-lm"));
            assertEquals("Cluster Disk 1", s.associators(cfg, "MSCluster_ResourceToDependentResource", "MSCluster_Resource").stream()
                    .filter(r -> r.getString("Type").equals("Physical Disk")).findFirst().orElseThrow().getString("Name"));
            assertEquals(2, s.associators(ObjectPath.of(NS, "MSCluster_Resource", Map.of("Name", "Virtual Machine ws2003r2-lm")),
                    "MSCluster_ResourceToPossibleOwner", "MSCluster_Node").size());
            try (CimSession outside = Lab.standalone().session(Lab.DEFAULT_HOST)) {
                assertTrue(outside.query(NS, "SELECT * FROM MSCluster_Node").isEmpty(), "a host in no cluster shows none");
            }
        }
    }

    @Test
    void methodsReturnNothingAndFailWithWbemErrors() {
        try (Lab lab = PaperClusters.seed002(3, SimClock.virtual(Lab.DEFAULT_START)); CimSession s = lab.session("ARIEL")) {
            ObjectPath group = ObjectPath.of(NS, "MSCluster_ResourceGroup", Map.of("Name", "ws2003r2-lm"));
            CimException e = assertThrows(CimException.class,
                    () -> s.invoke(group, "MoveToNewNode", Map.of("NodeName", CimValue.string("nowhere"), "TimeOut", CimValue.uint32(0))));
            // as the MSCluster provider fails a call: WMI's generic failure, the Win32 cluster error as the HRESULT
            assertEquals(CimError.FAILED, e.error());
            assertEquals(0x800713B2L, e.hresult(), "HRESULT_FROM_WIN32(ERROR_CLUSTER_NODE_NOT_FOUND)");
            assertEquals(java.util.OptionalInt.of(5042), e.win32Error());
            assertThrows(CimException.class, () -> s.invoke(group, "MoveToNewNode", Map.of("NodeName", CimValue.uint32(3))),
                    "the schema checks parameter types");
            assertEquals(0, s.invoke(group, "MoveToNewNode", Map.of("NodeName", CimValue.string("umbriel"), "TimeOut", CimValue.uint32(0))).returnValue());
            assertEquals(0, s.get(group).getLong("State"), "quick migration: Online while the job prepares (the VM runs)");
            lab.clock().advance(QuickMigrationModel.Parameters.CALIBRATED.prepare().plusMillis(500));
            assertEquals(4, s.get(group).getLong("State"), "quick migration: Pending while the VM is saved, moved, restored");
        }
    }

    @Test
    void migrateVirtualMachineMovesTheFilesToAnotherVolume() {
        try (Lab lab = PaperClusters.seed002(3, SimClock.virtual(Lab.DEFAULT_START)); CimSession s = lab.session("ARIEL")) {
            ClusterLab.of(lab).configure("satellite").disk("Cluster Disk 2", 40 * PaperClusters.GIB);
            FailoverCluster c = Clusters.of(s);
            assertEquals("C:\\ClusterStorage\\Volume2", c.addToSharedVolumes("Cluster Disk 2").info().path());
            var vm = c.group("ws2003r2-lm");
            assertThrows(io.hyperv4j.cluster.ClusterRefusedException.class, () -> vm.moveStorage("D:\\VMs\\ws2003r2-lm"));
            vm.moveStorage("C:\\ClusterStorage\\Volume2\\ws2003r2-lm");
            ObjectPath cfg = ObjectPath.of(NS, "MSCluster_Resource", Map.of("Name", "Virtual Machine Configuration ws2003r2-lm"));
            assertEquals(List.of("Cluster Disk 2"), s.associators(cfg, "MSCluster_ResourceToDependentResource", "MSCluster_Resource").stream()
                    .filter(r -> r.getString("Type").equals("Physical Disk")).map(r -> r.getString("Name")).toList());
            assertEquals(GroupState.ONLINE, vm.info().state());
            assertEquals("umbriel", vm.liveMigrate("umbriel").await(Duration.ofMinutes(5)).ownerNode());
        }
    }

    @Test
    void aQuickMigrationSavedMidMoveGoesOnWhenTheLabIsLoaded(@TempDir Path dir) {
        Path file = dir.resolve("mid.json");
        try (Lab lab = PaperClusters.seed002(3, SimClock.virtual(Lab.DEFAULT_START)); CimSession s = lab.session("ARIEL")) {
            Clusters.of(s).group("ws2003r2-lm").quickMigrate("umbriel");
            lab.clock().advance(QuickMigrationModel.Parameters.CALIBRATED.prepare().plusMillis(500));
            assertEquals(io.hyperv4j.sim.PowerState.SAVING, lab.host("ARIEL").vms().iterator().next().state());
            lab.save(file);
        }
        try (Lab lab = Lab.load(file); CimSession s = lab.session("ARIEL")) {
            var g = Clusters.of(s).group("ws2003r2-lm");
            assertTrue(g.info().isMigrating(), "the move was saved with the lab");
            assertEquals(GroupState.PENDING, g.info().state());
            var done = g.moveInProgress("umbriel").await(Duration.ofMinutes(5));
            assertEquals("umbriel", done.ownerNode());
            assertEquals(GroupState.ONLINE, done.state());
            assertEquals(io.hyperv4j.sim.PowerState.RUNNING, lab.host("umbriel").vms().iterator().next().state());
        }
    }

    @Test
    void removingARoleLeavesTheVmRunningAndNotClustered() {
        try (Lab lab = PaperClusters.seed002(3, SimClock.virtual(Lab.DEFAULT_START)); CimSession s = lab.session("ARIEL")) {
            FailoverCluster c = Clusters.of(s);
            c.group("ws2003r2-lm").remove();
            assertThrows(io.hyperv4j.NotFoundException.class, () -> c.groupOfVm("ws2003r2-lm"));
            assertEquals(1, c.groups().size(), "only the core group is left");
            assertEquals(io.hyperv4j.sim.PowerState.RUNNING, lab.host("ARIEL").vms().iterator().next().state());
            var again = c.addVirtualMachine("ws2003r2-lm");
            assertEquals(GroupState.ONLINE, again.info().state());
            var e = assertThrows(io.hyperv4j.cluster.ClusterRefusedException.class, () -> c.addVirtualMachine("ws2003r2-lm"));
            assertEquals(io.hyperv4j.cluster.ClusterRefusal.ALREADY_EXISTS, e.reason());
        }
    }

    @Test
    void clustersSurviveASaveAndLoad(@TempDir Path dir) {
        Path file = dir.resolve("lab.json");
        try (Lab lab = PaperClusters.seed002(3, SimClock.virtual(Lab.DEFAULT_START)); CimSession s = lab.session("ARIEL")) {
            FailoverCluster c = Clusters.of(s);
            c.group("ws2003r2-lm").liveMigrate("umbriel").await(Duration.ofMinutes(5));
            c.network("management").setMetric(2000);
            lab.save(file);
        }
        try (Lab lab = Lab.load(file); CimSession s = lab.session("umbriel")) {
            FailoverCluster c = Clusters.of(s);
            assertEquals("umbriel", c.group("ws2003r2-lm").info().ownerNode());
            assertEquals(GroupState.ONLINE, c.group("ws2003r2-lm").info().state());
            assertEquals(2000, c.network("management").info().metric());
            assertEquals(List.of("heartbeat", "management"), c.liveMigrationNetworks());
            assertEquals("C:\\ClusterStorage\\Volume1", c.sharedVolume("Cluster Disk 1").info().path());
            assertEquals("ARIEL", c.group("ws2003r2-lm").liveMigrate("ARIEL").await(Duration.ofMinutes(5)).ownerNode());
        }
    }
}
