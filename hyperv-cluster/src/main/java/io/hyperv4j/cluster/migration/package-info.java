/**
 * API: pure models of how long a live migration, a quick migration and an unplanned failover take
 * and how long the VM is unavailable, calibrated against the seed papers (hyperv-cluster/docs/cluster.md).
 * The simulator runs its moves on these; applications may use them to plan. Every type is immutable,
 * so thread-safe.
 */
package io.hyperv4j.cluster.migration;
