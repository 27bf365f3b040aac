package io.hyperv4j.perf.source;

import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.CounterType;

/** A concrete counter on one host (no wildcards) with its raw type. */
public record CounterDescriptor(CounterPath path, CounterType type) {
}
