package io.hyperv4j.scvmm.monitor.spi;

import io.hyperv4j.scvmm.monitor.ProbeResult;
import java.time.Duration;

/**
 * One attempt to reach a service from outside, as a remote monitor does (a connection to SQL Server,
 * a TCP connect to a port). It never blocks longer than the timeout: a failed attempt reports the time
 * it took, and the alarm table schedules its next poll after that.
 */
@FunctionalInterface
public interface Probe {
    /**
     * Tries the service once.
     *
     * @param timeout the longest the attempt may take
     * @return the outcome, with the time it took
     */
    ProbeResult check(Duration timeout);
}
