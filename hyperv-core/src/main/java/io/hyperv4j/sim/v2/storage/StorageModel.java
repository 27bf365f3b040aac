package io.hyperv4j.sim.v2.storage;

import io.hyperv4j.sim.Lab;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.TreeMap;
import java.util.WeakHashMap;

/**
 * The storage and checkpoints of every VM in one lab, by VM GUID. Shared by the providers that
 * show it (the VM provider's snapshot settings, the storage and snapshot classes). Use under the
 * lab lock.
 */
public final class StorageModel {
    private static final Logger LOG = LoggerFactory.getLogger(StorageModel.class);
    private static final Map<Lab, StorageModel> BY_LAB = new WeakHashMap<>();

    private final Map<String, VmStorage> vms = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, String> ownerOfCheckpoint = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    /**
     * Files given to drives, with the VMs given them: built from every VM's files on first use, then
     * told of each file a drive is given ({@link #given}). Every file a VM holds is one of these or a
     * differencing descendant of one (checkpoints make children of a drive's file, merges fold them
     * back), so the VMs given a file or one of its ancestors are the only ones that can hold it.
     * A superset: a VM that let go of a file is dropped when it is next checked.
     */
    private Map<Path, Set<String>> givenTo;
    /** Longest parent chain {@link #held} follows (Hyper-V chains are far shorter). */
    private static final int MAX_CHAIN = 256;

    private final List<GuestWrites> guestWrites = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Hears every guest write before it lands (the storage under the VM's files: an array LU marks its changed regions). */
    @FunctionalInterface
    public interface GuestWrites {
        /**
         * A guest is about to write; throwing refuses the write with nothing written.
         *
         * @param txn        the change the write is part of (under the lab lock)
         * @param vmId       the VM
         * @param driveId    the drive written
         * @param driveBytes the drive's virtual size (read from the disk when asked)
         * @param offset     the byte offset in the drive
         * @param length     the bytes written
         */
        void writing(io.hyperv4j.sim.Txn txn, String vmId, String driveId, java.util.function.LongSupplier driveBytes, long offset, long length);
    }

    /**
     * Listens to the guests' writes.
     *
     * @param listener hears each write before it lands
     * @return closing it stops the listening
     */
    public io.hyperv4j.cim.Subscription onGuestWrite(GuestWrites listener) {
        guestWrites.add(listener);
        return () -> guestWrites.remove(listener);
    }

    /** Tells the listeners of a guest write about to land (the drive's size read only when one asks). */
    void guestWriting(io.hyperv4j.sim.Txn txn, VmStorage st, String driveId, long offset, long length) {
        for (GuestWrites l : guestWrites) l.writing(txn, st.vmId(), driveId, () -> st.driveBytes(driveId), offset, length);
    }

    public static StorageModel of(Lab lab) {
        synchronized (BY_LAB) {
            return BY_LAB.computeIfAbsent(lab, l -> new StorageModel());
        }
    }

    /** The VM's storage, created empty on first use. */
    public VmStorage vm(String vmId) {
        return vms.computeIfAbsent(vmId, VmStorage::new);
    }

    /** The VM's storage, or null when it has none yet. */
    public VmStorage find(String vmId) {
        return vms.get(vmId);
    }

    /**
     * The storage holding checkpoint {@code checkpointId}, or null. Answered from an index of
     * checkpoint to VM that is checked on every answer and rebuilt when it is stale, so rendering a
     * checkpoint does not scan every VM. Synchronized: readers render concurrently under the lab's
     * read lock, and this index changes while they do.
     */
    public synchronized VmStorage owning(String checkpointId) {
        if (checkpointId == null) return null;
        VmStorage st = indexed(checkpointId);
        if (st != null) return st;
        ownerOfCheckpoint.clear();
        for (VmStorage s : vms.values()) for (SimCheckpoint c : s.checkpoints()) ownerOfCheckpoint.put(c.id(), s.vmId());
        return indexed(checkpointId);
    }

    private VmStorage indexed(String checkpointId) {
        String vmId = ownerOfCheckpoint.get(checkpointId);
        VmStorage st = vmId == null ? null : vms.get(vmId);
        return st != null && st.checkpoint(checkpointId) != null ? st : null;
    }

    /** Records that VM {@code vmId}'s drive was given {@code file} (attached or inserted). */
    public synchronized void given(String vmId, Path file) {
        if (givenTo != null) givenTo.computeIfAbsent(file.toAbsolutePath().normalize(), f -> new HashSet<>()).add(vmId);
    }

    /**
     * Whether any VM holds {@code file} (in a drive, a checkpoint or a chain below one), asking only
     * the VMs that were given the file or one of its ancestors ({@code parentOf} reads a file's
     * parent from disk, null at the chain's base): not every VM of the lab.
     */
    public boolean held(Path file, UnaryOperator<Path> parentOf) {
        return holder(file, parentOf).isPresent();
    }

    /** The id of a VM that holds {@code file} (see {@link #held}), so a refusal can name it. */
    public synchronized java.util.Optional<String> holder(Path file, UnaryOperator<Path> parentOf) {
        Path target = file.toAbsolutePath().normalize();
        if (givenTo == null) {
            givenTo = new HashMap<>();
            for (VmStorage st : vms.values()) for (Path f : st.files()) givenTo.computeIfAbsent(f, k -> new HashSet<>()).add(st.vmId());
        }
        Set<Path> seen = new HashSet<>();
        for (Path at = target; at != null && seen.size() < MAX_CHAIN && seen.add(at); at = parentOf.apply(at)) {
            Set<String> holders = givenTo.get(at);
            if (holders == null) continue;
            for (java.util.Iterator<String> it = holders.iterator(); it.hasNext(); ) {
                VmStorage st = vms.get(it.next());
                if (st == null) it.remove();
                else if (st.files().contains(target)) return java.util.Optional.of(st.vmId());
            }
        }
        return java.util.Optional.empty();
    }

    public java.util.Collection<VmStorage> vms() {
        return java.util.List.copyOf(vms.values());
    }

    /**
     * After a change to disks: folds the files no longer needed at once when the lab has no file;
     * a lab with a file folds them after its save ({@link #settle}), so the saved lab never names a
     * file that is gone.
     */
    public void changed(Lab lab) {
        if (lab.file() == null) settle(lab);
    }

    /**
     * Folds every VM's unneeded files, inside a lab change (the VMs whose drives move are touched);
     * a fold that fails is logged and tried again next time (the model stays valid meanwhile).
     * Returns whether the model changed.
     */
    public boolean settle(Lab lab) {
        boolean changed = false;
        for (VmStorage st : List.copyOf(vms.values())) {
            if (!st.needsSettling()) continue;
            try {
                changed |= st.settle();
            } catch (RuntimeException e) {
                LOG.warn("VM {}: folding disk files no checkpoint needs failed (tried again later): {}", st.vmId(), e.getMessage());
            }
        }
        return changed;
    }

    /** After a load: finishes what a killed run left (see {@link VmStorage#reconcile}). */
    public boolean reconcile() {
        boolean changed = false;
        for (VmStorage st : vms.values()) {
            try {
                changed |= st.reconcile();
            } catch (RuntimeException e) {
                LOG.warn("VM {}: recovering disk files failed: {}", st.vmId(), e.getMessage());
            }
        }
        return changed;
    }

    public void forget(String vmId) {
        vms.remove(vmId);
    }

    Map<String, VmStorage> all() {
        return vms;
    }
}
