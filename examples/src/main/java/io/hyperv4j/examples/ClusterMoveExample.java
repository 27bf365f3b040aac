package io.hyperv4j.examples;

import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.cluster.ClusterGroup;
import io.hyperv4j.cluster.ClusterMigrationTimeoutException;
import io.hyperv4j.cluster.ClusterRefusedException;
import io.hyperv4j.cluster.ClusterSharedVolume;
import io.hyperv4j.cluster.FailoverCluster;
import io.hyperv4j.cluster.GroupInfo;
import io.hyperv4j.job.Operation;
import java.net.URI;
import java.time.Duration;

/**
 * Live migration with progress and a timeout, then a Cluster Shared Volume move, on seed 000's
 * two-node cluster (or on a real cluster node: pass {@code wmi://NODE ROLE DESTINATION}).
 */
public final class ClusterMoveExample {
    private ClusterMoveExample() {}

    public static void main(String[] args) {
        URI uri = URI.create(args.length > 0 ? args[0] : "sim:template:seed000-cluster?host=host1");
        String role = args.length > 1 ? args[1] : "SQL Server", destination = args.length > 2 ? args[2] : "host2";
        try (HyperVHost host = HyperV.connect(uri)) {
            FailoverCluster cluster = host.capability(FailoverCluster.class);
            ClusterGroup vm = cluster.group(role);
            System.out.println(role + " runs on " + vm.info().ownerNode());

            Operation<GroupInfo> move = vm.liveMigrate(destination);
            move.onProgress(p -> System.out.println("  live migration " + p + "%"));
            try {
                System.out.println(role + " now runs on " + move.await(Duration.ofMinutes(5)).ownerNode());
            } catch (ClusterMigrationTimeoutException e) {
                System.out.println("Not done in 5 minutes; the cluster was asked to stop: " + e.getMessage());
            } catch (ClusterRefusedException e) {
                System.out.println("The cluster refused (" + e.reason() + "): " + e.getMessage());
            }

            for (ClusterSharedVolume csv : cluster.sharedVolumes()) {
                System.out.println(csv.name() + " (" + csv.info().path() + ") is owned by " + csv.info().ownerNode());
                System.out.println(csv.name() + " now owned by " + csv.moveTo(destination).ownerNode());
            }
        }
    }
}
