package io.hyperv4j.examples;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.cli.Progress;
import io.hyperv4j.cli.VmView;
import io.hyperv4j.cluster.ClusterGroup;
import io.hyperv4j.cluster.FailoverCluster;
import io.hyperv4j.cluster.GroupInfo;
import io.hyperv4j.cluster.GroupState;
import io.hyperv4j.cluster.sim.ClusterLab;
import io.hyperv4j.cluster.sim.MigrationRecord;
import io.hyperv4j.job.Operation;
import io.hyperv4j.scvmm.MoveAdvice;
import io.hyperv4j.scvmm.MoveResult;
import io.hyperv4j.scvmm.VirtualMachineManager;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmSpec;
import io.hyperv4j.vm.VmState;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tour: a short session on a fresh simulated Hyper-V host, narrated. Connect, create a VM,
 * start it, list VMs, pause, save, start again from the saved state, shut down, remove; then live-migrate
 * a clustered VM between the two nodes of seed 000's cluster. Each step
 * says what it did and the state it then observed; the tour succeeds only if every observation is
 * the expected one. On the virtual clock it takes well under a second; with a speed (say 60: a
 * simulated minute per second) the progress bars move at a pace people can watch.
 */
public final class Tour {
    public static final String VM_NAME = "tour-web01";
    private static final int STEPS = 14;

    private final PrintStream out;
    private final boolean terminal;
    private final double speed;
    private int step;
    private int passed;
    private Lab lab;
    private String title;
    private Duration simulated = Duration.ZERO;
    private final List<Step> steps = new ArrayList<>();

    /** What one step observed: {@code observed} equals {@code expected} when it passed. */
    public record Step(int number, String title, String check, String observed, String expected, boolean ok, Duration simulated) {}

    /**
     * @param speed 0 for the virtual clock (as fast as possible), else simulated seconds per real second
     * @param terminal draw progress bars in place (a terminal) or as lines (a pipe, a log)
     */
    public Tour(PrintStream out, double speed, boolean terminal) {
        if (speed < 0 || Double.isNaN(speed) || Double.isInfinite(speed)) throw new IllegalArgumentException("speed must be 0 or positive");
        this.out = out;
        this.speed = speed;
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        double speed = args.length > 0 ? Double.parseDouble(args[0]) : 0;
        System.exit(new Tour(System.out, speed, System.console() != null).run() ? 0 : 1);
    }

    /** Runs the tour; true when every step observed the expected state. */
    public boolean run() {
        SimClock clock = speed == 0 ? SimClock.virtual(Lab.DEFAULT_START) : SimClock.scaled(Lab.DEFAULT_START, speed);
        Lab fresh = Lab.fromTemplate("standalone", 0, clock);
        lab = fresh;
        out.println("hyperv4j tour: a short session on a fresh simulated Hyper-V host");
        out.println("Lab: template standalone, seed 0, " + (speed == 0 ? "virtual clock (operations finish at once)"
                : "clock at " + fmt(speed) + "x real time"));
        out.println();
        try (fresh; HyperVHost host = lab.connect(Lab.DEFAULT_HOST)) {
            tour(host);
        } catch (TourFailed e) {
            // check() has said what was wrong
        } catch (RuntimeException e) {
            out.println("      FAILED: " + e.getMessage());
        }
        out.println();
        boolean ok = passed == STEPS;
        out.println(ok ? "Tour complete: all " + STEPS + " steps observed the expected state."
                : "Tour FAILED: " + passed + " of " + STEPS + " steps observed the expected state.");
        return ok;
    }

