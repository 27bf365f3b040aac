package io.hyperv4j.spi;

import io.hyperv4j.HyperVHost;

/**
 * The one way a module adds a capability to a {@link HyperVHost}: failover clustering,
 * performance counters, and whatever comes next. Found through {@link java.util.ServiceLoader}
 * (list the class in {@code META-INF/services/io.hyperv4j.spi.HostCapability}); users reach it
 * with {@link HyperVHost#capability(Class)} or {@link HyperVHost#findCapability(Class)}, so a
 * module needs no static factory of its own.
 * <p>{@link #open} receives the host, whose {@link HyperVHost#session() session} it works through
 * and whose {@link HyperVHost#options() ConnectOptions} give every default timeout. The host keeps
 * the first handle opened for a type and hands out that one from then on (two threads asking at
 * once may both open one; the other is dropped), so it may read the host, but it must not hold
 * resources the host's {@code close()} would not release.
 * <p>Implementations must be thread-safe and have a public no-argument constructor.
 *
 * @param <T> the capability's public type, e.g. {@code FailoverCluster}
 */
public interface HostCapability<T> {

    /** The public type this provider gives hosts. */
    Class<T> type();

    /**
     * The capability on {@code host}.
     *
     * @throws io.hyperv4j.NotSupportedException when this host lacks it, saying why (for instance
     *         "host HV01 is not a cluster node: root\MSCluster is not there")
     */
    T open(HyperVHost host);
}
