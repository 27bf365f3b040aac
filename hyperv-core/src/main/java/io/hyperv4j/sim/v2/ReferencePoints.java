package io.hyperv4j.sim.v2;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.HostScope;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.SimProvider;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.Txn;
import io.hyperv4j.sim.v2.storage.RctJournal.SimReferencePoint;
import io.hyperv4j.sim.v2.storage.StorageModel;
import io.hyperv4j.sim.v2.storage.VmStorage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reference points (Windows Server 2016 and later): Msvm_VirtualSystemReferencePointService with
 * DestroyReferencePoint, the RCT-based Msvm_VirtualSystemReferencePoint instances that
 * ConvertToReferencePoint ({@link SnapshotService}) makes, and Msvm_ReferencePointOfVirtualSystem
 * tying each to its VM. Rendered from each VM's {@link io.hyperv4j.sim.v2.storage.RctJournal}.
 */
public final class ReferencePoints extends V2Provider {
    private static final Logger LOG = LoggerFactory.getLogger(ReferencePoints.class);
    static final String SERVICE = "Msvm_VirtualSystemReferencePointService";
    static final String REFERENCE_POINT = "Msvm_VirtualSystemReferencePoint";
    static final String OF_SYSTEM = "Msvm_ReferencePointOfVirtualSystem";
    private static final Set<String> CLASSES = V2.classSet(SERVICE, REFERENCE_POINT, OF_SYSTEM);
    private static final String SERVICE_NAME = "Microsoft:VirtualSystemReferencePointService";
    /** ReferencePointType 2: based on resilient change tracking of the virtual disks. */
    private static final int RCT_BASED = 2;

    static ObjectPath path(String host, String vmId, String referencePointId) {
        return V2.path(host, REFERENCE_POINT, "InstanceID", "Microsoft:" + referencePointId.toUpperCase(Locale.ROOT),
                "VirtualSystemIdentifier", vmId);
    }

    static ObjectPath servicePath(String host) {
        return V2.path(host, SERVICE, "CreationClassName", SERVICE, "Name", SERVICE_NAME,
                "SystemCreationClassName", V2.COMPUTER_SYSTEM, "SystemName", host);
    }

    public ReferencePoints() {
        super(CLASSES);
    }

    @Override
    public List<CimInstance> instances(HostScope s, String className) {
        if (className.equalsIgnoreCase(SERVICE)) return List.of(service(s.host()));
        List<CimInstance> out = new ArrayList<>();
        for (SimVm vm : s.host().vms()) out.addAll(ofVm(s.lab(), vm, className));
        return out;
    }

    private static List<CimInstance> ofVm(Lab lab, SimVm vm, String className) {
        VmStorage st = StorageModel.of(lab).find(vm.id());
        List<CimInstance> out = new ArrayList<>();
        if (st == null || vm.removed()) return out;
        for (SimReferencePoint rp : st.rct().referencePoints())
            out.add(className.equalsIgnoreCase(REFERENCE_POINT) ? render(vm, rp) : ofSystem(vm, rp));
        return out;
    }

    @Override
    public CimInstance instance(HostScope s, ObjectPath path) {
        return VirtualizationProvider.find(instances(s, path.className()), path);
    }

    @Override
    public List<CimInstance> referencesTo(HostScope s, ObjectPath path) {
        if (!path.className().equalsIgnoreCase(V2.COMPUTER_SYSTEM) && !path.className().equalsIgnoreCase(REFERENCE_POINT)) return List.of();
        List<CimInstance> out = new ArrayList<>();
        for (CimInstance a : instances(s, OF_SYSTEM))
            for (CimValue v : a.properties().values())
                if (v.value() instanceof ObjectPath ref && VirtualizationProvider.keysMatch(path, ref)) {
                    out.add(a);
                    break;
                }
        return out;
    }

    @Override
    public List<CimInstance> render(Lab lab, Object entity, Instant now) {
        if (entity instanceof SimHost h) return List.of(service(h));
        if (entity instanceof SimVm vm) {
            List<CimInstance> out = new ArrayList<>(ofVm(lab, vm, REFERENCE_POINT));
            out.addAll(ofVm(lab, vm, OF_SYSTEM));
            return out;
        }
        return List.of();
    }

