package io.hyperv4j.sim.v2.storage;

import io.hyperv4j.sim.v2.storage.SimCheckpoint.FrozenDrive;
import io.hyperv4j.vhd.OpenMode;
import io.hyperv4j.vhd.VirtualDisk;
import io.hyperv4j.vhd.VirtualDisks;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One VM's controllers, drives and checkpoint tree, kept on real disk files. A checkpoint freezes
 * each drive's current file and moves the drive to a new differencing child; applying one moves
 * each drive to a new child of the frozen file; deleting one folds files nothing needs any more
 * ({@link DiskGraph#collapse}) once the lab no longer names them ({@link #settle}). Every change
 * either completes or leaves model and files as they were. Callers validate first (state, busy,
 * names) and hold the lab lock.
 */
public final class VmStorage {
    private final String vmId;
    private final List<SimController> controllers = new ArrayList<>();
    private final Map<String, SimDrive> drives = new LinkedHashMap<>();
    private final Map<String, SimCheckpoint> checkpoints = new LinkedHashMap<>();
    private final DiskGraph graph = new DiskGraph();
    private String currentCheckpointId;
    private SnapshotTypeSetting snapshotType = SnapshotTypeSetting.PRODUCTION;
    private boolean guestCanQuiesce = true;
    private final RctJournal rct;

    VmStorage(String vmId) {
        this.vmId = vmId;
        this.rct = new RctJournal(vmId);
    }

    /** The change tracking of this VM's drives, with its recovery checkpoints and reference points. */
    public RctJournal rct() { return rct; }

    public String vmId() { return vmId; }
    public List<SimController> controllers() { return List.copyOf(controllers); }
    public Collection<SimDrive> drives() { return List.copyOf(drives.values()); }
    public SimDrive drive(String id) { return drives.get(id); }
    public Collection<SimCheckpoint> checkpoints() { return List.copyOf(checkpoints.values()); }
    public SimCheckpoint checkpoint(String id) { return id == null ? null : checkpoints.get(id.toUpperCase(java.util.Locale.ROOT)); }
    /** The checkpoint the VM's current state descends from (Msvm_MostCurrentSnapshotInBranch), or null. */
    public String currentCheckpointId() { return currentCheckpointId; }
    public SnapshotTypeSetting snapshotType() { return snapshotType; }
    public void snapshotType(SnapshotTypeSetting t) { this.snapshotType = Objects.requireNonNull(t); }
    /** Whether the guest's VSS writers can quiesce (a fault to inject: false makes production checkpoints fail or fall back). */
    public boolean guestCanQuiesce() { return guestCanQuiesce; }
    public void guestCanQuiesce(boolean b) { this.guestCanQuiesce = b; }

    public SimController addController(String id, ControllerKind kind) {
        int index = (int) controllers.stream().filter(c -> c.kind() == kind).count();
        SimController c = new SimController(id, kind, index);
        controllers.add(c);
        return c;
    }

    public SimController controller(String id) {
        for (SimController c : controllers) if (c.id().equalsIgnoreCase(id)) return c;
        return null;
    }

    public void removeController(String id) {
        controllers.removeIf(c -> c.id().equalsIgnoreCase(id));
    }

    /** The drive on that controller slot, or null. */
    public SimDrive driveAt(String controllerId, int address) {
        for (SimDrive d : drives.values())
            if (d.controllerId().equalsIgnoreCase(controllerId) && d.address() == address) return d;
        return null;
    }

    /** Adds a drive on a controller slot, with {@code file} in it (null: an empty drive). */
    public SimDrive attach(String driveId, String diskId, String controllerId, int address, Path file) {
        SimDrive d = new SimDrive(driveId, diskId, controllerId, address, file == null ? null : file.toAbsolutePath().normalize());
        drives.put(driveId, d);
        return d;
    }

    /** Puts a disk file into an empty drive. */
    public void insert(String driveId, Path file) {
        requireDrive(driveId).current(file.toAbsolutePath().normalize());
    }

    /** Takes the disk out of a drive; the attached file stays (the user's), differencing files no checkpoint needs are folded away by {@link #settle}. */
    public void eject(String driveId) {
        requireDrive(driveId).current(null);
    }

    /** Removes a drive with its disk. */
    public void detach(String driveId) {
        drives.remove(driveId);
    }

    /**
     * Takes a checkpoint: every drive's current file becomes the checkpoint's (read-only from now
     * on) and the drive continues on a new differencing child. Cost: creating empty children.
     */
    public SimCheckpoint createCheckpoint(String id, String name, Instant now, String kind, boolean savedState,
            int processors, long memoryMb, Supplier<String> guid) {
        Map<String, FrozenDrive> frozen = new LinkedHashMap<>();
        Map<String, Path> children = newChildren(drives.values().stream()
                .filter(d -> d.current() != null).collect(java.util.stream.Collectors.toMap(SimDrive::id, SimDrive::current,
                        (a, b) -> a, LinkedHashMap::new)), guid);
        for (SimDrive d : drives.values()) {
            frozen.put(d.id(), new FrozenDrive(d.diskId(), d.controllerId(), d.address(), d.current()));
            if (d.current() != null) d.current(children.get(d.id()));
        }
        SimCheckpoint c = new SimCheckpoint(id, name, currentCheckpointId, now, kind, savedState, processors, memoryMb, frozen);
        checkpoints.put(id, c);
        currentCheckpointId = id;
        frozen.forEach((driveId, f) -> {
            if (f.file() != null) rct.mark(driveId, f.file());
        });
        return c;
    }

    /**
     * Takes a recovery checkpoint (what backup applications take): disks frozen as by any checkpoint,
     * outside the user's tree (the VM's current checkpoint stays), with the change tracking id of the
     * moment recorded per drive.
     */
    public SimCheckpoint createRecoveryCheckpoint(String id, String name, Instant now, int consistencyLevel,
            int processors, long memoryMb, Supplier<String> guid) {
        String current = currentCheckpointId;
        SimCheckpoint c = createCheckpoint(id, name, now, SimCheckpoint.RECOVERY, false, processors, memoryMb, guid);
        currentCheckpointId = current;
        Map<String, String> ids = new LinkedHashMap<>();
        c.drives().forEach((driveId, f) -> {
            if (f.file() != null) ids.put(driveId, rct.frozenAt(f.file()));
        });
        rct.recovered(new RctJournal.RecoveryMark(c.id(), consistencyLevel, ids));
        return c;
    }

    /**
     * ConvertToReferencePoint: the recovery checkpoint becomes a reference point holding its change
     * tracking ids, and is deleted (its files merge away once the lab is saved).
     */
    public RctJournal.SimReferencePoint convertToReferencePoint(SimCheckpoint c, String referencePointId) {
        RctJournal.RecoveryMark m = rct.recovery(c.id());
        if (m == null) throw new IllegalArgumentException("checkpoint " + c.name() + " is not a recovery checkpoint");
        RctJournal.SimReferencePoint rp = new RctJournal.SimReferencePoint(referencePointId, m.consistencyLevel(), c.created(),
                List.copyOf(m.rctIds().keySet()), List.copyOf(m.rctIds().values()));
        delete(c);
        rct.add(rp);
        return rp;
    }

    /** DestroyReferencePoint: the reference point goes (its ids keep resolving while the drive's series lasts). */
    public void destroyReferencePoint(RctJournal.SimReferencePoint rp) {
        rct.remove(rp);
    }

    /**
     * Marks a moment on every drive with a disk, as a backup's shadow copy does, without freezing a
     * file: drive id to the change tracking id of the moment (a LimitId GetVirtualDiskChanges takes).
     */
    public Map<String, String> markChanges() {
        Map<String, String> ids = new LinkedHashMap<>();
        for (SimDrive d : drives.values()) if (d.current() != null) ids.put(d.id(), rct.mark(d.id(), null));
        return ids;
    }

    /** Fills a drive's new child with the drive's new content and flushes it; returns the ranges written. */
    @FunctionalInterface
    public interface ContentWriter {
        /**
         * @param driveId the drive
         * @param child   its new differencing child, empty (reads as the drive does now)
         * @return the ranges written into it
         */
        io.hyperv4j.vhd.ChangedRanges write(String driveId, Path child);
    }

    /**
     * Replaces what drives hold, all or none, without writing a file the saved lab names: each drive
     * gets a new differencing child of its current file, {@code writer} fills and flushes it, and only
     * then do the drives move onto their children (change tracking records what was written). A kill
     * before the lab naming the children is saved leaves the old disks; the old files fold into the
     * children at the next {@link #settle}. When a write fails the children are deleted and nothing changed.
     */
    public void replaceContent(List<String> driveIds, Supplier<String> guid, ContentWriter writer) {
        Map<String, Path> parents = new LinkedHashMap<>();
        for (String id : driveIds) parents.put(id, requireDisk(id));
        Map<String, Path> children = newChildren(parents, guid);
        Map<String, io.hyperv4j.vhd.ChangedRanges> written = new LinkedHashMap<>();
        try {
            children.forEach((id, child) -> written.put(id, writer.write(id, child)));
        } catch (RuntimeException | Error e) {
            children.values().forEach(graph::discard);
            throw e;
        }
        children.forEach((id, child) -> drives.get(id).current(child));
        written.forEach((id, ranges) -> {
            for (io.hyperv4j.vhd.ByteRange r : ranges.ranges(Long.MAX_VALUE)) rct.written(id, r.offset(), r.length());
        });
    }

    /** Where a disk file sits in change tracking: its drive, and the moment it is frozen at (null while live). */
    public record Tracked(String driveId, String frozenAt) {}

    /**
     * The drive {@code file} holds data of: a checkpoint's frozen file (tracked up to its moment) or
     * a file in a drive's live chain (tracked up to now); null when no drive of this VM uses it.
     */
    public Tracked tracked(Path file) {
        for (SimCheckpoint c : checkpoints.values())
            for (Map.Entry<String, FrozenDrive> e : c.drives().entrySet())
                if (file.equals(e.getValue().file()) && rct.frozenAt(file) != null) return new Tracked(e.getKey(), rct.frozenAt(file));
        for (SimDrive d : drives.values()) {
            List<Path> chain = new ArrayList<>();
            addChain(d.current(), chain);
            if (chain.contains(file)) return new Tracked(d.id(), null);
        }
        return null;
    }

    /**
     * Applies a checkpoint: the drive set becomes the checkpoint's, each on a new child of its frozen
     * file; the state since the last checkpoint is discarded.
     */
    public void apply(SimCheckpoint c, Supplier<String> guid) {
        Map<String, Path> frozen = new LinkedHashMap<>();
        c.drives().forEach((id, f) -> {
            if (f.file() != null) frozen.put(id, f.file());
        });
        Map<String, Path> children = newChildren(frozen, guid); // all or none: the model changes only after
        drives.clear();
        for (var e : c.drives().entrySet()) {
            FrozenDrive f = e.getValue();
            drives.put(e.getKey(), new SimDrive(e.getKey(), f.diskId(), f.controllerId(), f.address(), children.get(e.getKey())));
        }
        currentCheckpointId = c.id();
        for (String driveId : drives.keySet()) rct.reset(driveId);
    }

    /** Deletes one checkpoint: its children hang from its parent, its files are merged away where nothing else needs them. */
    public void delete(SimCheckpoint c) {
        checkpoints.remove(c.id());
        for (SimCheckpoint other : checkpoints.values())
            if (c.id().equals(other.parentId())) other.parentId(c.parentId());
        if (c.id().equals(currentCheckpointId)) currentCheckpointId = c.parentId();
        rct.forgetRecovery(c.id());
        for (FrozenDrive f : c.drives().values())
            if (f.file() != null && !referencedByCheckpoint(f.file())) rct.unfreeze(f.file());
    }

    private boolean referencedByCheckpoint(Path p) {
        for (SimCheckpoint c : checkpoints.values())
            for (FrozenDrive f : c.drives().values()) if (p.equals(f.file())) return true;
        return false;
    }

    /**
     * New differencing children of {@code parents} (drive id to file), created before the model
     * changes; if one cannot be made, those already made are deleted and nothing has changed.
     */
    private Map<String, Path> newChildren(Map<String, Path> parents, Supplier<String> guid) {
        Map<String, Path> made = new LinkedHashMap<>();
        try {
            parents.forEach((id, p) -> made.put(id, graph.newChild(p, guid.get())));
        } catch (RuntimeException e) {
            made.values().forEach(graph::discard);
            throw e;
        }
        return made;
    }

    /** The checkpoint and its descendants, deepest first (the order to delete them). */
    public List<SimCheckpoint> subtree(SimCheckpoint root) {
        List<SimCheckpoint> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private void collect(SimCheckpoint c, List<SimCheckpoint> out) {
        for (SimCheckpoint child : children(c.id())) collect(child, out);
        out.add(c);
    }

    public List<SimCheckpoint> children(String id) {
        List<SimCheckpoint> out = new ArrayList<>();
        for (SimCheckpoint c : checkpoints.values()) if (Objects.equals(id, c.parentId())) out.add(c);
        return out;
    }

    public void rename(SimCheckpoint c, String name) {
        c.name(name);
    }

    public void clearSavedState(SimCheckpoint c) {
        c.savedState(false);
    }

    /** Every disk file of this VM's drives and checkpoints (attached and differencing), for tools and tests. */
    public List<Path> files() {
        List<Path> out = new ArrayList<>();
        for (SimDrive d : drives.values()) addChain(d.current(), out);
        for (SimCheckpoint c : checkpoints.values()) for (FrozenDrive f : c.drives().values()) addChain(f.file(), out);
        return out;
    }

    private void addChain(Path p, List<Path> out) {
        if (p == null) return;
        for (Path at = p; at != null; at = graph.parents().get(at)) if (!out.contains(at)) out.add(at);
    }

    /** The guest writes {@code data} at {@code offset} of a drive (through the drive's current file). */
    public void guestWrite(String driveId, long offset, byte[] data) {
        DiskGraph.write(requireDisk(driveId), offset, data);
        rct.written(driveId, offset, data.length);
    }

    /** The virtual size of the disk in a drive. */
    public long driveBytes(String driveId) {
        try (VirtualDisk d = VirtualDisks.open(requireDisk(driveId), OpenMode.READ_ONLY)) {
            return d.size();
        }
    }

    public byte[] guestRead(String driveId, long offset, int length) {
        return DiskGraph.read(requireDisk(driveId), offset, length);
    }

    /** What the drive held when the checkpoint was taken. */
    public byte[] readCheckpoint(SimCheckpoint c, String driveId, long offset, int length) {
        FrozenDrive f = c.drives().get(driveId);
        if (f == null || f.file() == null) throw new IllegalArgumentException("checkpoint " + c.name() + " has no disk in drive " + driveId);
        return DiskGraph.read(f.file(), offset, length);
    }

    private Path requireDisk(String driveId) {
        Path p = requireDrive(driveId).current();
        if (p == null) throw new IllegalArgumentException("drive " + driveId + " of VM " + vmId + " holds no disk");
        return p;
    }

    private SimDrive requireDrive(String id) {
        SimDrive d = drives.get(id);
        if (d == null) throw new IllegalArgumentException("VM " + vmId + " has no drive " + id);
        return d;
    }

    DiskGraph graph() {
        return graph;
    }

    void restoreCurrent(String id) {
        this.currentCheckpointId = id;
    }

    void restoreCheckpoint(SimCheckpoint c) {
        checkpoints.put(c.id(), c);
    }

    /**
     * Folds away the files the model no longer needs (deleted, or merged with their one dependent).
     * Model changes never do this themselves: a file the saved lab still names must outlive the
     * save, so the simulator calls this once the lab reflecting the change is saved (at once for a
     * lab without a file), and on a load (a killed save's folds). Returns whether the model changed
     * (a drive or checkpoint moved to a merged file). Every step is journaled or repeatable, so a
     * kill at any point is finished by {@link #reconcile} on the next load.
     */
    public boolean settle() {
        boolean changed = false;
        for (Path f : graph.files()) {
            if (!referenced(f) && graph.knows(f)) changed |= fold(f);
        }
        return changed;
    }

    /** Whether some file the model made is no longer named by it (what {@link #settle} folds). */
    public boolean needsSettling() {
        for (Path f : graph.files())
            if (!referenced(f) && (graph.owns(f) && graph.dependents(f).isEmpty() || graph.dependents(f).size() == 1)) return true;
        return false;
    }

    /**
     * After a load: finishes merges a killed run left, then moves references off files such a merge
     * removed (a missing file the simulator made, whose parent nothing else names, was merged into
     * that parent: the only way a named file goes). Returns whether the model changed.
     */
    public boolean reconcile() {
        VirtualDisks.finishInterruptedMerges(graph.files());
        boolean changed = false;
        for (Path f : graph.files()) {
            Path parent = graph.parents().get(f);
            if (parent != null && graph.owns(f) && !java.nio.file.Files.exists(f) && java.nio.file.Files.exists(parent)
                    && !referencedOtherThanThrough(parent, f)) {
                graph.forgetMerged(f, parent);
                replace(f, parent);
                changed = true;
            }
        }
        return changed;
    }

    private boolean referencedOtherThanThrough(Path parent, Path child) {
        return referenced(parent) || graph.dependents(parent).stream().anyMatch(d -> !d.equals(child));
    }

    /** Whether every disk chain of the drives opens; the first that does not, with why, else null. */
    public String unopenableDisk() {
        for (SimDrive d : drives.values()) {
            if (d.current() == null) continue;
            try (VirtualDisk disk = VirtualDisks.open(d.current(), OpenMode.READ_ONLY)) {
                disk.size();
            } catch (RuntimeException e) {
                return "Failed to open attachment '" + d.current() + "'. Error: '" + e.getMessage() + "'.";
            }
        }
        return null;
    }

    /**
     * The files a drive stands on, parents first: its current file's chain and the chain of every
     * file its checkpoints froze for it (what a storage migration of the drive moves).
     */
    public List<Path> chain(String driveId) {
        List<Path> out = new ArrayList<>();
        SimDrive d = drives.get(driveId);
        if (d != null) addChain(d.current(), out);
        for (SimCheckpoint c : checkpoints.values()) {
            FrozenDrive f = c.drives().get(driveId);
            if (f != null) addChain(f.file(), out);
        }
        List<Path> parentsFirst = new ArrayList<>();
        for (Path p : out) insertAfterParent(p, parentsFirst);
        return parentsFirst;
    }

    private void insertAfterParent(Path p, List<Path> into) {
        if (into.contains(p)) return;
        Path parent = graph.parents().get(p);
        if (parent != null) insertAfterParent(parent, into);
        into.add(p);
    }

    /** The file {@code child} is a differencing disk of, as the VM's checkpoints made it, or null. */
    public Path parentOf(Path child) {
        return graph.parents().get(child);
    }

    /**
     * The VM's files are now at new paths (a storage migration copied them there, parent links
     * rewritten): its drives, checkpoints, differencing graph and change tracking follow.
     */
    public void relocate(Map<Path, Path> moved) {
        moved.forEach(this::replace);
        graph.relocate(moved);
    }

    private boolean fold(Path file) {
        Map<Path, Path> moved = graph.collapse(file, this::referenced);
        moved.forEach(this::replace);
        return !moved.isEmpty();
    }

    private void replace(Path from, Path to) {
        rct.moved(from, to);
        for (SimDrive d : drives.values()) if (from.equals(d.current())) d.current(to);
        for (SimCheckpoint c : checkpoints.values())
            c.drives().replaceAll((k, f) -> from.equals(f.file()) ? f.withFile(to) : f);
    }

    private boolean referenced(Path p) {
        for (SimDrive d : drives.values()) if (p.equals(d.current())) return true;
        for (SimCheckpoint c : checkpoints.values())
            for (FrozenDrive f : c.drives().values()) if (p.equals(f.file())) return true;
        return false;
    }
}
