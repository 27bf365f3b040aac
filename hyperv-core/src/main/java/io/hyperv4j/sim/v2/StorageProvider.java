package io.hyperv4j.sim.v2;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.HostScope;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.SimProvider;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.Txn;
import io.hyperv4j.sim.v2.storage.StorageModel;
import io.hyperv4j.sim.v2.storage.VmStorage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * VM storage and checkpoints in root\virtualization\v2: the snapshot service, storage RASDs and
 * SASDs, and the snapshot associations. Snapshot settings themselves are Msvm_VirtualSystemSettingData,
 * served by {@link VirtualizationProvider} from the same model ({@link StorageModel}).
 */
public final class StorageProvider extends V2Provider implements ResourceExtension {
    private static final Set<String> CLASSES = V2.classSet(StorageRenderer.SNAPSHOT_SERVICE, StorageRenderer.RASD,
            StorageRenderer.SASD, StorageRenderer.SNAPSHOT_OF, StorageRenderer.PARENT_CHILD, StorageRenderer.MOST_CURRENT,
            FixedDevices.SERIAL_PORT, FixedDevices.SYNTHETIC_DISPLAY);

    private static final int GUID_LENGTH = 36;

    private final SnapshotService service = new SnapshotService();

    public StorageProvider() {
        super(CLASSES);
    }

    @Override
    public void attach(Lab lab) {
        lab.jobs().register(SnapshotService.OPERATION, SnapshotService.HANDLER);
    }

    @Override
    public List<CimInstance> instances(HostScope s, String className) {
        List<CimInstance> out = new ArrayList<>();
        if (className.equalsIgnoreCase(StorageRenderer.SNAPSHOT_SERVICE)) {
            out.add(StorageRenderer.snapshotService(s.host()));
            return out;
        }
        out.addAll(StorageRenderer.defaults(s.host().name(), className));
        for (SimVm vm : s.host().vms()) out.addAll(ofVm(s, vm, className));
        out.addAll(SystemDefinitions.planned(s.lab()).associations(s.host().name(), className)); // planned VMs' imported checkpoints
        return out;
    }

    /** One VM's instances of {@code className}: its storage settings or its snapshot associations. */
    private static List<CimInstance> ofVm(HostScope s, SimVm vm, String className) {
        VmStorage st = StorageModel.of(s.lab()).find(vm.id()); // a read never creates: DefineSystem did
        for (String settings : StorageRenderer.SETTINGS_CLASSES)
            if (settings.equalsIgnoreCase(className)) return StorageRenderer.resources(s.lab(), vm, st, className);
        return StorageRenderer.associations(vm, st, className);
    }

    /**
     * Found through the VM its keys name (an InstanceID {@code Microsoft:<VM or checkpoint>\...}, or a
     * reference to the VM or one of its checkpoints), so a lookup renders one VM, not the host's.
     */
    @Override
    public CimInstance instance(HostScope s, ObjectPath path) {
        String cls = path.className();
        List<CimInstance> candidates = new ArrayList<>(cls.equalsIgnoreCase(StorageRenderer.SNAPSHOT_SERVICE)
                ? List.of(StorageRenderer.snapshotService(s.host())) : StorageRenderer.defaults(s.host().name(), cls));
        SimVm vm = ownerOf(s, path);
        if (vm != null) candidates.addAll(ofVm(s, vm, cls));
        else candidates.addAll(SystemDefinitions.planned(s.lab()).associations(s.host().name(), cls));
        return VirtualizationProvider.find(candidates, path);
    }

    /** The snapshot associations that reference a VM or one of its settings: rendered from that VM alone. */
    @Override
    public List<CimInstance> referencesTo(HostScope s, ObjectPath path) {
        List<CimInstance> out = new ArrayList<>();
        if (!path.className().equalsIgnoreCase(V2.COMPUTER_SYSTEM) && !path.className().equalsIgnoreCase(V2.VSSD)) return out;
        SimVm vm = owner(s, idIn(path));
        if (vm == null) return out;
        for (String cls : List.of(StorageRenderer.SNAPSHOT_OF, StorageRenderer.PARENT_CHILD, StorageRenderer.MOST_CURRENT))
            for (CimInstance a : ofVm(s, vm, cls))
                for (CimValue v : a.properties().values())
                    if (v.value() instanceof ObjectPath ref && VirtualizationProvider.keysMatch(path, ref)) {
                        out.add(a);
                        break;
                    }
        return out;
    }

    /** The VM on this host that {@code path} belongs to, from its InstanceID or the references among its keys. */
    private static SimVm ownerOf(HostScope s, ObjectPath path) {
        SimVm vm = owner(s, idIn(path));
        for (Object key : path.keys().values())
            if (vm == null && key instanceof ObjectPath ref) vm = owner(s, idIn(ref));
        return vm;
    }

    /** The VM or checkpoint GUID a path names: a computer system's Name, or the GUID in an InstanceID. */
    private static String idIn(ObjectPath path) {
        if (path.className().equalsIgnoreCase(V2.COMPUTER_SYSTEM)) return path.key("Name") instanceof String n ? n : null;
        return path.key("InstanceID") instanceof String id ? V2.vmIdOf(id) : null;
    }

