package io.hyperv4j.cli;

import java.util.List;

/**
 * One noun of the {@code hyperv} tool ({@code vm}, {@code cim}, {@code lab}, ...). To add one,
 * implement this interface and add its name and constructor to {@link Nouns}' table.
 * <p>The framework parses the command line against {@link #verbs()}, so a noun only acts:
 * it reads its arguments from {@link ParsedArgs}, talks to the host through
 * {@link CommandContext#session()} or {@link CommandContext#hyperV()}, and prints through
 * {@link CommandContext#output()}. It signals a wrong command line with {@link UsageException}
 * (exit 2) and a failed operation with any {@link io.hyperv4j.HyperVException} or
 * {@link CommandFailedException} (exit 1).
 */
public interface NounCommand {

    /** The noun as typed: lower case, no spaces. */
    String name();

    /** One line for {@code hyperv help}. */
    String summary();

    /** The verbs, in the order usage lists them. */
    List<Verb> verbs();

    /**
     * The verb named {@code name} ({@code ""} for the noun's default verb), or null when it has none.
     * The command line needs only this; a noun with many verbs overrides it to declare just that one.
     */
    default Verb verb(String name) {
        for (Verb v : verbs()) {
            if (v.name().equals(name)) return v;
        }
        return null;
    }

    /** Runs {@code verb} (one of {@link #verbs()}, as {@link #verb} gave it). */
    void run(Verb verb, ParsedArgs args, CommandContext ctx);
}
