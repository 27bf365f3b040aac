package io.hyperv4j.cli;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A verb's arguments after parsing; conversions fail with a {@link UsageException} naming the option. */
public final class ParsedArgs {
    private final String noun;
    private final Map<String, String> args;
    private final Map<String, List<String>> options;

    ParsedArgs(String noun, Map<String, String> args, Map<String, List<String>> options) {
        this.noun = noun;
        this.args = Map.copyOf(args);
        this.options = Map.copyOf(options);
    }

    /** A positional argument by its declared name; present when the verb declares it required. */
    public String arg(String name) {
        String v = args.get(name);
        if (v == null) throw new UsageException(noun, "missing argument " + name);
        return v;
    }

    public Optional<String> optionalArg(String name) {
        return Optional.ofNullable(args.get(name));
    }

    public Optional<String> option(String name) {
        List<String> v = options.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(v.size() - 1));
    }

    public List<String> options(String name) {
        return options.getOrDefault(name, List.of());
    }

    public boolean flag(String name) {
        return options.containsKey(name);
    }

    public Optional<Long> longOption(String name, long min, long max) {
        Optional<String> v = option(name);
        if (v.isEmpty()) return Optional.empty();
        try {
            long l = Long.parseLong(v.get().trim());
            if (l < min || l > max)
                throw new UsageException(noun, "option " + name + " must be between " + min + " and " + max + ", got " + l);
            return Optional.of(l);
        } catch (NumberFormatException e) {
            throw new UsageException(noun, "option " + name + " needs a whole number, got '" + v.get() + "'");
        }
    }

    /** A size such as {@code 2GB}, {@code 1024MB} or a byte count, in bytes. */
    public Optional<Long> sizeOption(String name) {
        Optional<String> v = option(name);
        if (v.isEmpty()) return Optional.empty();
        try {
            return Optional.of(Sizes.parse(v.get()));
        } catch (IllegalArgumentException e) {
            throw new UsageException(noun, "option " + name + ": " + e.getMessage());
        }
    }

    public Optional<Double> doubleOption(String name, double min, double max) {
        Optional<String> v = option(name);
        if (v.isEmpty()) return Optional.empty();
        try {
            double d = Double.parseDouble(v.get().trim());
            if (!(d >= min && d <= max))
                throw new UsageException(noun, "option " + name + " must be between " + min + " and " + max + ", got " + v.get());
            return Optional.of(d);
        } catch (NumberFormatException e) {
            throw new UsageException(noun, "option " + name + " needs a number, got '" + v.get() + "'");
        }
    }
}
