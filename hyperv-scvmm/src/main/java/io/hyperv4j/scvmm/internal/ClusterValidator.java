package io.hyperv4j.scvmm.internal;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.cluster.ClusterNetwork;
import io.hyperv4j.cluster.ClusterNode;
import io.hyperv4j.cluster.FailoverCluster;
import io.hyperv4j.cluster.GuestPortSizing;
import io.hyperv4j.cluster.NetworkInfo;
import io.hyperv4j.cluster.NetworkState;
import io.hyperv4j.scvmm.StorageQualification;
import io.hyperv4j.scvmm.ValidationCategory;
import io.hyperv4j.scvmm.ValidationReport;
import io.hyperv4j.scvmm.ValidationResult;
import io.hyperv4j.scvmm.ValidationTest;
import io.hyperv4j.scvmm.storage.SanStorage;
import io.hyperv4j.scvmm.storage.StorageArray;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Validates a Hyper-V host cluster from what its nodes report: the cluster's nodes and networks
 * (root\MSCluster), each node's guest ports (root\virtualization\v2) and the storage subsystems each
 * node sees (root\Microsoft\Windows\Storage), the latter judged against the vendors' support
 * statements. The SDK has no validation call (Test-Cluster is a PowerShell cmdlet over
 * undocumented internals), so the tests are the ones these documented facts can decide.
 */
public final class ClusterValidator {
    /** The test names, as the report lists them. */
    public static final String LIST_NODES = "List Nodes", LIST_STORAGE = "List Storage Subsystems",
            NETWORK_COMMUNICATION = "Validate Network Communication", GUEST_PORTS = "Validate Guest Network Ports",
            SHARED_STORAGE = "Validate Shared Storage", CLUSTER_STORAGE = "Validate Storage Qualified for Failover Clusters",
            HYPER_V_STORAGE = "Validate Storage Qualified for Hyper-V Clusters";

    private final Function<String, HyperVHost> connect;

    /**
     * A validator reaching each node through {@code connect} (hosts the caller owns and closes).
     *
     * @param connect connects to a node by name
     */
    public ClusterValidator(Function<String, HyperVHost> connect) {
        this.connect = connect;
    }

    /**
     * Validates the cluster {@code node} belongs to.
     *
     * @param node           a node of the cluster
     * @param qualifications the storage vendors' support statements
     * @return the report
     */
    public ValidationReport validate(String node, List<StorageQualification> qualifications) {
        String clusterName;
        List<String> nodes = new ArrayList<>();
        List<String> nodeLines = new ArrayList<>();
        List<NetworkInfo> networks = new ArrayList<>();
        FailoverCluster cluster = connect.apply(node).capability(FailoverCluster.class);
        clusterName = cluster.info().name();
        for (ClusterNode n : cluster.nodes()) {
            nodes.add(n.name());
            nodeLines.add(n.name() + ": " + n.info().state());
        }
        for (ClusterNetwork n : cluster.networks()) networks.add(n.info());
        Map<String, List<StorageArray>> seen = new LinkedHashMap<>();
        List<String> portWarnings = new ArrayList<>();
        for (String n : nodes) {
            HyperVHost host = connect.apply(n);
            seen.put(n, host.capability(SanStorage.class).arrays());
            GuestPortSizing.check(host).ifPresent(w -> portWarnings.add(w.message()));
        }

        List<ValidationTest> tests = new ArrayList<>();
        tests.add(new ValidationTest(ValidationCategory.INVENTORY, LIST_NODES, ValidationResult.SUCCESS, nodeLines));
        List<String> storageLines = new ArrayList<>();
        seen.forEach((n, arrays) -> arrays.forEach(a -> storageLines.add(n + ": " + describe(a))));
        tests.add(new ValidationTest(ValidationCategory.INVENTORY, LIST_STORAGE, ValidationResult.SUCCESS, storageLines));

        List<String> down = networks.stream().filter(n -> n.state() != NetworkState.UP).map(n -> "cluster network '" + n.name() + "' is " + n.state()).toList();
        tests.add(new ValidationTest(ValidationCategory.NETWORK, NETWORK_COMMUNICATION, down.isEmpty() ? ValidationResult.SUCCESS : ValidationResult.FAILED,
                down.isEmpty() ? List.of(networks.size() + " cluster network(s) up") : down));
        tests.add(new ValidationTest(ValidationCategory.NETWORK, GUEST_PORTS, portWarnings.isEmpty() ? ValidationResult.SUCCESS : ValidationResult.WARNING,
                portWarnings.isEmpty() ? List.of("every node has a dedicated guest port per " + GuestPortSizing.VMS_PER_PORT + " running VMs") : portWarnings));

        tests.add(sharedStorage(seen));
        Map<String, StorageArray> arrays = new LinkedHashMap<>();
        seen.values().forEach(l -> l.forEach(a -> arrays.putIfAbsent(a.objectId(), a)));
        tests.add(qualified(ValidationCategory.STORAGE, CLUSTER_STORAGE, arrays.values(), qualifications,
                StorageQualification::failoverClusterFirmware, "failover clusters"));
        tests.add(qualified(ValidationCategory.HYPER_V_CONFIGURATION, HYPER_V_STORAGE, arrays.values(), qualifications,
                StorageQualification::hyperVClusterFirmware, "Hyper-V clusters"));
        return new ValidationReport(clusterName, tests);
    }

