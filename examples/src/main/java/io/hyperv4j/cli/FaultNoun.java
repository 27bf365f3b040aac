package io.hyperv4j.cli;

import io.hyperv4j.examples.monitor.MonitorSession;
import io.hyperv4j.scvmm.sim.guest.FaultLocation;
import java.util.Arrays;
import java.util.List;

/** {@code hyperv fault inject LOCATION --host H | --vm V [--hang]}: seed 001's Table 5-1 faults, into the monitor session. */
public final class FaultNoun implements NounCommand {
    private static final List<Verb> VERBS = List.of(Verb.of("inject", "LOCATION --host H | --vm V [--hang]; locations: "
                    + String.join(", ", Arrays.stream(FaultLocation.values()).map(FaultLocation::cliName).toList()))
            .arg("LOCATION").option("--host", "H", "the host a hardware or host-software fault hits")
            .option("--vm", "V", "the VM whose guest a guest fault hits").flag("--hang", "guest-os: a hang that still answers heartbeats, not a crash")
            .option("--file", "FILE", MonitorNoun.FILE_HELP));

    @Override
    public String name() {
        return "fault";
    }

    @Override
    public String summary() {
        return "inject seed 001's faults (Table 5-1) into the monitor session";
    }

    @Override
    public List<Verb> verbs() {
        return VERBS;
    }

    @Override
    public void run(Verb verb, ParsedArgs args, CommandContext ctx) {
        MonitorSession s = MonitorNoun.open(args);
        try {
            String location = args.arg("LOCATION");
            s.inject(location, args.option("--host").orElse(null), args.option("--vm").orElse(null), args.flag("--hang"));
            ctx.out().println(FaultLocation.parse(location).label() + " fault injected at " + s.world().now());
        } catch (IllegalArgumentException | io.hyperv4j.HyperVException e) {
            throw new CommandFailedException(e.getMessage());
        } finally {
            s.close();
        }
    }
}
