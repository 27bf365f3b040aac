package io.hyperv4j.scvmm.storage.internal;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.cim.schema.CimSchema;
import io.hyperv4j.job.CompletedOperation;
import io.hyperv4j.job.Operation;
import java.time.Duration;
import io.hyperv4j.scvmm.storage.HostDisk;
import io.hyperv4j.scvmm.storage.InitiatorId;
import io.hyperv4j.scvmm.storage.Lun;
import io.hyperv4j.scvmm.storage.MappingBinding;
import io.hyperv4j.scvmm.storage.MaskingSet;
import io.hyperv4j.scvmm.storage.Provisioning;
import io.hyperv4j.scvmm.storage.StorageArray;
import io.hyperv4j.scvmm.storage.StoragePool;
import io.hyperv4j.scvmm.storage.StorageRefusedException;
import io.hyperv4j.scvmm.storage.TargetPort;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * LU mapping through the Windows Storage Management API (root\Microsoft\Windows\Storage) over a
 * CIM session: masking sets hold the LUs shown to their initiators (CreateMaskingSet,
 * AddVirtualDisk, RemoveVirtualDisk, AddInitiatorId); UpdateHostStorageCache is the rescan.
 * Works the same against the simulator and a Windows Server 2012+ host with the array's SMI-S or
 * SMP provider.
 */
public final class StorageManagementBinding implements LuMappingBinding {
    public static final String NS = "root\\Microsoft\\Windows\\Storage";
    private static final int READ_WRITE = 2, HOST_TYPE_WINDOWS = 15;

    private final CimSession session;

    public StorageManagementBinding(CimSession session) {
        this.session = session;
    }

    @Override
    public MappingBinding kind() {
        return MappingBinding.STORAGE_MANAGEMENT_API;
    }

    private List<CimInstance> all(String cls) {
        return session.query(NS, "SELECT * FROM " + cls);
    }

    private List<CimInstance> related(ObjectPath of, String assoc, String cls) {
        return session.associators(of, assoc, cls);
    }

    /** The subsystem an object belongs to, through its MSFT_StorageSubSystemTo... association. */
    private String arrayOf(ObjectPath path, String assoc) {
        List<CimInstance> s = related(path, assoc, "MSFT_StorageSubSystem");
        return s.isEmpty() ? null : s.get(0).stringOr("ObjectId", null);
    }

    @Override
    public List<StorageArray> arrays() {
        List<StorageArray> out = new ArrayList<>();
        for (CimInstance i : all("MSFT_StorageSubSystem"))
            out.add(new StorageArray(i.stringOr("ObjectId", ""), i.stringOr("FriendlyName", ""), i.stringOr("Model", ""),
                    i.stringOr("Manufacturer", ""), i.stringOr("SerialNumber", ""), i.intOr("HealthStatus", 5),
                    i.stringOr("FirmwareVersion", "")));
        return out;
    }

    @Override
    public List<Lun> luns() {
        List<Lun> out = new ArrayList<>();
        for (CimInstance i : all("MSFT_VirtualDisk")) out.add(lun(i, arrayOf(i.path(), "MSFT_StorageSubSystemToVirtualDisk")));
        return out;
    }

    private static Lun lun(CimInstance i, String array) {
        return new Lun(i.stringOr("ObjectId", ""), array, i.stringOr("Name", ""), i.stringOr("FriendlyName", ""), i.stringOr("UniqueId", ""),
                i.longOr("Size", 0), i.longOr("AllocatedSize", 0), Provisioning.of(i.longOr("ProvisioningType", 0)),
                i.intOr("HealthStatus", 5));
    }

