/**
 * VSS for VM backups: the {@link io.hyperv4j.backup.vss.VssRequester} sequence (writer metadata,
 * components, snapshot set, backup complete), its values, writer states and failures as typed
 * errors, and the meaning of the Hyper-V writer's components ({@link io.hyperv4j.backup.vss.HyperVWriter}).
 * Implemented on Windows over vssapi.dll and by the simulator.
 */
package io.hyperv4j.backup.vss;
