package io.hyperv4j.perf.sampler;

import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.CounterType;
import io.hyperv4j.perf.PdhStatus;
import java.time.Instant;

/**
 * One counter's reading at one collection, with the fields of Get-Counter's
 * PerformanceCounterSample: Path, InstanceName, CookedValue, RawValue, SecondValue, CounterType,
 * Status (0 when valid, otherwise the PDH status; CookedValue is then NaN).
 */
public record CounterSample(CounterPath path, String instanceName, double cookedValue, long rawValue,
                            long secondValue, CounterType counterType, int status, Instant timestamp) {

    public boolean isValid() {
        return PdhStatus.isValid(status);
    }
}
