package io.hyperv4j.cluster;

import static io.hyperv4j.cluster.MsCluster.*;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cluster.migration.LiveMigrationModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The warnings of seed 002 (section 5.3) that do not stop a live migration: the live-migration
 * network is the CSV network, slower than 1 Gbps, or under IPsec; the VM has pass-through disks
 * (with the blackout to expect). Thread-safe; each call reads the cluster now.
 */
public final class LiveMigrationValidator {
    private final FailoverCluster cluster;

    /**
     * A validator reading {@code cluster}.
     *
     * @param cluster the cluster
     */
    public LiveMigrationValidator(FailoverCluster cluster) {
        this.cluster = cluster;
    }

    /**
     * The warnings that apply to live-migrating {@code group} now.
     *
     * @param group the role
     * @return the warnings; empty when there are none
     */
    public List<ValidationWarning> validate(ClusterGroup group) {
        List<ValidationWarning> out = new ArrayList<>();
        List<String> order = cluster.liveMigrationNetworks();
        NetworkInfo csv = cluster.csvNetwork();
        String lm = order.isEmpty() ? csv.name() : order.get(0);
        if (lm.equalsIgnoreCase(csv.name()))
            out.add(new ValidationWarning("LM_NETWORK_IS_CSV_NETWORK", "live migration would use '" + lm
                    + "', which also carries CSV traffic (lowest metric " + csv.metric() + "); keep them apart"));
        NetworkInfo net = cluster.network(lm).info();
        double gbps = parseGbps(net.description());
        if (gbps > 0 && gbps < 1)
            out.add(new ValidationWarning("LM_NETWORK_SLOW", "live-migration network '" + lm + "' runs at " + gbps + " Gbps; 1 Gbps or more is recommended"));
        if (net.description().contains("IPsec"))
            out.add(new ValidationWarning("LM_NETWORK_IPSEC", "an IPsec policy applies to live-migration network '" + lm + "'; it slows migrations"));
        GroupInfo g = group.info();
        int ptd = passThroughDisks(g.vmId());
        if (ptd > 0) {
            LiveMigrationModel model = LiveMigrationModel.calibrated();
            double s = (model.passThroughPause(ptd).toMillis() + model.parameters().switchoverFixed().toMillis()) / 1000.0;
            out.add(new ValidationWarning("PASS_THROUGH_DISKS", String.format(Locale.ROOT,
                    "'%s' has %d pass-through disk(s): expect the VM to pause about %.1f s while their ownership moves", g.name(), ptd, s)));
        }
        return out;
    }

    private int passThroughDisks(String vmId) {
        // pass-through disks are Msvm_DiskDrive elements with a HostResource; the simulator records their count with the VM
        try {
            for (CimInstance r : cluster.session().query(NAMESPACE, "SELECT * FROM MSCluster_Resource WHERE Type = 'Virtual Machine'")) {
                CimInstance p = priv(r);
                if (p != null && str(p, "VmID").equalsIgnoreCase(vmId) && p.has("PassThroughDisks")) return (int) num(p, "PassThroughDisks", 0);
            }
        } catch (RuntimeException e) {
            return 0;
        }
        return 0;
    }

    private static double parseGbps(String description) {
        try {
            int i = description.indexOf(" Gbps");
            return i < 0 ? -1 : Double.parseDouble(description.substring(0, i).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
