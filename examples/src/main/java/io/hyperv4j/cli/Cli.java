package io.hyperv4j.cli;

import io.hyperv4j.HyperVException;
import io.hyperv4j.spi.Redaction;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The {@code hyperv} tool: {@code hyperv [--lab FILE [--computer-name NAME]] [--host URI] [--json] NOUN VERB [ARGS]}.
 * Finds the noun, parses the verb's arguments, runs it, and turns the outcome into an exit code:
 * 0 success, 1 the operation failed, 2 the command line was wrong.
 */
public final class Cli {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    /** The nouns' names, sorted; each noun is made on first use by {@link #make}. */
    private final List<String> names;
    private final Function<String, NounCommand> make;
    private final Map<String, NounCommand> made = new HashMap<>();
    private final PrintStream out;
    private final PrintStream err;
    private final Environment env;

    public Cli(List<NounCommand> nouns, PrintStream out, PrintStream err, Environment env) {
        this(byName(nouns), out, err, env);
    }

    private Cli(Map<String, NounCommand> byName, PrintStream out, PrintStream err, Environment env) {
        this(List.copyOf(byName.keySet()), byName::get, out, err, env);
    }

    private Cli(List<String> names, Function<String, NounCommand> make, PrintStream out, PrintStream err, Environment env) {
        this.names = names;
        this.make = make;
        this.out = out;
        this.err = err;
        this.env = env;
    }

    private static Map<String, NounCommand> byName(List<NounCommand> nouns) {
        Map<String, NounCommand> byName = new TreeMap<>();
        for (NounCommand n : nouns) {
            NounCommand other = byName.putIfAbsent(n.name(), n);
            if (other != null)
                throw new IllegalStateException("two nouns named '" + n.name() + "': "
                        + other.getClass().getName() + " and " + n.getClass().getName());
        }
        return byName;
    }

    /** The tool with every noun of {@link Nouns}: a command makes only the noun it names. */
    public static Cli withInstalledNouns(PrintStream out, PrintStream err, Environment env) {
        return new Cli(Nouns.NAMES, Nouns::create, out, err, env);
    }

    /** Every noun by name, in name order. */
    public Map<String, NounCommand> nouns() {
        Map<String, NounCommand> all = new LinkedHashMap<>();
        for (String name : names) all.put(name, noun(name));
        return Collections.unmodifiableMap(all);
    }

    /** The noun named {@code name}, or null when there is none. */
    private NounCommand noun(String name) {
        return names.contains(name) ? made.computeIfAbsent(name, make) : null;
    }

    public int run(String... args) {
        GlobalOptions globals = new GlobalOptions();
        String nounName = null;
        try {
            List<String> tokens = Arrays.asList(args);
            int i = 0;
            while (i < tokens.size() && tokens.get(i).startsWith("-")) {
                int used = globals.accept(tokens, i);
                if (used == 0) throw new UsageException("unknown option '" + optionName(tokens.get(i)) + "'");
                i += used;
            }
            if (i == tokens.size()) {
                if (globals.help) {
                    Help.general(out, nouns().values());
                    return OK;
                }
                throw new UsageException("missing NOUN");
            }
            nounName = tokens.get(i++);
            if (nounName.equals("help")) return help(tokens.subList(i, tokens.size()));
            NounCommand noun = noun(nounName);
            if (noun == null) {
                String unknown = nounName;
                nounName = null;
                throw new UsageException("unknown noun '" + unknown + "'");
            }
            Verb verb = findVerb(noun, tokens, i);
            if (verb == null) {
                Help.noun(out, noun);
                return OK;
            }
            if (!verb.name().isEmpty()) i++;
            ParsedArgs parsed;
            if (asksForHelp(tokens.subList(i, tokens.size()))) {
                Help.verb(out, noun, verb);
                return OK;
            }
            parsed = verb.parse(noun.name(), tokens.subList(i, tokens.size()), globals);
            try (CommandContext ctx = new CommandContext(out, err, globals, env)) {
                try {
                    noun.run(verb, parsed, ctx);
                } catch (RuntimeException e) {
                    ctx.discardLab(); // a refused or failed command changes nothing: the lab file stays as it was
                    throw e;
                }
            }
            return OK;
        } catch (UsageException e) {
            UsageException u = nounName == null ? e : e.forNoun(nounName);
            err.println("hyperv: " + Redaction.shorten(u.getMessage()));
            NounCommand n = u.noun() == null ? null : noun(u.noun());
            if (n != null) Help.noun(err, n);
            else Help.general(err, nouns().values());
            return USAGE;
        } catch (HyperVException | CommandFailedException e) {
            return failed(e, globals);
        } catch (RuntimeException e) {
            return failed(e, globals);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** An option as messages may show it: its name without any {@code =VALUE} (which might be a mistyped --host URI). */
    static String optionName(String token) {
        int eq = token.indexOf('=');
        return Redaction.printable(eq < 0 ? token : token.substring(0, eq));
    }

    private int failed(RuntimeException e, GlobalOptions globals) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : Redaction.shorten(e.getMessage());
        // IllegalArgumentException: the library refused a value before asking the host (a VM spec, a timeout)
        boolean expected = e instanceof HyperVException || e instanceof CommandFailedException || e instanceof IllegalArgumentException;
        err.println("hyperv: " + (expected ? "" : "internal error: ") + message);
        if (globals.debug) e.printStackTrace(err);
        else if (!expected) err.println("hyperv: run with --debug for the stack trace");
        return FAILED;
    }

    private static boolean asksForHelp(List<String> tokens) {
        return tokens.contains("--help") || tokens.contains("-h");
    }

    /** The verb at tokens[i]; the default verb when none is named; null to show the noun's usage. */
    private static Verb findVerb(NounCommand noun, List<String> tokens, int i) {
        Verb fallback = noun.verb("");
        if (i >= tokens.size()) {
            if (fallback != null) return fallback;
            throw new UsageException(noun.name(), "missing VERB for '" + noun.name() + "'");
        }
        String t = tokens.get(i);
        Verb named = t.isEmpty() ? null : noun.verb(t);
        if (named != null) return named;
        if (t.startsWith("-")) {
            if (fallback != null) return fallback;
            if (t.equals("--help") || t.equals("-h")) return null;
            throw new UsageException(noun.name(), "missing VERB for '" + noun.name() + "' before '" + t + "'");
        }
        throw new UsageException(noun.name(), "unknown verb '" + t + "' for '" + noun.name() + "'");
    }

    private int help(List<String> rest) {
        if (rest.isEmpty()) {
            Help.general(out, nouns().values());
            return OK;
        }
        NounCommand n = noun(rest.get(0));
        if (n == null) throw new UsageException("unknown noun '" + rest.get(0) + "'");
        Help.noun(out, n);
        return OK;
    }
}
