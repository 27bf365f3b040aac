package io.hyperv4j.examples;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.backup.BackupKind;
import io.hyperv4j.backup.BackupPath;
import io.hyperv4j.backup.DataProtection;
import io.hyperv4j.backup.RecoveryPoint;
import io.hyperv4j.backup.sim.BackupLab;
import io.hyperv4j.backup.sim.BackupTemplates;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Seed 004's Tables 14-1 (backup without redirection), 14-2 (with redirection, per VM) and 14-3 (from
 * inside the VM), each job run on seed 004's cluster on the virtual clock and set beside the paper's
 * duration and volume. The volumes are the paper's (the VMs' data profiles); the durations come from
 * the timing model, the CSV redirection from the placement. Prints the tables;
 * {@code ./hyperv example Seed004BackupTablesExample}.
 */
public final class Seed004BackupTablesExample {
    private Seed004BackupTablesExample() {
    }

    /** One row: the paper's table and task, its duration and volume, and the simulated ones. */
    public record Row(String table, String task, Duration paper, double paperMb, Duration simulated, double simulatedMb) {
        /** The simulated duration's deviation from the paper's, in percent. */
        public double deviationPercent() {
            return 100.0 * (simulated.toMillis() - paper.toMillis()) / paper.toMillis();
        }
    }

    public static void main(String[] args) {
        String table = "";
        for (Row r : rows()) {
            if (!r.table().equals(table)) {
                table = r.table();
                System.out.printf(Locale.ROOT, "%n%s%n  %-34s %9s %12s %9s %12s %7s%n", table, "Task", "Paper", "Paper MB", "Simulated", "Sim. MB", "Δ %");
            }
            System.out.printf(Locale.ROOT, "  %-34s %9s %12.2f %9s %12.2f %+7.2f%n", r.task(), hm(r.paper()), r.paperMb(), hm(r.simulated()),
                    r.simulatedMb(), r.deviationPercent());
        }
    }

    /** Runs every job of the three tables and returns the rows. */
    public static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        String t1 = "Table 14-1: backup time without redirection (GUEST1 on HYPR1 with all VMs)";
        rows.add(job(t1, "Network: replica creation", false, "HYPR1", "GUEST1", BackupPath.NETWORK, BackupKind.REPLICA, 135, 239_298, 7_503));
        rows.add(job(t1, "Network: express full backup", false, "HYPR1", "GUEST1", BackupPath.NETWORK, BackupKind.EXPRESS_FULL, 86, 239_298, 7_503));
        rows.add(job(t1, "ShadowImage: replica creation", false, "HYPR1", "GUEST1", BackupPath.HARDWARE_PAIR, BackupKind.REPLICA, 45, 242_525, 5_495));
        rows.add(job(t1, "ShadowImage: express full backup", false, "HYPR1", "GUEST1", BackupPath.HARDWARE_PAIR, BackupKind.EXPRESS_FULL, 47, 242_525, 5_495));
        String t2 = "Table 14-2: backup time with redirection (GUEST3 from HYPR2; GUEST1-2 on HYPR1), per VM";
        rows.add(job(t2, "ShadowImage: replica creation", true, "HYPR2", "GUEST3", BackupPath.HARDWARE_PAIR, BackupKind.REPLICA, 31, 164_357.94, 3_437.49));
        rows.add(job(t2, "ShadowImage: express full backup", true, "HYPR2", "GUEST3", BackupPath.HARDWARE_PAIR, BackupKind.EXPRESS_FULL, 22, 164_357.94, 3_437.49));
        rows.add(job(t2, "Network: replica creation", true, "HYPR2", "GUEST3", BackupPath.NETWORK, BackupKind.REPLICA, 137, 161_371.00, 7_089.86));
        rows.add(job(t2, "Network: express full backup", true, "HYPR2", "GUEST3", BackupPath.NETWORK, BackupKind.EXPRESS_FULL, 74, 161_371.00, 7_089.86));
        String t3 = "Table 14-3: backup from inside the VM (GUEST2's mail database MDB21)";
        rows.add(job(t3, "Replica creation", false, "HYPR1", "GUEST2", BackupPath.GUEST_AGENT, BackupKind.REPLICA, 68, 84_582.06, 3_247.94));
        rows.add(job(t3, "Synchronisation", false, "HYPR1", "GUEST2", BackupPath.GUEST_AGENT, BackupKind.SYNCHRONIZATION, 3, 84_582.06, 3_247.94));
        rows.add(job(t3, "Express full backup", false, "HYPR1", "GUEST2", BackupPath.GUEST_AGENT, BackupKind.EXPRESS_FULL, 8, 84_582.06, 3_247.94));
        return rows;
    }

    /** A fresh lab per row: the replica first when the row is an express full or a synchronisation, then the measured job. */
    private static Row job(String table, String task, boolean redirect, String host, String vm, BackupPath path, BackupKind kind,
                           long paperMinutes, double replicaMb, double expressMb) {
        double syncMb = 1_840.69;
        double paperMb = switch (kind) {
            case REPLICA -> replicaMb;
            case EXPRESS_FULL -> expressMb;
            case SYNCHRONIZATION -> syncMb;
        };
        try (Lab lab = BackupTemplates.seed004(4, SimClock.virtual(Lab.DEFAULT_START), redirect); HyperVHost h = lab.connect(host)) {
            DataProtection dpm = h.capability(DataProtection.class);
            dpm.createGroup("Seed 004", LocalTime.of(15, 0), Duration.ofDays(5));
            dpm.addMember("Seed 004", vm);
            BackupLab.of(lab).profile(vm, new BackupLab.DataProfile(replicaMb, expressMb, syncMb, replicaMb));
            if (kind != BackupKind.REPLICA) dpm.backup(vm, BackupKind.REPLICA, path).await();
            Instant start = lab.clock().now();
            String id = dpm.backup(vm, kind, path).await();
            Duration took = Duration.between(start, lab.clock().now());
            RecoveryPoint p = dpm.recoveryPoints(vm).stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
            return new Row(table, task, Duration.ofMinutes(paperMinutes), paperMb, took, p.transferredBytes() / 1e6);
        }
    }

    private static String hm(Duration d) {
        long m = Math.round(d.toSeconds() / 60.0);
        return m >= 60 ? (m / 60) + " h " + (m % 60) + " min" : m + " min";
    }
}
