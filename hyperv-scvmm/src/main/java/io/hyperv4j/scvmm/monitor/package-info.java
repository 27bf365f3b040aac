/**
 * API: monitoring-driven automation on a management server (seed 001's "monitored host cluster"). An
 * {@link io.hyperv4j.scvmm.monitor.AlarmTable} is fed by service probes run every N seconds and by the
 * perf module's threshold alarms; an alarm can be bound to an action the management server runs (fail
 * the VM's role over, restart the VM, migrate it, start a service, a Java callback, a script), with an
 * optional guard that skips a failover the cluster has already done. Every firing, action, result
 * and skip is in the table's {@link io.hyperv4j.scvmm.monitor.MonitorEvent} history.
 */
package io.hyperv4j.scvmm.monitor;