    private void tour(HyperVHost host) {
        begin("Connect", "open a CIM session to host " + host.session().host());
        check("VMs on the host", host.vms().list().size() + "", "0");

        begin("New-VM", "create '" + VM_NAME + "': generation 2, 2 virtual processors, 2GB (DefineSystem + ModifyResourceSettings)");
        VirtualMachine vm = host.vms().create(VmSpec.builder(VM_NAME).processors(2).memoryMb(2048).generation(2)
                .notes("created by the hyperv4j tour").build());
        check("state", vm.state(), VmState.OFF);

        begin("Start-VM", "RequestStateChange(2 Enabled)");
        run(vm.start(), "Starting");
        check("state", vm.state(), VmState.RUNNING);

        begin("Get-VM", "list the host's VMs");
        var usage = VmView.usage(host.session());
        VmView.table(host.vms().list().stream().map(v -> VmView.of(v, host.session(), usage)).toList())
                .lines().forEach(l -> out.println("      " + l));
        check("VMs running", host.vms().list().stream().filter(v -> v.state() == VmState.RUNNING).count() + "", "1");

        begin("Checkpoint-VM", "Msvm_VirtualSystemSnapshotService.CreateSnapshot on the running VM");
        run(vm.checkpoints().create("tour"), "Checkpointing");
        check("checkpoints", vm.checkpoints().list().size() + "", "1");

        begin("Suspend-VM", "RequestStateChange(9 Quiesce)");
        run(vm.pause(), "Pausing");
        check("state", vm.state(), VmState.PAUSED);

        begin("Save-VM", "RequestStateChange(6 Offline): memory to disk, VM stops");
        run(vm.save(), "Saving");
        check("state", vm.state(), VmState.SAVED);

        begin("Start-VM", "RequestStateChange(2 Enabled) on a saved VM: restore from the saved state");
        run(vm.start(), "Restoring");
        check("state", vm.state(), VmState.RUNNING);

        begin("Stop-VM", "Msvm_ShutdownComponent.InitiateShutdown(Force=false): the guest shuts down cleanly");
        run(vm.stop(), "Shutting down");
        check("state", vm.state(), VmState.OFF);

        begin("Remove-VM", "DestroySystem");
        String id = vm.id();
        run(vm.remove(), "Removing");
        Optional<VirtualMachine> left = host.vms().findById(id);
        check("VM present", left.isPresent() ? "yes" : "no", "no");

        liveMigration();
        sanTransfer();
        monitoredFailover();
        backupRestore();
    }

    /** Seed 001's monitored host cluster: host1 loses power; the cluster fails SQL Server over, the monitor's guarded script does not. */
    private void monitoredFailover() {
        begin("Monitored failover", "power off host1 under seed 001's monitored SQL Server; the alarm's guarded failover script must not fail it over again");
        try (var m = new io.hyperv4j.examples.monitor.MonitoredCluster(0, true, true)) {
            m.run(Duration.ofSeconds(150));
            m.faults().injectHost(io.hyperv4j.scvmm.sim.guest.FaultLocation.POWER_OFF, "host1");
            m.run(Duration.ofMinutes(10));
            m.table().history().forEach(e -> out.println("      " + e));
            check("cluster failovers, skipped script runs, owner", m.clusterFailovers() + ", "
                    + m.events(io.hyperv4j.scvmm.monitor.MonitorEvent.Kind.ACTION_SKIPPED).size() + ", " + m.server().owner("SQL Server").orElse(""), "1, 1, host2");
        }
    }

    /** Seed 000's cluster (two nodes, a CSV, 1 GbE): its running 6 GB SQL Server VM moves live. */
    private void liveMigration() {
        begin("Move-ClusterVirtualMachineRole", "live-migrate the 6 GB 'SQL Server' VM from host1 to host2 over 1 GbE (seed 000's cluster)");
        Lab clusterLab = Lab.fromTemplate("seed000-cluster", 0, speed == 0 ? SimClock.virtual(Lab.DEFAULT_START)
                : SimClock.scaled(Lab.DEFAULT_START, speed));
        try (clusterLab; HyperVHost host1 = clusterLab.connect("host1")) {
            ClusterGroup vm = host1.capability(FailoverCluster.class).groupOfVm("SQL Server");
            run(vm.liveMigrate("host2"), "Migrating", clusterLab.clock());
            MigrationRecord move = ClusterLab.of(clusterLab).history("hv-cluster").get(0);
            out.println(String.format("      memory copied while the VM ran; outage %s (the paper measured 73 s and 1 s)",
                    duration(move.outage())));
            GroupInfo after = vm.info();
            check("owner, state", after.ownerNode() + ", " + after.state(), "host2, " + GroupState.ONLINE);
        }
    }