    @Override
    public MethodResult invoke(Txn txn, HostScope s, ObjectPath target, String method, Map<String, CimValue> in) {
        if (!target.className().equalsIgnoreCase(SERVICE) || !method.equalsIgnoreCase("DestroyReferencePoint"))
            throw new CimException(CimError.NOT_SUPPORTED, "the simulator does not implement " + target.className() + "." + method);
        Map<String, CimValue> p = Embedded.params(in);
        ObjectPath ref = Embedded.ref(p.get("AffectedReferencePoint"));
        Found f = ref == null || !ref.className().equalsIgnoreCase(REFERENCE_POINT) ? null : find(txn.lab(), s.host(), ref);
        if (f == null) return code(32773, "AffectedReferencePoint names no reference point on " + s.host().name());
        if (f.vm.isBusy()) return code(32774, f.vm.name() + " has an operation in flight");
        txn.touch(f.vm);
        f.st.destroyReferencePoint(f.rp);
        return new MethodResult(4096, SnapshotService.job(txn, f.vm, "Deleting reference point", f.rp.id(), Duration.ofSeconds(1)));
    }

    private record Found(SimVm vm, VmStorage st, SimReferencePoint rp) {}

    private static Found find(Lab lab, SimHost host, ObjectPath ref) {
        String iid = String.valueOf(ref.key("InstanceID"));
        String id = iid.regionMatches(true, 0, "Microsoft:", 0, 10) ? iid.substring(10) : iid;
        for (SimVm vm : host.vms()) {
            VmStorage st = StorageModel.of(lab).find(vm.id());
            SimReferencePoint rp = st == null ? null : st.rct().referencePoint(id);
            if (rp != null) return new Found(vm, st, rp);
        }
        return null;
    }

    private static CimInstance render(SimVm vm, SimReferencePoint rp) {
        ObjectPath p = path(vm.host().name(), vm.id(), rp.id());
        List<String> disks = new ArrayList<>();
        for (String drive : rp.driveIds()) disks.add("Microsoft:" + vm.id() + "\\" + drive + "\\L");
        return CimInstance.builder(REFERENCE_POINT).path(p)
                .put("InstanceID", CimValue.string(String.valueOf(p.key("InstanceID"))))
                .put("VirtualSystemIdentifier", CimValue.string(vm.id()))
                .put("ReferencePointType", CimValue.uint16(RCT_BASED))
                .put("ConsistencyLevel", CimValue.uint16(rp.consistencyLevel()))
                .put("HasAssociatedData", CimValue.bool(false))
                .put("VirtualDiskIdentifiers", CimValue.strings(disks))
                .put("ResilientChangeTrackingIdentifiers", CimValue.strings(rp.rctIds()))
                .build();
    }

    private static CimInstance ofSystem(SimVm vm, SimReferencePoint rp) {
        ObjectPath vmPath = V2.computerSystem(vm.host().name(), vm.id());
        ObjectPath rpPath = path(vm.host().name(), vm.id(), rp.id());
        ObjectPath p = new ObjectPath(vm.host().name(), V2.NAMESPACE, OF_SYSTEM, Map.of("Antecedent", vmPath, "Dependent", rpPath));
        return CimInstance.builder(OF_SYSTEM).path(p).put("Antecedent", CimValue.ref(vmPath)).put("Dependent", CimValue.ref(rpPath)).build();
    }

    private static CimInstance service(SimHost h) {
        ObjectPath p = servicePath(h.name());
        CimInstance.Builder b = CimInstance.builder(SERVICE).path(p);
        p.keys().forEach((k, v) -> b.put(k, CimValue.string(v.toString())));
        return b.put("Caption", CimValue.string("Hyper-V Virtual System Reference Point Service"))
                .put("ElementName", CimValue.string("Microsoft Hyper-V Virtual System Reference Point Service"))
                .put("EnabledState", CimValue.uint16(2))
                .put("HealthState", CimValue.uint16(5))
                .put("OperationalStatus", CimValue.array(CimType.UINT16, List.of(2L)))
                .put("Started", CimValue.bool(true))
                .build();
    }

    private static MethodResult code(int c, String why) {
        LOG.debug("reference point service answers {}: {}", c, why);
        return new MethodResult(c, Map.of());
    }
}