    @Override
    public List<MaskingSet> maskingSets() {
        List<MaskingSet> out = new ArrayList<>();
        for (CimInstance m : all("MSFT_MaskingSet")) {
            List<String> disks = new ArrayList<>(), inits = new ArrayList<>(), ports = new ArrayList<>();
            related(m.path(), "MSFT_MaskingSetToVirtualDisk", "MSFT_VirtualDisk").forEach(v -> disks.add(v.stringOr("Name", "")));
            related(m.path(), "MSFT_MaskingSetToInitiatorId", "MSFT_InitiatorId").forEach(v -> inits.add(v.stringOr("InitiatorAddress", "")));
            related(m.path(), "MSFT_MaskingSetToTargetPort", "MSFT_TargetPort").forEach(v -> ports.add(v.stringOr("PortAddress", "")));
            out.add(new MaskingSet(m.stringOr("ObjectId", ""), arrayOf(m.path(), "MSFT_StorageSubSystemToMaskingSet"), m.stringOr("Name", ""),
                    m.stringOr("FriendlyName", ""), m.intOr("HostType", 0), disks, inits, ports));
        }
        return out;
    }

    @Override
    public List<InitiatorId> initiatorIds() {
        List<InitiatorId> out = new ArrayList<>();
        for (CimInstance i : all("MSFT_InitiatorId"))
            out.add(new InitiatorId(i.stringOr("ObjectId", ""), i.stringOr("InitiatorAddress", ""), i.intOr("Type", 1)));
        return out;
    }

    @Override
    public List<TargetPort> targetPorts() {
        List<TargetPort> out = new ArrayList<>();
        for (CimInstance i : all("MSFT_TargetPort"))
            out.add(new TargetPort(i.stringOr("ObjectId", ""), i.stringOr("FriendlyName", ""), i.stringOr("PortAddress", ""),
                    i.stringOr("StorageControllerId", ""), i.longOr("Speed", 0)));
        return out;
    }

    @Override
    public List<StoragePool> pools() {
        List<StoragePool> out = new ArrayList<>();
        for (CimInstance i : all("MSFT_StoragePool"))
            if (!i.booleanOr("IsPrimordial", false))
                out.add(new StoragePool(i.stringOr("ObjectId", ""), arrayOf(i.path(), "MSFT_StorageSubSystemToStoragePool"),
                        i.stringOr("FriendlyName", ""), i.longOr("Size", 0), i.longOr("AllocatedSize", 0),
                        Provisioning.of(i.longOr("ProvisioningTypeDefault", 0))));
        return out;
    }

    @Override
    public Operation<Lun> createLun(StoragePool pool, String friendlyName, long sizeBytes, Duration timeout) {
        ObjectPath target = ObjectPath.of(NS, "MSFT_StoragePool", Map.of("ObjectId", pool.objectId()));
        String what = "create LU '" + friendlyName + "' in pool " + pool.friendlyName();
        MethodResult r = call(target, "CreateVirtualDisk", Map.of("FriendlyName", CimValue.string(friendlyName), "Size", CimValue.uint64(sizeBytes),
                "RunAsJob", CimValue.bool(true)), what);
        if (r.returnValue() == MethodResult.JOB_STARTED) {
            ObjectPath job = r.reference("CreatedStorageJob").orElseThrow(() -> new IllegalStateException(what + ": 4096 without CreatedStorageJob"));
            return StorageJobOperation.track(session, job, what, timeout, j -> newest(friendlyName));
        }
        CimInstance created = r.find("CreatedVirtualDisk").map(CimValue::asEmbeddedInstance).orElse(null);
        String id = created == null ? null : created.stringOr("ObjectId", null);
        for (Lun l : luns()) if (l.objectId().equals(id)) return new CompletedOperation<>(what, l);
        return new CompletedOperation<>(what, newest(friendlyName));
    }

    /** The last-listed LU of this friendly name (names need not be unique; a new one is listed last). */
    private Lun newest(String friendlyName) {
        Lun found = null;
        for (Lun l : luns()) if (l.friendlyName().equals(friendlyName)) found = l;
        if (found == null) throw new IllegalStateException("the new LU '" + friendlyName + "' is not listed");
        return found;
    }

