/**
 * SPI: what the alarm table needs from its surroundings: a clock that can schedule
 * ({@link io.hyperv4j.scvmm.monitor.spi.MonitorClock}), a probe of a service from outside
 * ({@link io.hyperv4j.scvmm.monitor.spi.Probe}), the management server's view of roles and its
 * actions ({@link io.hyperv4j.scvmm.monitor.spi.ManagementServer}).
 */
package io.hyperv4j.scvmm.monitor.spi;
