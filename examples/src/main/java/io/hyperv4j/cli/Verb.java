package io.hyperv4j.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one verb of a noun accepts: positional arguments (required ones first, then optional ones)
 * and options. The framework parses and checks the command line against it, so every noun reports
 * usage errors the same way and its usage text is generated from the same declaration.
 * A verb named "" is the noun's default, run when no verb is given ({@code hyperv tour}).
 */
public final class Verb {
    private final String name;
    private final String summary;
    private final List<String> required = new ArrayList<>();
    private final List<String> optional = new ArrayList<>();
    private final Map<String, Option> options = new LinkedHashMap<>();

    private Verb(String name, String summary) {
        this.name = name;
        this.summary = summary;
    }

    public static Verb of(String name, String summary) {
        return new Verb(name, summary);
    }

    /** A required positional argument, e.g. {@code NAME}. */
    public Verb arg(String name) {
        if (!optional.isEmpty()) throw new IllegalStateException("required arguments come before optional ones");
        required.add(name);
        return this;
    }

    public Verb optionalArg(String name) {
        optional.add(name);
        return this;
    }

    public Verb option(String name, String valueName, String help) {
        return add(new Option(name, valueName, help, false));
    }

    public Verb repeatableOption(String name, String valueName, String help) {
        return add(new Option(name, valueName, help, true));
    }

    public Verb flag(String name, String help) {
        return add(new Option(name, null, help, false));
    }

    private Verb add(Option o) {
        if (options.putIfAbsent(o.name(), o) != null) throw new IllegalStateException("duplicate option " + o.name());
        return this;
    }

    public String name() {
        return name;
    }

    public String summary() {
        return summary;
    }

    public List<String> requiredArgs() {
        return Collections.unmodifiableList(required);
    }

    public List<String> optionalArgs() {
        return Collections.unmodifiableList(optional);
    }

    public Map<String, Option> options() {
        return Collections.unmodifiableMap(options);
    }

    /** {@code vm new NAME [--cpu N] [--memory SIZE]} */
    public String synopsis(String noun) {
        StringBuilder b = new StringBuilder(noun);
        if (!name.isEmpty()) b.append(' ').append(name);
        required.forEach(a -> b.append(' ').append(a));
        optional.forEach(a -> b.append(" [").append(a).append(']'));
        options.values().forEach(o -> b.append(" [").append(o.synopsis()).append(']'));
        return b.toString();
    }

    /**
     * Parses the tokens after the verb. {@code globals} takes the tool's own options found among
     * them ({@code --json} after the verb works too) and says how many tokens it used.
     */
    ParsedArgs parse(String noun, List<String> tokens, GlobalOptions globals) {
        List<String> positional = new ArrayList<>();
        Map<String, List<String>> values = new LinkedHashMap<>();
        boolean onlyPositional = false;
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (onlyPositional || !t.startsWith("--") || t.equals("-")) {
                if (!onlyPositional && t.startsWith("-") && t.length() > 1 && !isNumber(t)) {
                    int used = globals.accept(tokens, i);
                    if (used > 0) {
                        i += used - 1;
                        continue;
                    }
                    throw new UsageException(noun, "unknown option '" + Cli.optionName(t) + "' for '" + synopsisHead(noun) + "'");
                }
                positional.add(t);
                continue;
            }
            if (t.equals("--")) {
                onlyPositional = true;
                continue;
            }
            String optName = t;
            String inlineValue = null;
            int eq = t.indexOf('=');
            if (eq > 0) {
                optName = t.substring(0, eq);
                inlineValue = t.substring(eq + 1);
            }
            Option o = options.get(optName);
            if (o == null) {
                int used = globals.accept(tokens, i);
                if (used > 0) {
                    i += used - 1;
                    continue;
                }
                throw new UsageException(noun, "unknown option '" + optName + "' for '" + synopsisHead(noun) + "'");
            }
            String value;
            if (o.isFlag()) {
                if (inlineValue != null) throw new UsageException(noun, "option " + o.name() + " takes no value");
                value = "true";
            } else if (inlineValue != null) {
                value = inlineValue;
            } else {
                if (i + 1 >= tokens.size()) throw new UsageException(noun, "option " + o.name() + " needs a value " + o.valueName());
                value = tokens.get(++i);
            }
            List<String> list = values.computeIfAbsent(o.name(), k -> new ArrayList<>());
            if (!list.isEmpty() && !o.repeatable()) throw new UsageException(noun, "option " + o.name() + " given more than once");
            list.add(value);
        }
        if (positional.size() < required.size())
            throw new UsageException(noun, "missing argument " + required.get(positional.size()) + " for '" + synopsisHead(noun) + "'");
        if (positional.size() > required.size() + optional.size())
            throw new UsageException(noun, "unexpected argument '" + positional.get(required.size() + optional.size())
                    + "' for '" + synopsisHead(noun) + "'");
        Map<String, String> args = new LinkedHashMap<>();
        for (int i = 0; i < positional.size(); i++) {
            String argName = i < required.size() ? required.get(i) : optional.get(i - required.size());
            args.put(argName, positional.get(i));
        }
        return new ParsedArgs(noun, args, values);
    }

    private String synopsisHead(String noun) {
        return name.isEmpty() ? noun : noun + " " + name;
    }

    private static boolean isNumber(String t) {
        return t.matches("-\\d+(\\.\\d+)?");
    }
}