    /** The VM with GUID {@code id}, or owning the checkpoint with that GUID, when it is on this host. */
    private static SimVm owner(HostScope s, String id) {
        if (id == null || id.length() != GUID_LENGTH) return null;   // "Microsoft:Definition\..." names no VM
        SimVm vm = s.lab().vm(id);
        if (vm == null) {
            VmStorage st = StorageModel.of(s.lab()).owning(id);
            vm = st == null ? null : s.lab().vm(st.vmId());
        }
        return vm != null && vm.host() == s.host() ? vm : null;
    }

    @Override
    public MethodResult invoke(Txn txn, HostScope s, ObjectPath target, String method, Map<String, CimValue> in) {
        MethodResult r = target.className().equalsIgnoreCase(StorageRenderer.SNAPSHOT_SERVICE)
                ? service.invoke(txn, s.host(), method, Embedded.params(in)) : null;
        if (r == null)
            throw new CimException(CimError.NOT_SUPPORTED, "the simulator does not implement " + target.className() + "." + method);
        return r;
    }

    // ---- ResourceExtension: AddResourceSettings, ModifyResourceSettings, RemoveResourceSettings for storage

    @Override
    public boolean handles(String settingsClass) {
        return settingsClass.equalsIgnoreCase(StorageRenderer.RASD) || settingsClass.equalsIgnoreCase(StorageRenderer.SASD);
    }

    @Override
    public Check checkAddResource(HostScope scope, SimVm vm, CimInstance settings) {
        return StorageSettings.checkAdd(scope.lab(), vm, settings);
    }

    @Override
    public ObjectPath addResource(Txn txn, HostScope scope, SimVm vm, CimInstance settings) {
        return StorageSettings.add(txn, vm, settings);
    }

    @Override
    public Check checkModifyResource(HostScope scope, CimInstance settings) {
        return StorageSettings.checkModify(scope.lab(), scope.host(), settings);
    }

    @Override
    public ObjectPath modifyResource(Txn txn, HostScope scope, CimInstance settings) {
        return StorageSettings.modify(txn, scope.host(), settings);
    }

    @Override
    public Check checkRemoveResource(HostScope scope, ObjectPath settings) {
        return StorageSettings.checkRemove(scope.lab(), scope.host(), settings);
    }

    @Override
    public void removeResource(Txn txn, HostScope scope, ObjectPath settings) {
        StorageSettings.remove(txn, scope.host(), settings);
    }

    @Override
    public void vmDefined(Txn txn, SimVm vm) {
        StorageSettings.of(txn.lab(), vm); // a generation 1 VM's two IDE controllers
    }

    @Override
    public void vmDestroyed(Txn txn, SimVm vm) {
        StorageModel.of(txn.lab()).forget(vm.id()); // the disk files stay, as Remove-VM leaves them
    }

    @Override
    public void save(Lab lab, com.fasterxml.jackson.databind.node.ObjectNode into) {
        StorageModel m = StorageModel.of(lab);
        if (!m.vms().isEmpty()) io.hyperv4j.sim.v2.storage.StorageFile.save(m, into);
    }

    @Override
    public void load(Lab lab, io.hyperv4j.sim.LabJson from) {
        StorageModel m = StorageModel.of(lab);
        io.hyperv4j.sim.v2.storage.StorageFile.load(m, from);
        m.reconcile(); // what a killed run left: unfinished merges, references to files merged away
        // and folds its save did not get to: done now, before anyone reads the model, or a path this run
        // shows would be folded away by its own save (a kill then is what reconcile finishes)
        m.settle(lab);
    }

    /** Folds the disk files the just-saved lab no longer names (they had to outlive the save). */
    @Override
    public boolean afterSave(Lab lab) {
        StorageModel m = StorageModel.of(lab);
        return lab.write(io.hyperv4j.cim.CimSession.DEFAULT_TIMEOUT, txn -> {
            for (VmStorage st : m.vms()) {
                SimVm vm = st.needsSettling() ? lab.vm(st.vmId()) : null;
                if (vm != null) txn.touch(vm);
            }
            return m.settle(lab);
        });
    }

    @Override
    public List<CimInstance> render(Lab lab, Object entity, Instant now) {
        if (entity instanceof SimHost h) return List.of(StorageRenderer.snapshotService(h));
        if (entity instanceof SimVm vm && !vm.removed()) {
            VmStorage st = StorageModel.of(lab).find(vm.id());
            List<CimInstance> out = new ArrayList<>(StorageRenderer.snapshots(lab, vm));
            for (String cls : StorageRenderer.SETTINGS_CLASSES) out.addAll(StorageRenderer.resources(lab, vm, st, cls));
            if (st == null) return out;
            for (String cls : List.of(StorageRenderer.SNAPSHOT_OF, StorageRenderer.PARENT_CHILD, StorageRenderer.MOST_CURRENT))
                out.addAll(StorageRenderer.associations(vm, st, cls));
            return out;
        }
        return List.of();
    }
}
