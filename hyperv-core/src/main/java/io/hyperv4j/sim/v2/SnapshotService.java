package io.hyperv4j.sim.v2;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ElementName;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.JobHandler;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.SimJob;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.Txn;
import io.hyperv4j.sim.v2.storage.SimCheckpoint;
import io.hyperv4j.sim.v2.storage.SnapshotTypeSetting;
import io.hyperv4j.sim.v2.storage.StorageModel;
import io.hyperv4j.sim.v2.storage.VmStorage;
import io.hyperv4j.vhd.VhdException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Msvm_VirtualSystemSnapshotService (wmi-facts A.5): CreateSnapshot, ApplySnapshot, DestroySnapshot,
 * DestroySnapshotTree, ClearSnapshotState. Each checks everything first and returns its documented
 * refusal code with nothing changed; otherwise the disks change at once (new differencing children,
 * merges) and the call returns 4096 with a job that holds the VM busy while it runs.
 * <p>Checkpoint type (UserSnapshotType): 2 Disabled refuses (5); 3 Production takes a production
 * checkpoint (no memory) when the VM is off or its running guest quiesces, else falls back to a
 * standard one; 4 Production only fails (2) when the guest cannot quiesce; 5 Standard saves the
 * memory of a running, paused or saved VM with the checkpoint. SnapshotType 32768 takes a recovery
 * checkpoint, which ConvertToReferencePoint turns into a reference point ({@link ReferencePoints}).
 */
