package io.hyperv4j.sim.v2.storage;

import io.hyperv4j.sim.Lab;
import java.util.Map;
import java.util.TreeMap;
import java.util.WeakHashMap;

/**
 * The storage and checkpoints of every VM in one lab, by VM GUID. Shared by the providers that
 * show it (the VM provider's snapshot settings, the storage and snapshot classes). Use under the
 * lab lock.
 */
public final class StorageModel {
    private static final Map<Lab, StorageModel> BY_LAB = new WeakHashMap<>();

    private final Map<String, VmStorage> vms = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, String> ownerOfCheckpoint = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

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

    public java.util.Collection<VmStorage> vms() {
        return java.util.List.copyOf(vms.values());
    }

    public void forget(String vmId) {
        vms.remove(vmId);
    }

    Map<String, VmStorage> all() {
        return vms;
    }
}