    @Override
    public void map(Lun lun, List<String> initiators) {
        MaskingSet target = null;
        for (MaskingSet m : maskingSets())
            if (m.arrayObjectId() != null && m.arrayObjectId().equals(lun.arrayObjectId()) && containsAll(m.initiatorAddresses(), initiators)) {
                target = m;
                break;
            }
        if (target == null) {
            ObjectPath sub = ObjectPath.of(NS, "MSFT_StorageSubSystem", Map.of("ObjectId", lun.arrayObjectId()));
            call(sub, "CreateMaskingSet", Map.of("FriendlyName", CimValue.string(initiators.get(0)),
                    "VirtualDiskNames", CimValue.strings(List.of(lun.name())), "DeviceAccesses", CimValue.array(CimType.UINT16, List.of((long) READ_WRITE)),
                    "InitiatorAddresses", CimValue.strings(initiators), "HostType", CimValue.uint16(HOST_TYPE_WINDOWS)),
                    "create a masking set showing " + lun.name() + " to " + initiators);
            return;
        }
        if (target.virtualDiskNames().contains(lun.name())) return;
        call(ObjectPath.of(NS, "MSFT_MaskingSet", Map.of("ObjectId", target.objectId())), "AddVirtualDisk",
                Map.of("VirtualDiskNames", CimValue.strings(List.of(lun.name())), "DeviceAccesses", CimValue.array(CimType.UINT16, List.of((long) READ_WRITE))),
                "add " + lun.name() + " to masking set " + target.name());
    }

    @Override
    public void unmap(Lun lun, List<String> initiators) {
        for (MaskingSet m : maskingSets()) {
            if (!m.virtualDiskNames().contains(lun.name()) || !lun.arrayObjectId().equals(m.arrayObjectId())) continue;
            boolean any = false;
            for (String i : initiators) any |= contains(m.initiatorAddresses(), i);
            if (any)
                call(ObjectPath.of(NS, "MSFT_MaskingSet", Map.of("ObjectId", m.objectId())), "RemoveVirtualDisk",
                        Map.of("VirtualDiskNames", CimValue.strings(List.of(lun.name()))), "remove " + lun.name() + " from masking set " + m.name());
        }
    }

    @Override
    public List<String> localInitiators() {
        List<String> out = new ArrayList<>();
        for (CimInstance p : all("MSFT_InitiatorPort")) out.add(p.stringOr("PortAddress", ""));
        return out;
    }

    @Override
    public List<HostDisk> disks() {
        List<HostDisk> out = new ArrayList<>();
        for (CimInstance d : all("MSFT_Disk"))
            out.add(new HostDisk(d.intOr("Number", -1), d.stringOr("FriendlyName", ""), d.stringOr("UniqueId", ""), d.longOr("Size", 0),
                    !d.booleanOr("IsOffline", false), d.booleanOr("IsBoot", false), d.intOr("BusType", 0)));
        out.sort(java.util.Comparator.comparingInt(HostDisk::number));
        return out;
    }

    @Override
    public void rescan() {
        call(ObjectPath.of(NS, "MSFT_StorageSetting", Map.of()), "UpdateHostStorageCache", Map.of(), "rescan the host's disks");
    }

    private MethodResult call(ObjectPath target, String method, Map<String, CimValue> in, String what) {
        MethodResult r = session.invoke(target, method, in);
        if (r.returnValue() != 0 && r.returnValue() != MethodResult.JOB_STARTED) {
            String name = CimSchema.forNamespace(NS).method(target.className(), method)
                    .flatMap(m -> m.returnValueMap().label(r.returnValue())).orElse(null);
            throw new StorageRefusedException("could not " + what + " on " + session.host() + ": " + (name == null ? "error" : name)
                    + " (" + r.returnValue() + ")", r.returnValue(), name);
        }
        return r;
    }

    static String norm(String address) {
        return address.replace(":", "").replace("-", "").toUpperCase(Locale.ROOT);
    }

    private static boolean contains(List<String> in, String address) {
        for (String s : in) if (norm(s).equals(norm(address))) return true;
        return false;
    }

    private static boolean containsAll(List<String> in, List<String> wanted) {
        Set<String> have = new HashSet<>();
        in.forEach(s -> have.add(norm(s)));
        for (String w : wanted) if (!have.contains(norm(w))) return false;
        return true;
    }
}
