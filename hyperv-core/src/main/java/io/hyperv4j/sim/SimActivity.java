package io.hyperv4j.sim;

import java.time.Instant;
import java.util.Objects;

/**
 * Physical work the simulated hardware does for a while, as a provider publishes it on the lab's
 * {@link ActivityLog}: data moving from one host to another over a named network, or work on one
 * host. Models of the hardware (performance counters) follow it; the provider that runs the
 * operation owns the timing. Active on {@code [start, end)}.
 *
 * @param id             unique in its lab, in publication order
 * @param kind           what the work is, e.g. {@link #LIVE_MIGRATION_COPY}
 * @param vmId           the VM the work is for, or empty
 * @param fromHost       the host doing the work, or sending
 * @param toHost         the receiving host, or empty for work on one host
 * @param network        the network the bytes cross, or empty
 * @param bytesPerSecond the rate the bytes move at (0 when nothing moves)
 */
public record SimActivity(long id, String kind, String vmId, String fromHost, String toHost, String network,
                          double bytesPerSecond, Instant start, Instant end) {
    /** Live migration: the destination prepares the VM (memory reserved); nothing is copied yet. */
    public static final String LIVE_MIGRATION_SETUP = "live-migration/setup";
    /** Live migration: one pre-copy round, memory pages sent while the VM runs on the source. */
    public static final String LIVE_MIGRATION_COPY = "live-migration/copy";
    /** Live migration: the VM paused on the source while the last pages and device state go. */
    public static final String LIVE_MIGRATION_BLACKOUT = "live-migration/blackout";
    /** Live migration: the VM runs on the destination; the source releases what it held. */
    public static final String LIVE_MIGRATION_CLEANUP = "live-migration/cleanup";
    /**
     * A management server's SAN transfer: each phase is published as this prefix and the phase's
     * name ({@code Validate}, {@link #SAVE_STATE}, {@code UnmapLu}, {@code MapLu}, {@code Rescan},
     * {@link #IMPORT_VM}, {@link #RESTORE_STATE}, {@code Refresh}) from the source host to the destination, for
     * the VM moved. Nothing crosses a network ({@code bytesPerSecond} 0): {@link #SAVE_STATE} writes the
     * VM's memory to its LU on the source and {@link #RESTORE_STATE} reads it back on the destination, each
     * over the phase's whole length. This is the contract between the provider that runs transfers and
     * the counter models that follow them.
     */
    public static final String SAN_TRANSFER = "vmm/san-transfer/";
    /**
     * A management server's network transfer: each phase as this prefix and its name ({@code Validate},
     * {@link #COPY_FILES}, {@link #SAVE_STATE}, {@link #COPY_SAVED_STATE}, {@link #IMPORT_VM}, {@link #RESTORE_STATE},
     * {@code DeleteSourceFiles}), source to destination, for the VM moved. The two copies carry the rate their
     * bytes move at from the source's disk over the network to the destination's disk (shared with
     * other moves on the lab's fabric, so a copy is republished from the moment its rate changes);
     * the other phases carry 0.
     */
    public static final String NETWORK_TRANSFER = "vmm/network-transfer/";
    /**
     * A data-protection job's transfer: this prefix, the job's kind ({@code REPLICA}, {@code EXPRESS_FULL},
     * {@code SYNCHRONIZATION}, {@code RESTORE}), a slash and its path ({@code NETWORK}, {@code HARDWARE_PAIR},
     * {@code GUEST_AGENT}), from the protected host to the protection server over the backup network (a
     * restore the other way), at the rate its bytes move on the lab's fabric (republished when it changes).
     * A host whose CSV I/O is redirected through another node publishes {@link #CSV_REDIRECTED} for as long.
     */
    public static final String BACKUP = "dpm/";
    /** Appended to a data-protection job's kind for its tail: after its transfer, while it finishes without moving data (an express full's scan). */
    public static final String BACKUP_TAIL = "/tail";
    /**
     * Appended to an in-guest data-protection job's kind for its first phase: from its start until its
     * transfer, while the agent's VSS takes the shadow copy inside the guest (nothing read or sent).
     */
    public static final String BACKUP_SHADOW_COPY = "/shadow-copy";
    /** A node's CSV I/O redirected over the network to the coordinator (fromHost) from the redirected node (toHost). */
    public static final String CSV_REDIRECTED = "cluster/csv-redirected";
    /**
     * A VM's memory written to its storage by the host that runs it ({@code fromHost}; no {@code toHost}):
     * a save (v2 RequestStateChange 6) or a quick migration's save, at the rate the lab's fabric gives the
     * write ({@code bytesPerSecond}, republished whenever it changes). {@code network} names the storage
     * link the bytes cross ({@code storage:HOST/LOCAL} for the host's own disks, else a volume or LU).
     */
    public static final String STATE_SAVE = "storage/save-state";
    /** A VM's memory read back from its storage by the host that will run it: a restore, a quick migration's restore; as {@link #STATE_SAVE}. */
    public static final String STATE_RESTORE = "storage/restore-state";
    /** A transfer's phase: the VM's state saved on the source. */
    public static final String SAVE_STATE = "SaveState";
    /** A transfer's phase: the VM registered on the destination. */
    public static final String IMPORT_VM = "ImportVm";
    /** A transfer's phase: the VM's state restored on the destination. */
    public static final String RESTORE_STATE = "RestoreState";
    /** A network transfer's phase: the VM's disks copied while it runs. */
    public static final String COPY_FILES = "CopyFiles";
    /** A network transfer's phase: the saved state copied while the VM is down. */
    public static final String COPY_SAVED_STATE = "CopySavedState";

    /**
     * Validates: kind and fromHost are required, null ids become empty, the rate is finite and not negative, the end after the start.
     *
     * @param id             unique in its lab
     * @param kind           what the work is
     * @param vmId           the VM, or null
     * @param fromHost       the host doing the work, or sending
     * @param toHost         the receiving host, or null
     * @param network        the network, or null
     * @param bytesPerSecond the rate
     * @param start          when it begins
     * @param end            when it ends
     * @throws IllegalArgumentException when the rate or the interval is invalid
     */
    public SimActivity {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(fromHost, "fromHost");
        vmId = vmId == null ? "" : vmId;
        toHost = toHost == null ? "" : toHost;
        network = network == null ? "" : network;
        if (!(bytesPerSecond >= 0) || Double.isInfinite(bytesPerSecond))
            throw new IllegalArgumentException(kind + ": bytes per second must be finite and not negative: " + bytesPerSecond);
        if (!end.isAfter(start)) throw new IllegalArgumentException(kind + ": end " + end + " must be after start " + start);
    }

    /**
     * Whether {@code host} sends or receives in this activity.
     *
     * @param host the host's name (any case)
     * @return whether it is either end
     */
    public boolean involves(String host) {
        return fromHost.equalsIgnoreCase(host) || toHost.equalsIgnoreCase(host);
    }
}
