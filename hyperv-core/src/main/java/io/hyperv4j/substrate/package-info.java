/**
 * The physical substrate the simulator's behaviour models draw from, as pure values: storage that
 * saves and restores a VM's memory at calibrated rates ({@link io.hyperv4j.substrate.StorageModel})
 * and exact duration arithmetic ({@link io.hyperv4j.substrate.Seconds}). Quick migration and a VM's
 * saved state take their rates from here (the SAN transfer and backups are to), so one array has one
 * speed everywhere. Hosts' capacity is {@code io.hyperv4j.sim.HostCapacity}; how live migrations
 * share a network's adapters is the cluster simulator's {@code LinkShares}.
 */
package io.hyperv4j.substrate;
