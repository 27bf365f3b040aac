package io.hyperv4j.cli;

/**
 * One option of a verb: a flag ({@code valueName} null) or an option taking a value, which may be
 * given several times when {@code repeatable}.
 */
public record Option(String name, String valueName, String help, boolean repeatable) {

    public Option {
        if (!name.startsWith("--")) throw new IllegalArgumentException("option names start with --: " + name);
    }

    public boolean isFlag() {
        return valueName == null;
    }

    String synopsis() {
        String s = isFlag() ? name : name + " " + valueName;
        return repeatable ? s + " ..." : s;
    }
}
