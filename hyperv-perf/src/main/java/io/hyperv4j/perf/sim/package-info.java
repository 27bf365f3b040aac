/**
 * Simulator: performance counters of simulated hosts. {@link io.hyperv4j.perf.sim.LabCounterSource}
 * gives a lab host's counters (what {@code host.counters()} returns on a simulated host); beneath it a
 * {@link io.hyperv4j.perf.sim.HostModel} integrates the load of its activities (VM workloads, moves,
 * background work) into raw counters as Windows accumulates them. {@link io.hyperv4j.perf.sim.Seed000Workloads}
 * holds the seed paper's fitted figures. Public so applications and tests can shape the load a
 * simulated host shows; the public API packages never import it.
 */
package io.hyperv4j.perf.sim;
