package io.hyperv4j.cli;

import io.hyperv4j.examples.Tour;
import java.util.List;

/** {@code hyperv tour [--speed N]}: the narrated session of {@link Tour}, on its own fresh lab. */
public final class TourNoun implements NounCommand {
    private static final Verb TOUR = Verb.of("", "A short narrated session on a fresh simulated host: create, start,"
            + " pause, save, restore, shut down and remove a VM")
            .option("--speed", "N", "run the simulated clock at N x real time (60: a minute per second);"
                    + " default: virtual clock, as fast as possible");

    @Override
    public String name() {
        return "tour";
    }

    @Override
    public String summary() {
        return "a short narrated session on a fresh simulated host";
    }

    @Override
    public List<Verb> verbs() {
        return List.of(TOUR);
    }

    @Override
    public void run(Verb verb, ParsedArgs args, CommandContext ctx) {
        double speed = args.doubleOption("--speed", 0, 100_000).orElse(0.0);
        if (!new Tour(ctx.out(), speed, ctx.env().terminal()).run())
            throw new CommandFailedException("the tour did not observe every expected state");
    }
}
