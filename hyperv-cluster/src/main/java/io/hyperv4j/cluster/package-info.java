/**
 * API: failover clustering (root\MSCluster) through {@link io.hyperv4j.cluster.FailoverCluster}, a host
 * capability ({@code host.capability(FailoverCluster.class)}): nodes with pause and drain, roles with
 * live and quick migration as operations, Cluster Shared Volumes, networks, and events. Refusals are
 * {@link io.hyperv4j.cluster.ClusterRefusedException} with a {@link io.hyperv4j.cluster.ClusterRefusal}
 * derived from the Win32 error the host returned, the same on a simulated host and on Windows.
 */
package io.hyperv4j.cluster;
