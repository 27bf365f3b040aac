package io.hyperv4j.vm;

import java.time.Duration;
import java.util.Objects;

/**
 * One aggregated metric of a VM, as Measure-VM reports it (an Msvm_AggregationMetricValue with its
 * Msvm_AggregationMetricDefinition).
 *
 * @param name     the definition's name, e.g. {@code Aggregated Average Memory Utilization}
 * @param units    the definition's units, e.g. {@code Megabytes}
 * @param value    the aggregated value (MetricValue)
 * @param interval how long the value was aggregated over (AggregationDuration): since collection was enabled or reset
 */
public record MetricReading(String name, String units, long value, Duration interval) {
    /**
     * Checks the parts.
     *
     * @param name     the definition's name
     * @param units    the definition's units
     * @param value    the aggregated value
     * @param interval how long the value was aggregated over
     * @throws NullPointerException when a part is null
     */
    public MetricReading {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(units, "units");
        Objects.requireNonNull(interval, "interval");
    }
}
