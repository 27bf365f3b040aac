package io.hyperv4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.examples.Tour;
import java.util.List;

/** {@code hyperv tour [--speed N]}: the narrated session of {@link Tour}, on its own fresh lab. */
public final class TourNoun implements NounCommand {
    private static final Verb TOUR = Verb.of("", "A short narrated session on a fresh simulated host: create, start,"
            + " pause, save, restore, shut down and remove a VM")
            .option("--speed", "N", "run the simulated clock at N x real time (5: each bar fills in about a second);"
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
        // With --json the narration goes to stderr and stdout carries only the summary.
        Tour tour = new Tour(ctx.json() ? ctx.err() : ctx.out(), speed, ctx.env().terminal());
        boolean ok = tour.run();
        if (ctx.json()) ctx.output().printJson(summary(tour, ok));
        if (!ok) throw new CommandFailedException("the tour did not observe every expected state");
    }

    private static ObjectNode summary(Tour tour, boolean ok) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("Ok", ok);
        o.put("Passed", tour.steps().stream().filter(Tour.Step::ok).count());
        o.put("Steps", tour.totalSteps());
        ArrayNode steps = o.putArray("Results");
        for (Tour.Step s : tour.steps()) {
            steps.addObject().put("Step", s.number()).put("Title", s.title()).put("Check", s.check())
                    .put("Observed", s.observed()).put("Expected", s.expected()).put("Ok", s.ok())
                    .put("SimulatedMilliseconds", s.simulated().toMillis());
        }
        return o;
    }
}
