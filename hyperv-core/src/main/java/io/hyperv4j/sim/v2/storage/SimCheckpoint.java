package io.hyperv4j.sim.v2.storage;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * One checkpoint: its GUID, name (not unique), parent checkpoint (null at the root), when it was
 * taken, its kind ("Standard", "Production" or "Recovery", as Get-VMSnapshot says), whether it holds the
 * guest's saved memory, the VM's processor and memory settings then, and for each drive id the
 * frozen disk file holding the drive's content at that moment.
 */
public final class SimCheckpoint {
    /** The kind of a recovery checkpoint (Get-VMSnapshot's SnapshotType Recovery), taken by backup applications. */
    public static final String RECOVERY = "Recovery";
    private final String id;
    private String name;
    private String parentId;
    private final Instant created;
    private final String kind;
    private boolean savedState;
    private final int processors;
    private final long memoryMb;
    private final Map<String, FrozenDrive> drives;

    /** A drive as it was: where it sat and the file holding its data at that moment. */
    public record FrozenDrive(String diskId, String controllerId, int address, Path file) {
        FrozenDrive withFile(Path f) {
            return new FrozenDrive(diskId, controllerId, address, f);
        }
    }

    public SimCheckpoint(String id, String name, String parentId, Instant created, String kind, boolean savedState,
            int processors, long memoryMb, Map<String, FrozenDrive> drives) {
        this.id = id;
        this.name = name;
        this.parentId = parentId;
        this.created = created;
        this.kind = kind;
        this.savedState = savedState;
        this.processors = processors;
        this.memoryMb = memoryMb;
        this.drives = drives;
    }

    public String id() { return id; }
    public String name() { return name; }
    void name(String n) { this.name = n; }
    public String parentId() { return parentId; }
    void parentId(String p) { this.parentId = p; }
    public Instant created() { return created; }
    public String kind() { return kind; }
    public boolean savedState() { return savedState; }
    void savedState(boolean s) { this.savedState = s; }
    public int processors() { return processors; }
    public long memoryMb() { return memoryMb; }
    /** Drive id to frozen drive; mutable only inside this package (merges move files). */
    public Map<String, FrozenDrive> drives() { return drives; }
}
