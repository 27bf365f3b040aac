package io.hyperv4j.perf.internal;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.perf.pdh.PdhCounterSource;
import io.hyperv4j.perf.sim.LabCounterSource;
import io.hyperv4j.perf.source.CounterSource;
import io.hyperv4j.perf.wmi.WmiRawCounterSource;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.spi.HostCapability;
import java.util.Locale;
import java.util.Set;

/**
 * Gives every host its performance counters ({@code host.capability(CounterSource.class)}), the
 * source chosen for the host so the caller never does: a simulated host's counter model on the
 * lab's clock; PDH for the Windows machine the program runs on; WMI's raw performance classes over
 * the host's own session (its credentials) for a remote one. Found by {@link java.util.ServiceLoader}.
 */
public final class CounterSourceCapability implements HostCapability<CounterSource> {
    private static final Set<String> LOCAL = Set.of("localhost", ".", "127.0.0.1", "::1");

    @Override
    public Class<CounterSource> type() {
        return CounterSource.class;
    }

    @Override
    public CounterSource open(HyperVHost host) {
        return Lab.of(host.session()).<CounterSource>map(lab -> LabCounterSource.builder(lab, host.name()).build())
                .orElseGet(() -> isLocal(host) ? new PdhCounterSource(".") : new WmiRawCounterSource(host.session()));
    }

    private static boolean isLocal(HyperVHost host) {
        String h = host.uri().getHost();
        return h == null || LOCAL.contains(h.toLowerCase(Locale.ROOT));
    }
}
