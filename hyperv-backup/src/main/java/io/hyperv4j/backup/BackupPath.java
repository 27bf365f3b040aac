package io.hyperv4j.backup;

/** How the snapshot's data reaches the backup store. */
public enum BackupPath {
    /** A software shadow copy read on the host and sent over the network for the whole job. */
    NETWORK,
    /** A hardware provider splits a storage volume pair at commit; the copy is read from the secondary (Non-Transportable). */
    HARDWARE_PAIR,
    /** An agent inside the guest backs up an application's database over the network: no host snapshot, no CSV redirection. */
    GUEST_AGENT,
    /** The hardware pair's secondary is moved to the backup server over Fibre Channel (Transportable). */
    HARDWARE_PAIR_TRANSPORTABLE
}
