package io.hyperv4j.sim;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.ObjectPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * One change to a lab's model, made under the lab lock. Code that changes a model object first
 * {@link #touch touches} it; when the change commits, the lab renders every touched object again
 * and raises creation, modification and deletion events for the instances that differ.
 * <p>Thread-safety: confined to the thread inside {@link Lab#write} that was given it.
 */
public final class Txn {
    private final Lab lab;
    private final Instant now;
    /** The namespaces subscribers listen to: only their instances are rendered to find events. */
    private final java.util.Set<String> observed;
    private final Map<Object, List<CimInstance>> before = new IdentityHashMap<>();
    private final List<Object> order = new ArrayList<>();
    private boolean changed;
    private Duration waitUpTo;
    private BooleanSupplier waitUntil;

    Txn(Lab lab, Instant now, java.util.Set<String> observed) {
        this.lab = lab;
        this.now = now;
        this.observed = observed;
    }

    /**
     * The lab being changed.
     *
     * @return the lab
     */
    public Lab lab() {
        return lab;
    }

    /**
     * The time of this change.
     *
     * @return the time
     */
    public Instant now() {
        return now;
    }

    /**
     * Call right after adding {@code entity} to the model: its instances are all new.
     *
     * @param entity the new model object
     */
    public void created(Object entity) {
        changed = true;
        if (before.containsKey(entity)) return;
        before.put(entity, List.of());
        order.add(entity);
    }

    /**
     * Call before changing or removing {@code entity}.
     *
     * @param entity the model object about to change
     */
    public void touch(Object entity) {
        changed = true;
        if (before.containsKey(entity)) return;
        before.put(entity, observed.isEmpty() ? List.of() : lab.renderAll(entity, now, observed));
        order.add(entity);
    }

    /** The VMs this change touched or created, in that order. */
    List<SimVm> touchedVms() {
        List<SimVm> out = new ArrayList<>();
        for (Object o : order) if (o instanceof SimVm vm) out.add(vm);
        return out;
    }

    boolean changed() {
        return changed;
    }

    /** The instance events this change raises, in the order the objects were touched. */
    List<InstanceEvent> events() {
        if (observed.isEmpty()) return List.of();
        List<InstanceEvent> out = new ArrayList<>();
        for (Object entity : order) {
            Map<ObjectPath, CimInstance> old = byPath(before.get(entity));
            Map<ObjectPath, CimInstance> now = byPath(lab.renderAll(entity, this.now, observed));
            for (var e : now.entrySet()) {
                CimInstance prev = old.remove(e.getKey());
                if (prev == null) out.add(new InstanceEvent(InstanceEvent.Kind.CREATION, null, e.getValue(), this.now));
                else if (!prev.equals(e.getValue()))
                    out.add(new InstanceEvent(InstanceEvent.Kind.MODIFICATION, prev, e.getValue(), this.now));
            }
            for (CimInstance gone : old.values())
                out.add(new InstanceEvent(InstanceEvent.Kind.DELETION, null, gone, this.now));
        }
        return out;
    }

    private static Map<ObjectPath, CimInstance> byPath(List<CimInstance> list) {
        Map<ObjectPath, CimInstance> m = new LinkedHashMap<>();
        for (CimInstance i : list) if (i.path() != null) m.put(i.path(), i);
        return m;
    }

    /**
     * Asks the calling session to wait, once this change has committed and the lock is released,
     * until {@code done} holds or {@code upTo} of simulated time has passed: for a method whose
     * caller tells it how long to wait for its effect (MSCluster's MoveToNewNode TimeOut). The
     * method's result is the same either way. {@code done} is checked under the lab's read lock.
     *
     * @param upTo the longest wait, in simulated time
     * @param done whether the effect is there
     */
    public void waitAfterCommit(Duration upTo, BooleanSupplier done) {
        this.waitUpTo = Objects.requireNonNull(upTo, "upTo");
        this.waitUntil = Objects.requireNonNull(done, "done");
    }

    Duration waitUpTo() {
        return waitUpTo;
    }

    BooleanSupplier waitUntil() {
        return waitUntil;
    }
}
