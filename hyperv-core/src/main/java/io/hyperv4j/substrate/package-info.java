/**
 * The physical substrate the simulator's behaviour models draw from, as pure values: storage that
 * saves and restores a VM's memory at calibrated rates ({@link io.hyperv4j.substrate.StorageModel})
 * and exact duration arithmetic ({@link io.hyperv4j.substrate.Seconds}). Quick migration and a VM's
 * saved state take their rates from here (the SAN transfer and backups are to), so one array has one
 * speed everywhere; and the one sharing rule every move's bytes follow on links, LUs and CSVs
 * ({@link io.hyperv4j.substrate.FlowNetwork}). Hosts' capacity is {@code io.hyperv4j.sim.HostCapacity}.
 */
package io.hyperv4j.substrate;
