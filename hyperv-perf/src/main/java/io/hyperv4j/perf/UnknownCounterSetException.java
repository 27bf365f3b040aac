package io.hyperv4j.perf;

import java.util.List;

/** A counter set (performance object) or counter that the catalog or the host does not have. Immutable. */
public class UnknownCounterSetException extends PerfException {
    /**
     * @param what        what kind of name, e.g. "counter set"
     * @param name        the unknown name
     * @param suggestions similar known names, possibly none
     */
    public UnknownCounterSetException(String what, String name, List<String> suggestions) {
        super("unknown " + what + " '" + name + "'" + (suggestions.isEmpty() ? "" : "; did you mean " + String.join(", ", suggestions) + "?"));
    }
}
