package io.hyperv4j.perf;

import java.util.List;
import java.util.Optional;

/**
 * A counter set (performance object): its English name, whether it has instances, the WMI raw
 * class that carries it, and its counters.
 */
public record CounterSetDefinition(String name, String description, boolean multiInstance, String wmiRawClass,
                                   List<CounterDefinition> counters) {

    public CounterSetDefinition {
        counters = List.copyOf(counters);
    }

    public Optional<CounterDefinition> counter(String counterName) {
        return counters.stream().filter(c -> c.name().equalsIgnoreCase(counterName)).findFirst();
    }
}
