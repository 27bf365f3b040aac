/**
 * The simulated data-protection server: DPM-like protection of a lab's VMs on the simulated VSS
 * (the Hyper-V writer, software and hardware providers, shadow copies, the requester behind
 * {@link io.hyperv4j.backup.DataProtection#vssRequester}), a backup store of real VHDX files, CSV
 * redirected access, and seed 004's lab templates. Tests and examples reach its knobs through
 * {@link io.hyperv4j.backup.sim.BackupLab#of}; the API itself never imports this package.
 */
package io.hyperv4j.backup.sim;
