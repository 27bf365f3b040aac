package io.hyperv4j.cli;

import io.hyperv4j.examples.monitor.MonitorSession;
import io.hyperv4j.scvmm.monitor.Alarm;
import io.hyperv4j.scvmm.monitor.MonitorEvent;
import io.hyperv4j.scvmm.sim.guest.Seed001;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code hyperv monitor ...}: seed 001's monitored host cluster with an alarm table, kept in a session
 * file ({@code --file}, default monitor.json) that every run replays on the virtual clock.
 */
public final class MonitorNoun implements NounCommand {
    static final String FILE_HELP = "the monitor session file (default monitor.json; created on first use)";
    private static final List<Verb> VERBS = List.of(
            Verb.of("probe", "add ALARM [--vm VM] [--interval S] [--timeout S] | list").arg("ACTION").optionalArg("ALARM")
                    .option("--vm", "VM", "the VM whose service is probed (default 'SQL Server')")
                    .option("--interval", "S", "seconds between polls (default 60)").option("--timeout", "S", "connection timeout (default 6)")
                    .option("--file", "FILE", FILE_HELP),
            Verb.of("alarm", "list | bind ACTION --alarm A [--vm VM] [--guard] (failover, restart, quick-migrate, live-migrate, start-service, script)")
                    .arg("ACTION").optionalArg("NAME").option("--alarm", "A", "the alarm to bind to").option("--vm", "VM", "the VM (default 'SQL Server')")
                    .flag("--guard", "skip a failover the cluster has already done").option("--file", "FILE", FILE_HELP),
            Verb.of("history", "every firing, action, result and skip").option("--file", "FILE", FILE_HELP),
            Verb.of("run", "let simulated time pass, e.g. 'run 10m'").arg("DURATION").option("--file", "FILE", FILE_HELP));

    @Override
    public String name() {
        return "monitor";
    }

    @Override
    public String summary() {
        return "seed 001's monitored host cluster: probes, alarms bound to actions, the failover guard, history";
    }

    @Override
    public List<Verb> verbs() {
        return VERBS;
    }

    static MonitorSession open(ParsedArgs args) {
        return MonitorSession.open(Path.of(args.option("--file").orElse("monitor.json")));
    }

    @Override
    public void run(Verb verb, ParsedArgs args, CommandContext ctx) {
        MonitorSession s = open(args);
        try {
            String vm = args.option("--vm").orElse(Seed001.VM);
            String action = verb.name().equals("probe") || verb.name().equals("alarm") ? " " + args.arg("ACTION") : "";
            switch (verb.name() + action) {
                case "probe add" -> {
                    String alarm = args.optionalArg("ALARM").orElseThrow(() -> new UsageException("name the probe's alarm: monitor probe add ALARM"));
                    s.addProbe(alarm, vm, args.longOption("--interval", Long.MIN_VALUE, Long.MAX_VALUE).orElse(60L),
                            args.longOption("--timeout", Long.MIN_VALUE, Long.MAX_VALUE).orElse(6L));
                    ctx.out().println("probe " + alarm + " added on " + vm);
                }
                case "probe list", "alarm list" -> {
                    for (Alarm a : s.world().table().alarms())
                        ctx.out().println(a.name() + "  " + a.source() + "  " + a.vm() + "  " + (a.abnormal() ? "ABNORMAL" : "NORMAL")
                                + (a.since() == null ? "" : " since " + a.since()));
                    s.world().table().bindings().forEach(b -> ctx.out().println("  " + b));
                }
                case "alarm bind" -> {
                    String what = args.optionalArg("NAME").orElseThrow(() -> new UsageException("name the action: monitor alarm bind ACTION --alarm A"));
                    String alarm = args.option("--alarm").orElseThrow(() -> new UsageException("name the alarm: --alarm A"));
                    s.bind(alarm, vm, what, args.flag("--guard"));
                    ctx.out().println(what + " bound to " + alarm + " on " + vm + (args.flag("--guard") ? " (guarded)" : ""));
                }
                case "history" -> s.world().table().history().forEach(e -> ctx.out().println(e));
                case "run" -> {
                    s.run(Durations.parse("monitor", "DURATION", args.arg("DURATION")));
                    ctx.out().println("now " + s.world().now() + "; " + Seed001.VM + " on " + s.world().server().owner(Seed001.VM).orElse("?")
                            + ", service " + s.world().guests().serviceState(Seed001.VM));
                    List<MonitorEvent> h = s.world().table().history();
                    if (!h.isEmpty()) ctx.out().println("last: " + h.get(h.size() - 1));
                }
                default -> throw new UsageException("unknown " + verb.name() + " action '" + action.strip() + "'");
            }
        } catch (IllegalArgumentException | io.hyperv4j.HyperVException e) {
            throw new CommandFailedException(e.getMessage());
        } finally {
            s.close();
        }
    }
}
