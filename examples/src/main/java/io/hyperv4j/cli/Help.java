package io.hyperv4j.cli;

import java.io.PrintStream;
import java.util.Collection;

/** Usage text, generated from the nouns' verb declarations. */
final class Help {
    private Help() {}

    static void general(PrintStream to, Collection<NounCommand> nouns) {
        to.println("usage: hyperv [--lab FILE [--computer-name NAME]] [--host URI] [--json] NOUN VERB [ARGS]");
        to.println();
        to.println("Nouns:");
        int width = nouns.stream().mapToInt(n -> n.name().length()).max().orElse(4);
        for (NounCommand n : nouns) to.println("  " + pad(n.name(), width) + "  " + n.summary());
        to.println();
        to.println("Options:");
        GlobalOptions.USAGE.forEach(l -> to.println("  " + l));
        to.println();
        to.println("Credentials for --host come from HYPERV4J_USER and HYPERV4J_PASSWORD, or a prompt.");
        to.println("Run 'hyperv NOUN --help' for a noun's verbs.");
    }

    static void noun(PrintStream to, NounCommand noun) {
        to.println("usage:");
        for (Verb v : noun.verbs()) {
            to.println("  hyperv " + v.synopsis(noun.name()));
            to.println("      " + v.summary());
        }
        to.println("Run 'hyperv " + noun.name() + " VERB --help' for a verb's options.");
    }

    static void verb(PrintStream to, NounCommand noun, Verb verb) {
        to.println("usage: hyperv " + verb.synopsis(noun.name()));
        to.println("  " + verb.summary());
        if (!verb.options().isEmpty()) {
            to.println("options:");
            int width = verb.options().values().stream().mapToInt(o -> o.synopsis().length()).max().orElse(0);
            verb.options().values().forEach(o -> to.println("  " + pad(o.synopsis(), width) + "  " + o.help()));
        }
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
