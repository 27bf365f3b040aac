package io.hyperv4j.cli;

import io.hyperv4j.scvmm.sim.guest.FaultLocation;
import io.hyperv4j.scvmm.sim.guest.MonitorStation;
import java.util.Arrays;
import java.util.List;

/** {@code hyperv --lab F fault inject LOCATION --host H | --vm V [--hang|--graceful]}: seed 001's Table 5-1 faults, saved with the lab. */
public final class FaultNoun implements NounCommand {
    private static final List<Verb> VERBS = List.of(Verb.of("inject", "LOCATION --host H | --vm V [--hang | --graceful]; locations: "
                    + String.join(", ", Arrays.stream(FaultLocation.values()).map(FaultLocation::cliName).toList()))
            .arg("LOCATION").option("--host", "H", "the host a hardware or host-software fault hits")
            .option("--vm", "V", "the VM whose guest a guest fault hits").flag("--hang", "guest-os: a hang that still answers heartbeats, not a crash")
            .flag("--graceful", "application: the service is stopped (Running, Stopping, Stopped), as the paper did, not killed"));

    @Override
    public String name() {
        return "fault";
    }

    @Override
    public String summary() {
        return "inject seed 001's faults (Table 5-1) into a lab (--lab F)";
    }

    @Override
    public List<Verb> verbs() {
        return VERBS;
    }

    @Override
    public void run(Verb verb, ParsedArgs args, CommandContext ctx) {
        MonitorNoun.refusedAsFailure(() -> {
            FaultLocation location = FaultLocation.parse(args.arg("LOCATION"));
            String host = args.option("--host").orElse(null), vm = args.option("--vm").orElse(null);
            if ((host == null) == (vm == null)) throw new IllegalArgumentException("name exactly one of --host and --vm");
            MonitorStation s = MonitorStation.of(ctx.lab());
            if (args.flag("--graceful") && location != FaultLocation.APPLICATION)
                throw new IllegalArgumentException("--graceful stops the application's service; it does not apply to " + location.cliName());
            if (host != null) s.faults().injectHost(location, host);
            else if (args.flag("--graceful")) s.faults().stopService(vm);
            else s.faults().injectVm(location, vm, args.flag("--hang"));
            ctx.out().println(location.label() + " fault injected at " + ctx.lab().clock().now());
        });
    }
}
