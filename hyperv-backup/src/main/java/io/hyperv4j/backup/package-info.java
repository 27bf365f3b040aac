/**
 * VM backup and restore in the shape of a data-protection server (DPM): protection groups with
 * members, schedules and retention; replicas, express fulls and synchronisations that each leave
 * a recovery point of real VHDX files in a backup store; restores to the original location, to a
 * host, or to a folder. Reached from a host with {@code host.capability(DataProtection.class)}.
 */
package io.hyperv4j.backup;
