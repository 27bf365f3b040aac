package io.hyperv4j.examples;

import io.hyperv4j.examples.monitor.Coverage;
import io.hyperv4j.examples.monitor.Trials;
import io.hyperv4j.scvmm.sim.guest.FaultLocation;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Seed 001's comparison, run on the simulator: SQL Server stopped in the guest cluster (Table 4-1)
 * and in the monitored host cluster (Table 4-2, three runs at poll phases 10, 30 and 50 s, plus a 100-run
 * sweep of the poll phase), and Table 5-1 derived by injecting each fault into each configuration,
 * each beside the paper's figures. From the command line: {@code hyperv example Seed001MonitoringExample},
 * or step by step on a lab from the seed001-monitored or seed001-guest-cluster template with {@code hyperv --lab F monitor ...}
 * and {@code hyperv --lab F fault inject ...}.
 */
public final class Seed001MonitoringExample {
    private Seed001MonitoringExample() {
    }

    /**
     * Runs the comparison and prints the tables.
     *
     * @param args {@code --quick} skips the 100-run sweep
     */
    public static void main(String[] args) {
        print(System.out, args.length == 0 || !args[0].equals("--quick"));
    }

    static void print(PrintStream out, boolean sweep) {
        Trials.GuestClusterRun g = Trials.guestClusterSqlStop();
        out.println("Table 4-1  Guest cluster, SQL Server stopped        simulated   paper");
        out.printf(Locale.ROOT, "  failover time                                 %7.0f s   60 s%n", g.failover());
        out.printf(Locale.ROOT, "  ping unreachable time (clustered address)     %7.0f s   22 s%n", g.pingLoss());
        out.printf(Locale.ROOT, "  SQL service stop -> restart                   %7.0f s   55 s%n", g.outage());

        List<Trials.MonitoredRun> three = Trials.paperRuns();
        out.println();
        out.println("Table 4-2  Monitored host cluster, mean of 3 runs    simulated   paper");
        row(out, "fault -> detection", three, Trials.MonitoredRun::detection, "66 s");
        row(out, "detection -> recovery detection", three, Trials.MonitoredRun::recovery, "126 s");
        row(out, "quick migration", three, Trials.MonitoredRun::quickMigration, "45 s");
        row(out, "ping unreachable time (VM)", three, Trials.MonitoredRun::pingLoss, "15 s");
        row(out, "SQL service outage", three, Trials.MonitoredRun::outage, "192 s");
        if (sweep) {
            var s = Trials.sweep(100, 42).stream().mapToDouble(Trials.MonitoredRun::outage).summaryStatistics();
            out.printf(Locale.ROOT, "  poll-phase sweep, 100 runs: outage %.0f .. %.0f s, mean %.1f s (paper: 2 min and some tens of s .. about 4 min, 192 s)%n",
                    s.getMin(), s.getMax(), s.getAverage());
        }

        out.println();
        out.println("Table 5-1  Automatic failover by fault location      simulated (GC HC*1 a b)   paper");
        Map<FaultLocation, List<Coverage.Mark>> m = Coverage.matrix();
        for (Map.Entry<FaultLocation, List<Coverage.Mark>> e : m.entrySet()) {
            String sim = String.join(" ", e.getValue().stream().map(Coverage.Mark::symbol).toList());
            String paper = String.join(" ", Coverage.PAPER.get(e.getKey()).split(""));
            out.printf(Locale.ROOT, "  %-17s %-29s %-11s %s%s%n", e.getKey().category(), e.getKey().label(), sim, paper,
                    sim.equals(paper) ? "" : "   <- differs");
        }
        out.println("  columns: guest cluster; host cluster with VM heartbeat monitoring; monitored host cluster (a) by the host cluster, (b) by the monitor");
    }

    private static void row(PrintStream out, String what, List<Trials.MonitoredRun> runs, ToDoubleFunction<Trials.MonitoredRun> f, String paper) {
        out.printf(Locale.ROOT, "  %-44s %6.1f s   %s%n", what, runs.stream().mapToDouble(f).average().orElseThrow(), paper);
    }
}
