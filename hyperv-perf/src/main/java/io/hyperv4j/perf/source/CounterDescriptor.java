package io.hyperv4j.perf.source;

import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.CounterType;

/**
 * A concrete counter on one host (no wildcards) with its raw type. Immutable.
 *
 * @param path the counter's full path
 * @param type how its raw values are cooked
 */
public record CounterDescriptor(CounterPath path, CounterType type) {
}
