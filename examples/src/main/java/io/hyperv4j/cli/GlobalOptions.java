package io.hyperv4j.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * The tool's own options, accepted before the noun and among a verb's arguments:
 * {@code --lab FILE}, {@code --host URI}, {@code --computer-name NAME}, {@code --json}, {@code --debug}, {@code --help}.
 */
final class GlobalOptions {
    Path lab;
    String host;
    /** PowerShell's -ComputerName: which host of the lab a command acts on (default its first). */
    String computerName;
    boolean json;
    boolean debug;
    boolean help;

    static final List<String> USAGE = List.of(
            "--lab FILE             work on a simulated lab kept in FILE (or set HYPERV4J_LAB)",
            "--host URI             connect to a host: wmi://server, wmi://., wsman[s]://server[:port], sim:...",
            "--computer-name NAME   the lab host a command acts on (default: the lab's first host)",
            "--json                 print results as JSON on stdout",
            "--debug                show stack traces of failures",
            "--help, -h             show usage");

    /**
     * Takes a global option at {@code tokens[i]}; returns how many tokens it used, 0 when
     * {@code tokens[i]} is not one.
     */
    int accept(List<String> tokens, int i) {
        String t = tokens.get(i);
        String name = t;
        String inline = null;
        int eq = t.indexOf('=');
        if (t.startsWith("--") && eq > 0) {
            name = t.substring(0, eq);
            inline = t.substring(eq + 1);
        }
        switch (name) {
            case "--json" -> json = true;
            case "--debug" -> debug = true;
            case "--help", "-h" -> help = true;
            case "--lab", "--host", "--computer-name" -> {
                String value = inline;
                int used = 1;
                if (value == null) {
                    if (i + 1 >= tokens.size()) throw new UsageException("option " + name + " needs a value");
                    value = tokens.get(i + 1);
                    used = 2;
                }
                if (value.isBlank()) throw new UsageException("option " + name + " needs a value");
                if (name.equals("--lab")) {
                    if (lab != null) throw new UsageException("option --lab given more than once");
                    lab = Path.of(value);
                } else if (name.equals("--host")) {
                    if (host != null) throw new UsageException("option --host given more than once");
                    host = value;
                } else {
                    if (computerName != null) throw new UsageException("option --computer-name given more than once");
                    computerName = value;
                }
                return used;
            }
            default -> {
                return 0;
            }
        }
        if (inline != null) throw new UsageException("option " + name + " takes no value");
        return 1;
    }
}