    /** Seed 000's standalone pair: the management server moves the VM by re-mapping its LU (no cluster needed). */
    private void sanTransfer() {
        begin("Move-SCVirtualMachine", "move 'SQL Server' from host1 to host2 by SAN transfer: saved, LU1 re-mapped, restored (seed 000)");
        Lab vmmLab = Lab.fromTemplate("seed000-vmm", 0, speed == 0 ? SimClock.virtual(Lab.DEFAULT_START)
                : SimClock.scaled(Lab.DEFAULT_START, speed));
        try (vmmLab; HyperVHost host1 = vmmLab.connect("host1")) {
            VirtualMachineManager vmm = host1.capability(VirtualMachineManager.class);
            MoveAdvice advice = vmm.advise("SQL Server", "host2");
            out.println("      the server's choice: " + advice.recommended().map(m -> m.method().transferType() + " (" + m.detail() + ")").orElse("none"));
            Operation<MoveResult> move = vmm.move("SQL Server", "host2");
            run(move, "Transferring", vmmLab.clock());
            MoveResult r = move.await();
            out.println(String.format("      unreachable for %s (the paper measured 105.3 s and 26 s)", duration(r.outage())));
            check("method, host", r.method().transferType() + ", " + vmm.vm("SQL Server").host(), "San, host2");
        }
    }

    /** Seed 004's cluster: GUEST1 is backed up, its guest writes on, the backup is restored over it, and its disk is as backed up. */
    private void backupRestore() {
        begin("Backup and restore", "replica of GUEST1 (VSS, network), the guest writes on, restore to the original location (seed 004)");
        Lab backupLab = Lab.fromTemplate("seed004-backup", 0, speed == 0 ? SimClock.virtual(Lab.DEFAULT_START)
                : SimClock.scaled(Lab.DEFAULT_START, speed));
        try (backupLab; HyperVHost hypr1 = backupLab.connect("HYPR1")) {
            byte[][] disk = BackupTour.backUpChangeRestore(backupLab, hypr1, (op, label) -> run(op, label, backupLab.clock()), out);
            check("disk after restore equals the backup", java.util.Arrays.equals(disk[0], disk[1]) ? "yes" : "no", "yes");
        }
    }

    /** The steps run so far, in order. */
    public List<Step> steps() {
        return List.copyOf(steps);
    }

    public int totalSteps() {
        return STEPS;
    }

    private void begin(String title, String what) {
        this.title = title;
        this.simulated = Duration.ZERO;
        step++;
        out.println(String.format("[%d/%d] %s: %s", step, STEPS, title, what));
    }

    /** Runs a long operation to its end, with a progress bar on the lab's clock. */
    private void run(Operation<?> op, String label) {
        run(op, label, lab.clock());
    }

    /** Runs a long operation to its end, with a progress bar, timing it on {@code clock}. */
    private void run(Operation<?> op, String label, SimClock clock) {
        Instant started = clock.now();
        long wallStart = System.nanoTime();
        (terminal ? Progress.bar(out, label) : Progress.lines(out, label)).follow(op);
        simulated = Duration.between(started, clock.now());
        out.println(String.format("      took %s of simulated time (%d ms of real time)", duration(simulated),
                (System.nanoTime() - wallStart) / 1_000_000));
    }

    private void check(String what, Object observed, Object expected) {
        boolean ok = String.valueOf(observed).equals(String.valueOf(expected));
        steps.add(new Step(step, title, what, String.valueOf(observed), String.valueOf(expected), ok, simulated));
        out.println("      " + what + ": " + observed + (ok ? "  ok" : "  FAILED (expected " + expected + ")"));
        if (ok) passed++;
        else throw new TourFailed(what + " was " + observed + ", expected " + expected);
    }

    private static String duration(Duration d) {
        long ms = d.toMillis();
        return ms < 1000 ? ms + " ms" : String.format("%.1f s", ms / 1000.0);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** A step observed something other than what it expected; the tour stops there. */
    private static final class TourFailed extends RuntimeException {
        TourFailed(String message) {
            super(message);
        }
    }
}
