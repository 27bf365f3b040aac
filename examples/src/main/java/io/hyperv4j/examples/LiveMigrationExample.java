package io.hyperv4j.examples;

import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.cluster.ClusterGroup;
import io.hyperv4j.cluster.ClusterRefusedException;
import io.hyperv4j.cluster.DrainType;
import io.hyperv4j.cluster.FailbackType;
import io.hyperv4j.cluster.FailoverCluster;
import io.hyperv4j.cluster.GroupInfo;
import io.hyperv4j.cluster.ValidationWarning;
import io.hyperv4j.cluster.sim.PaperClusters;
import io.hyperv4j.job.Operation;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import java.net.URI;
import java.time.Duration;

/**
 * Live migration of a highly available VM, then a drain and a resume with failback. Without
 * arguments it runs on the simulated cluster of seed 002 (ARIEL and umbriel, VM ws2003r2-lm); with
 * {@code URI VM NODE} (e.g. {@code wmi://ariel ws2003r2-lm umbriel}) on a real cluster node.
 */
public final class LiveMigrationExample {
    private LiveMigrationExample() {}

    public static void main(String[] args) {
        if (args.length >= 3) {
            try (HyperVHost host = HyperV.connect(URI.create(args[0]))) {
                run(host, args[1], args[2]);
            }
            return;
        }
        try (Lab lab = PaperClusters.seed002(0, SimClock.virtual(Lab.DEFAULT_START));
             HyperVHost host = lab.connect("ARIEL")) {
            run(host, "ws2003r2-lm", "umbriel");
            System.out.println("Simulated time used: " + Duration.between(Lab.DEFAULT_START, lab.clock().now()).toSeconds() + " s");
        }
    }

    static void run(HyperVHost host, String vmName, String destination) {
        FailoverCluster cluster = host.capability(FailoverCluster.class);
        System.out.println("Cluster " + cluster.info().fqdn() + ", CSV network: " + cluster.csvNetwork().name()
                + ", live-migration networks: " + cluster.liveMigrationNetworks());
        ClusterGroup vm = cluster.groupOfVm(vmName);
        GroupInfo before = vm.info();
        System.out.println(vm.name() + " is " + before.state() + " on " + before.ownerNode());
        for (ValidationWarning w : cluster.validateLiveMigration(vm)) System.out.println("  warning: " + w.message());

        Operation<GroupInfo> move = vm.liveMigrate(destination);
        move.onProgress(p -> System.out.println("  live migration: " + p + "%"));
        GroupInfo after = move.await(Duration.ofMinutes(10));
        System.out.println(vm.name() + " now runs on " + after.ownerNode() + " (" + after.state() + ")");

        try {
            vm.liveMigrate(destination);
        } catch (ClusterRefusedException e) {
            System.out.println("Refused as expected (" + e.reason() + "): " + e.getMessage());
        }

        String origin = before.ownerNode();
        System.out.println("Draining " + after.ownerNode() + " ...");
        System.out.println("  " + cluster.node(after.ownerNode()).pause(DrainType.DRAIN, null).await(Duration.ofMinutes(30)));
        System.out.println(vm.name() + " is on " + vm.info().ownerNode());
        cluster.node(after.ownerNode()).resume(FailbackType.IMMEDIATE);
        GroupInfo back = vm.info();
        System.out.println("Resumed " + after.ownerNode() + "; " + vm.name() + " is " + (back.isMigrating() ? "failing back" : "on " + back.ownerNode())
                + " (it came from " + origin + ")");
    }
}
