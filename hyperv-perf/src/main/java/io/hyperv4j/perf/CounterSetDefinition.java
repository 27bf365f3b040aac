package io.hyperv4j.perf;

import java.util.List;
import java.util.Optional;

/**
 * A counter set (performance object): its English name, whether it has instances, the WMI raw
 * class that carries it, and its counters. Immutable.
 *
 * @param name          the English name, e.g. "Hyper-V Hypervisor Logical Processor"
 * @param description   what it measures
 * @param multiInstance whether it has instances
 * @param wmiRawClass   the Win32_PerfRawData class carrying it
 * @param counters      its counters
 */
public record CounterSetDefinition(String name, String description, boolean multiInstance, String wmiRawClass,
                                   List<CounterDefinition> counters) {

    /**
     * Copies the counters.
     *
     * @param name          the English name
     * @param description   what it measures
     * @param multiInstance whether it has instances
     * @param wmiRawClass   the WMI raw class
     * @param counters      its counters
     */
    public CounterSetDefinition {
        counters = List.copyOf(counters);
    }

    /**
     * A counter by name, ignoring case.
     *
     * @param counterName the English counter name
     * @return the counter, or empty
     */
    public Optional<CounterDefinition> counter(String counterName) {
        return counters.stream().filter(c -> c.name().equalsIgnoreCase(counterName)).findFirst();
    }
}
