package io.hyperv4j.perf;

import java.util.List;

/** A counter set (performance object) or counter that the catalog or the host does not have. */
public class UnknownCounterSetException extends PerfException {
    public UnknownCounterSetException(String what, String name, List<String> suggestions) {
        super("unknown " + what + " '" + name + "'" + (suggestions.isEmpty() ? "" : "; did you mean " + String.join(", ", suggestions) + "?"));
    }
}
