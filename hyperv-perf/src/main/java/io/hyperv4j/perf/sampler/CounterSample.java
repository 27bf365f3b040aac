package io.hyperv4j.perf.sampler;

import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.CounterType;
import io.hyperv4j.perf.PdhStatus;
import java.time.Instant;

/**
 * One counter's reading at one collection, with the fields of Get-Counter's
 * PerformanceCounterSample: Path, InstanceName, CookedValue, RawValue, SecondValue, CounterType,
 * Status (0 when valid, otherwise the PDH status; CookedValue is then NaN). Immutable.
 *
 * @param path         the counter's full path
 * @param instanceName the instance as Get-Counter shows it (lower case, with parent), "" when none
 * @param cookedValue  the value after PDH's counter math, NaN when not valid
 * @param rawValue     the raw FirstValue
 * @param secondValue  the raw SecondValue
 * @param counterType  how the value was cooked
 * @param status       0 when valid, otherwise the PDH status
 * @param timestamp    the collection's time
 */
public record CounterSample(CounterPath path, String instanceName, double cookedValue, long rawValue,
                            long secondValue, CounterType counterType, int status, Instant timestamp) {

    /**
     * Whether the reading is valid.
     *
     * @return true when the status is a valid PDH status
     */
    public boolean isValid() {
        return PdhStatus.isValid(status);
    }
}