    /** Every node sees the same storage subsystems, and at least one. */
    private static ValidationTest sharedStorage(Map<String, List<StorageArray>> seen) {
        TreeSet<String> all = new TreeSet<>();
        seen.values().forEach(l -> l.forEach(a -> all.add(a.objectId())));
        List<String> problems = new ArrayList<>();
        if (all.isEmpty()) problems.add("no node sees a storage subsystem: a Hyper-V cluster needs shared storage");
        seen.forEach((n, arrays) -> {
            TreeSet<String> mine = new TreeSet<>();
            arrays.forEach(a -> mine.add(a.objectId()));
            if (!all.isEmpty() && !mine.equals(all)) problems.add(n + " does not see " + missing(all, mine));
        });
        return new ValidationTest(ValidationCategory.STORAGE, SHARED_STORAGE, problems.isEmpty() ? ValidationResult.SUCCESS : ValidationResult.FAILED,
                problems.isEmpty() ? List.of("every node sees " + all.size() + " storage subsystem(s)") : problems);
    }

    private static List<String> missing(TreeSet<String> all, TreeSet<String> mine) {
        return all.stream().filter(Predicate.not(mine::contains)).toList();
    }

    private static ValidationTest qualified(ValidationCategory category, String name, Iterable<StorageArray> arrays,
                                            List<StorageQualification> qualifications, Function<StorageQualification, String> minimum, String what) {
        List<String> lines = new ArrayList<>();
        boolean failed = false;
        for (StorageArray a : arrays) {
            Optional<StorageQualification> q = qualifications.stream().filter(s -> s.covers(a.manufacturer(), a.model())).findFirst();
            String need = q.map(minimum).orElse(null);
            if (StorageQualification.atLeast(a.firmwareVersion(), need)) {
                lines.add(describe(a) + " is supported in " + what + " (firmware " + need + " or later)");
                continue;
            }
            failed = true;
            lines.add(q.isEmpty() ? describe(a) + " is in no vendor support statement given; check with the vendor that it supports " + what
                    : need == null ? "storage " + describe(a) + " does not support " + what + "; check firmware and drivers with the vendor"
                    : "storage " + describe(a) + " does not support " + what + " before firmware " + need + "; check firmware and drivers with the vendor");
        }
        return new ValidationTest(category, name, failed ? ValidationResult.FAILED : ValidationResult.SUCCESS, lines);
    }

    private static String describe(StorageArray a) {
        return a.manufacturer() + " " + a.model() + " '" + a.friendlyName() + "' (firmware " + a.firmwareVersion() + ")";
    }
}
