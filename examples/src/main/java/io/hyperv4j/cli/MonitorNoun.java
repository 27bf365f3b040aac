package io.hyperv4j.cli;

import io.hyperv4j.scvmm.monitor.Alarm;
import io.hyperv4j.scvmm.monitor.MonitorAction;
import io.hyperv4j.scvmm.monitor.MonitorEvent;
import io.hyperv4j.scvmm.sim.guest.GuestCluster;
import io.hyperv4j.scvmm.sim.guest.GuestWorld;
import io.hyperv4j.scvmm.sim.guest.MonitorStation;
import io.hyperv4j.scvmm.sim.guest.Seed001;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code hyperv --lab F monitor ...}: the lab's monitoring station (seed 001's remote monitor, its
 * alarm table and the management server), saved in the lab file with the guests. A refused command
 * leaves the file as it was.
 */
public final class MonitorNoun implements NounCommand {
    private static final String VM_HELP = "the VM (default 'SQL Server', else the lab's first VM with a guest service)";
    private static final List<Verb> VERBS = List.of(
            Verb.of("probe", "add ALARM [--vm VM] [--interval S] [--timeout S] | list").arg("ACTION").optionalArg("ALARM")
                    .option("--vm", "VM", VM_HELP)
                    .option("--interval", "S", "seconds between polls (default 60)").option("--timeout", "S", "connection timeout (default 6)"),
            Verb.of("alarm", "list | bind ACTION --alarm A [--vm VM] [--guard] (failover, restart, quick-migrate, live-migrate, start-service, stop-service, script)")
                    .arg("ACTION").optionalArg("NAME").option("--alarm", "A", "the alarm to bind to").option("--vm", "VM", VM_HELP)
                    .flag("--guard", "skip a failover the cluster has already done"),
            Verb.of("history", "every firing, action, result and skip"),
            Verb.of("run", "let simulated time pass, e.g. 'run 10m'").arg("DURATION"));

    @Override
    public String name() {
        return "monitor";
    }

    @Override
    public String summary() {
        return "seed 001's monitoring of a lab (--lab F; templates seed001-monitored, seed001-guest-cluster): probes, alarms bound to actions,"
                + " the failover guard, history";
    }

    @Override
    public List<Verb> verbs() {
        return VERBS;
    }

    @Override
    public void run(Verb verb, ParsedArgs args, CommandContext ctx) {
        refusedAsFailure(() -> {
            MonitorStation s = MonitorStation.of(ctx.lab());
            String vm = args.option("--vm").orElseGet(() -> defaultVm(s.guests()));
            String action = verb.name().equals("probe") || verb.name().equals("alarm") ? " " + args.arg("ACTION") : "";
            switch (verb.name() + action) {
                case "probe add" -> {
                    String alarm = args.optionalArg("ALARM").orElseThrow(() -> new UsageException("name the probe's alarm: monitor probe add ALARM"));
                    s.addProbe(alarm, vm, Duration.ofSeconds(args.longOption("--interval", Long.MIN_VALUE, Long.MAX_VALUE).orElse(60L)),
                            Duration.ofSeconds(args.longOption("--timeout", Long.MIN_VALUE, Long.MAX_VALUE).orElse(6L)));
                    ctx.out().println("probe " + alarm + " added on " + vm);
                }
                case "probe list", "alarm list" -> {
                    for (Alarm a : s.table().alarms())
                        ctx.out().println(a.name() + "  " + a.source() + "  " + a.vm() + "  " + (a.abnormal() ? "ABNORMAL" : "NORMAL")
                                + (a.since() == null ? "" : " since " + a.since()));
                    s.table().bindings().forEach(b -> ctx.out().println("  " + b));
                }
                case "alarm bind" -> {
                    String what = args.optionalArg("NAME").orElseThrow(() -> new UsageException("name the action: monitor alarm bind ACTION --alarm A"));
                    String alarm = args.option("--alarm").orElseThrow(() -> new UsageException("name the alarm: --alarm A"));
                    s.table().bind(alarm, vm, MonitorAction.parse(what, Seed001.SERVICE), args.flag("--guard"));
                    ctx.out().println(what + " bound to " + alarm + " on " + vm + (args.flag("--guard") ? " (guarded)" : ""));
                }
                case "history" -> s.table().history().forEach(e -> ctx.out().println(e));
                case "run" -> {
                    Duration d = Durations.parse("monitor", "DURATION", args.arg("DURATION"));
                    if (d.isZero() || d.isNegative()) throw new IllegalArgumentException("the time to run must be positive, got " + d);
                    ctx.lab().clock().advance(d);
                    ctx.out().println("now " + ctx.lab().clock().now());
                    status(s, ctx.out()::println);
                    List<MonitorEvent> h = s.table().history();
                    if (!h.isEmpty()) ctx.out().println("last: " + h.get(h.size() - 1));
                }
                default -> throw new UsageException("unknown " + verb.name() + " action '" + action.strip() + "'");
            }
        });
    }

    /** Each guest's VM, where it runs and its service; each guest cluster's active node. */
    static void status(MonitorStation s, Consumer<String> out) {
        for (String vm : s.guests().vms())
            out.accept(vm + " on " + s.server().owner(vm).orElse("?") + ", service " + s.guests().serviceState(vm));
        for (GuestCluster c : s.guests().clusters())
            out.accept("guest cluster " + c.name() + " (" + c.address() + "): active " + c.activeNode() + ", " + c.failovers().size() + " failover(s)");
    }

    static String defaultVm(GuestWorld guests) {
        List<String> vms = guests.vms();
        return vms.stream().filter(Seed001.VM::equalsIgnoreCase).findFirst().orElse(vms.isEmpty() ? Seed001.VM : vms.get(0));
    }

    /** Runs a command on the lab; a refusal fails the command (and, as any failed command, leaves the lab file as it was). */
    static void refusedAsFailure(Runnable command) {
        try {
            command.run();
        } catch (IllegalArgumentException | IllegalStateException | io.hyperv4j.HyperVException e) {
            throw new CommandFailedException(e.getMessage());
        }
    }
}
