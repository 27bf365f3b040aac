package io.hyperv4j.cli;

import java.time.Duration;

/**
 * The {@code --watch} of a list verb ({@code vm list --watch}, {@code cluster group list --watch}):
 * after the list, the changes to what it lists printed as they happen, as {@code cim subscribe}
 * prints them, until --count changes or --timeout on the target's clock (default
 * {@link CimEvents#DEFAULT_TIMEOUT}).
 */
final class Watch {
    static final String FLAG = "--watch";

    private Watch() {}

    /** The verb with --watch, --count and --timeout. */
    static Verb options(Verb verb, String what) {
        return verb.flag(FLAG, "then print " + what + " as they happen (Ctrl-C, --count or --timeout ends it)")
                .option("--count", "N", "with --watch: stop after N changes")
                .option("--timeout", "DURATION", "with --watch: stop after this long on the target's clock (default "
                        + CimEvents.DEFAULT_TIMEOUT.toMinutes() + "m)");
    }

    /** When --watch was given: prints the events of {@code wql} (creations, changes, deletions) until --count or --timeout. */
    static void follow(CommandContext ctx, ParsedArgs args, String noun, String namespace, String wql) {
        if (!args.flag(FLAG)) {
            if (args.option("--count").isPresent() || args.option("--timeout").isPresent())
                throw new UsageException(noun, "--count and --timeout go with --watch");
            return;
        }
        long count = args.option("--count").map(t -> CimNoun.count(noun, t)).orElse(Long.MAX_VALUE);
        Duration timeout = args.option("--timeout").map(t -> Durations.parse(noun, "--timeout", t)).orElse(CimEvents.DEFAULT_TIMEOUT);
        CimEvents.print(ctx, namespace, wql, count, timeout);
    }
}