final class SnapshotService {
    /** The job data naming the checkpoint a CreateSnapshot job makes: the job's Msvm_AffectedJobElement links it too. */
    static final String SNAPSHOT_DATA = "snapshot";

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotService.class);
    static final String OPERATION = "v2.snapshot";
    static final int FULL = 2;
    /** SnapshotType of a recovery checkpoint (a vendor-specific value, as backup applications pass it). */
    static final int RECOVERY = 32768;
    static final String SNAPSHOT_SETTING_DATA = "Msvm_VirtualSystemSnapshotSettingData";
    static final int APPLICATION_CONSISTENT = 1;
    static final int CRASH_CONSISTENT = 2;
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("M/d/yyyy - h:mm:ss a", Locale.US).withZone(ZoneOffset.UTC);

    /** The disks changed when the call was accepted: the job only holds the VM busy meanwhile. */
    static final JobHandler HANDLER = new JobHandler() {
        @Override
        public void complete(Txn txn, SimJob job) {}

        @Override
        public void cancelled(Txn txn, SimJob job) {}
    };

    MethodResult invoke(Txn txn, SimHost host, String method, Map<String, CimValue> p) {
        try {
            return switch (method.toLowerCase(Locale.ROOT)) {
                case "createsnapshot" -> create(txn, host, p);
                case "applysnapshot" -> apply(txn, host, p);
                case "destroysnapshot" -> destroy(txn, host, p);
                case "destroysnapshottree" -> destroyTree(txn, host, p);
                case "clearsnapshotstate" -> clearState(txn, host, p);
                case "converttoreferencepoint" -> convert(txn, host, p);
                case "requeststatechange" -> code(1, "the snapshot service does not change state");
                default -> null;
            };
        } catch (IllegalArgumentException e) {
            return code(msvmCodes(method) ? 32773 : 4, method + ": " + e.getMessage());
        } catch (VhdException | java.io.UncheckedIOException e) {
            LOG.warn("{} failed on disk files: {}", method, e.getMessage());
            return code(msvmCodes(method) ? 32768 : 2, e.getMessage());
        }
    }

    /**
     * DestroySnapshotTree and ClearSnapshotState document the Msvm code family (32768 Failed, 32773 Invalid
     * parameter, ...) where the other methods use the CIM one (2 Failed, 4 Invalid Parameter).
     */
    private static boolean msvmCodes(String method) {
        return method.equalsIgnoreCase("DestroySnapshotTree") || method.equalsIgnoreCase("ClearSnapshotState");
    }

    private MethodResult create(Txn txn, SimHost host, Map<String, CimValue> p) {
        ObjectPath ref = Embedded.ref(p.get("AffectedSystem"));
        SimVm vm = ref == null ? null : vm(txn.lab(), host, String.valueOf(ref.key("Name")));
        if (vm == null) return code(4, "AffectedSystem names no VM on " + host.name());
        long type = Embedded.paramLong(p, "SnapshotType", FULL);
        if (type != FULL && type != RECOVERY) return code(type == 3 || type > 32768 ? 1 : 4, "SnapshotType " + type + " is not supported");
        CimValue ss = p.get("SnapshotSettings");
        CimInstance settings = Embedded.isNull(ss) || (ss.value() instanceof String text && text.isBlank()) ? null : Embedded.instance(ss);
        if (vm.isBusy()) return code(5, vm.name() + " has an operation in flight");
        PowerState s = vm.state();
        if (s != PowerState.OFF && s != PowerState.RUNNING && s != PowerState.PAUSED && s != PowerState.SAVED)
            return code(5, vm.name() + " is " + s);
        VmStorage st = StorageSettings.of(txn.lab(), vm);
        if (type == RECOVERY) return recovery(txn, host, vm, st, settings);
        SnapshotTypeSetting setting = st.snapshotType();
        if (setting == SnapshotTypeSetting.DISABLED) return code(5, "checkpoints are disabled for " + vm.name());
        boolean quiesced = s == PowerState.OFF || (s == PowerState.RUNNING && st.guestCanQuiesce());
        String kind;
        if (setting == SnapshotTypeSetting.STANDARD || (setting == SnapshotTypeSetting.PRODUCTION && !quiesced)) kind = "Standard";
        else if (quiesced) kind = "Production";
        else return code(2, "production checkpoint of " + vm.name() + " failed: the guest cannot quiesce (production only)");
        boolean saved = kind.equals("Standard") && s != PowerState.OFF;
        String name = settings == null ? null : Embedded.string(settings, "ElementName");
        Optional<String> refused = name == null || name.isBlank() ? Optional.empty() : ElementName.problem("ElementName", name);
        if (refused.isPresent()) return code(4, refused.get());
        if (name == null || name.isBlank()) name = vm.name() + " - (" + NAME_TIME.format(txn.now()) + ")";
        String id = txn.lab().random().nextGuid();
        txn.touch(vm);
        st.createCheckpoint(id, name, txn.now(), kind, saved, vm.processors(), vm.memoryMb(), () -> txn.lab().random().nextGuid());
        CheckpointSettings.capture(txn.lab(), vm, id);
        Duration d = Duration.ofMillis(800).plusMillis(saved ? vm.memoryMb() * 1000 / 500 : 0);
        Map<String, CimValue> out = new HashMap<>(job(txn, vm, "Creating checkpoint", name, d, Map.of(SNAPSHOT_DATA, id)));
        out.put("ResultingSnapshot", CimValue.ref(StorageRenderer.snapshot(host.name(), id)));
        return new MethodResult(4096, out);
    }

    /**
     * A recovery checkpoint (SnapshotType 32768, the vendor value backup applications use) with the
     * consistency level of the Msvm_VirtualSystemSnapshotSettingData passed: 1 application consistent
     * (the guest's VSS quiesces it; a running guest that cannot fails the call with 2), 2 crash
     * consistent, 0 or none taken as application consistent. Never holds memory; not in the user's tree.
     */
    private MethodResult recovery(Txn txn, SimHost host, SimVm vm, VmStorage st, CimInstance settings) {
        if (settings != null && !settings.className().equalsIgnoreCase(SNAPSHOT_SETTING_DATA))
            return code(4, "SnapshotSettings is a " + settings.className() + ", not a " + SNAPSHOT_SETTING_DATA);
        Long level = settings == null ? null : Embedded.integer(settings, "ConsistencyLevel");
        int consistency = level == null || level == 0 ? APPLICATION_CONSISTENT : level.intValue();
        if (consistency != APPLICATION_CONSISTENT && consistency != CRASH_CONSISTENT)
            return code(4, "ConsistencyLevel " + consistency + " is not 1 (Application Consistent) or 2 (Crash Consistent)");
        if (consistency == APPLICATION_CONSISTENT && vm.state() != PowerState.OFF
                && !(vm.state() == PowerState.RUNNING && st.guestCanQuiesce()))
            return code(2, "application-consistent recovery checkpoint of " + vm.name() + " failed: the guest cannot quiesce");
        String id = txn.lab().random().nextGuid();
        String name = vm.name() + " - Backup - (" + NAME_TIME.format(txn.now()) + ")";
        txn.touch(vm);
        st.createRecoveryCheckpoint(id, name, txn.now(), consistency, vm.processors(), vm.memoryMb(), () -> txn.lab().random().nextGuid());
        CheckpointSettings.capture(txn.lab(), vm, id);
        Map<String, CimValue> out = new HashMap<>(job(txn, vm, "Creating checkpoint", name, Duration.ofMillis(800)));
        out.put("ResultingSnapshot", CimValue.ref(StorageRenderer.snapshot(host.name(), id)));
        return new MethodResult(4096, out);
    }

    /**
     * ConvertToReferencePoint: only a recovery checkpoint converts (4 otherwise); the checkpoint is
     * deleted and the reference point keeps each disk's change tracking id of its moment.
     */
    private MethodResult convert(Txn txn, SimHost host, Map<String, CimValue> p) {
        Found f = find(txn.lab(), host, Embedded.ref(p.get("AffectedSnapshot")));
        if (f == null) return code(4, "AffectedSnapshot names no checkpoint on " + host.name());
        if (f.st.rct().recovery(f.cp.id()) == null) return code(4, "checkpoint '" + f.cp.name() + "' is not a recovery checkpoint");
        if (f.vm.isBusy()) return code(5, f.vm.name() + " has an operation in flight");
        txn.touch(f.vm);
        var rp = f.st.convertToReferencePoint(f.cp, txn.lab().random().nextGuid());
        StorageModel.of(txn.lab()).changed(txn.lab());
        Map<String, CimValue> out = new HashMap<>(job(txn, f.vm, "Converting checkpoint", f.cp.name(), Duration.ofSeconds(2)));
        out.put("ResultingReferencePoint", CimValue.ref(ReferencePoints.path(host.name(), f.vm.id(), rp.id())));
        return new MethodResult(4096, out);
    }

    private MethodResult apply(Txn txn, SimHost host, Map<String, CimValue> p) {
        Found f = find(txn.lab(), host, Embedded.ref(p.get("Snapshot")));
        if (f == null) return code(32773, "Snapshot names no checkpoint on " + host.name());
        SimVm vm = f.vm;
        if (vm.isBusy()) return code(32775, vm.name() + " has an operation in flight");
        // Hyper-V applies a checkpoint only to a VM that is off or saved.
        if (vm.state() != PowerState.OFF && vm.state() != PowerState.SAVED)
            return code(32775, vm.name() + " is " + vm.state() + ": turn it off or save it first");
        txn.touch(vm);
        f.st.apply(f.cp, () -> txn.lab().random().nextGuid());
        StorageModel.of(txn.lab()).changed(txn.lab());
        vm.processors(f.cp.processors());
        vm.memoryMb(f.cp.memoryMb());
        CheckpointSettings.restore(txn.lab(), vm, f.cp.id());
        vm.state(f.cp.savedState() ? PowerState.SAVED : PowerState.OFF, txn.now());
        Duration d = Duration.ofMillis(800).plusMillis(f.cp.savedState() ? vm.memoryMb() * 1000 / 800 : 0);
        return new MethodResult(4096, job(txn, vm, "Applying checkpoint", f.cp.name(), d));
    }

    private MethodResult destroy(Txn txn, SimHost host, Map<String, CimValue> p) {
        Found f = find(txn.lab(), host, Embedded.ref(p.get("AffectedSnapshot")));
        if (f == null) return code(4, "AffectedSnapshot names no checkpoint on " + host.name());
        if (f.vm.isBusy()) return code(5, f.vm.name() + " has an operation in flight");
        txn.touch(f.vm);
        f.st.delete(f.cp);
        StorageModel.of(txn.lab()).changed(txn.lab());
        return new MethodResult(4096, job(txn, f.vm, "Deleting checkpoint", f.cp.name(), Duration.ofSeconds(2)));
    }

    private MethodResult destroyTree(Txn txn, SimHost host, Map<String, CimValue> p) {
        Found f = find(txn.lab(), host, Embedded.ref(p.get("SnapshotSettingData")));
        if (f == null) return code(32773, "SnapshotSettingData names no checkpoint on " + host.name());
        if (f.vm.isBusy()) return code(32774, f.vm.name() + " has an operation in flight");
        txn.touch(f.vm);
        List<SimCheckpoint> all = f.st.subtree(f.cp);
        for (SimCheckpoint c : all) f.st.delete(c);
        StorageModel.of(txn.lab()).changed(txn.lab());
        return new MethodResult(4096, job(txn, f.vm, "Deleting checkpoint subtree", f.cp.name(), Duration.ofSeconds(2L * all.size())));
    }

    private MethodResult clearState(Txn txn, SimHost host, Map<String, CimValue> p) {
        Found f = find(txn.lab(), host, Embedded.ref(p.get("SnapshotSettingData")));
        if (f == null) return code(32773, "SnapshotSettingData names no checkpoint on " + host.name());
        if (f.vm.isBusy()) return code(32774, f.vm.name() + " has an operation in flight");
        txn.touch(f.vm);
        f.st.clearSavedState(f.cp);
        return code(0, null);
    }

    /** ModifySystemSettings on a snapshot's settings: Rename-VMSnapshot (ElementName) and nothing else. */
    static MethodResult rename(Txn txn, SimHost host, CimInstance vssd) {
        Found f = find(txn.lab(), host, V2.path(host.name(), V2.VSSD, "InstanceID", String.valueOf(Embedded.string(vssd, "InstanceID"))));
        if (f == null) return code(4, "SystemSettings names no VM or checkpoint on " + host.name());
        String name = Embedded.string(vssd, "ElementName");
        Optional<String> refused = ElementName.problem("a checkpoint name", name);
        if (refused.isPresent()) return code(4, refused.get());
        if (f.vm.isBusy()) return code(5, f.vm.name() + " has an operation in flight");
        txn.touch(f.vm);
        f.st.rename(f.cp, name);
        return code(0, null);
    }

    record Found(SimVm vm, VmStorage st, SimCheckpoint cp) {}

    static Found find(Lab lab, SimHost host, ObjectPath ref) {
        if (ref == null || !ref.className().equalsIgnoreCase(V2.VSSD)) return null;
        String id = V2.vmIdOf(String.valueOf(ref.key("InstanceID")));
        if (id == null) return null;
        VmStorage st = StorageModel.of(lab).owning(id);
        if (st == null) return null;
        SimVm vm = vm(lab, host, st.vmId());
        return vm == null ? null : new Found(vm, st, st.checkpoint(id));
    }

    static Map<String, CimValue> job(Txn txn, SimVm vm, String caption, String what, Duration d) {
        return job(txn, vm, caption, what, d, Map.of());
    }

    private static Map<String, CimValue> job(Txn txn, SimVm vm, String caption, String what, Duration d, Map<String, String> data) {
        SimJob job = txn.lab().jobs().submit(txn, vm.host(), new SimJob.JobSpec(OPERATION, 1, caption,
                caption + " '" + what + "' of '" + vm.name() + "'", false, vm.id(), d, data));
        vm.busyJobId(job.id());
        return Map.of("Job", CimValue.ref(V2.job(vm.host().name(), job.id())));
    }

    private static SimVm vm(Lab lab, SimHost host, String id) {
        SimVm vm = id == null ? null : lab.vm(id);
        return vm != null && vm.host() == host ? vm : null;
    }

    private static MethodResult code(int c, String why) {
        if (why != null) LOG.debug("snapshot service answers {}: {}", c, why);
        return new MethodResult(c, Map.of());
    }
}
