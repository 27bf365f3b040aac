/**
 * API: pure models of a management server's SAN and network transfers (phases, total time, outage),
 * calibrated against seed 000. Every type is immutable, so thread-safe.
 */
package io.hyperv4j.scvmm.transfer;
