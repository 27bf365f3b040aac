package io.hyperv4j.scvmm.sim;

import static io.hyperv4j.scvmm.sim.StorageRenderer.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.CimXml;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.HostScope;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimProvider;
import io.hyperv4j.sim.Txn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Serves root\Microsoft\Windows\Storage from the lab's SAN. A host's session sees the arrays it is
 * cabled to (as through an installed storage provider), its own disks (MSFT_Disk: its boot disk and
 * the SAN disks it found at its last rescan) and the rescan itself (MSFT_StorageSetting.
 * UpdateHostStorageCache). Masking changes finish within the call (the documented 0, never 4096);
 * a refused call returns its documented code and changes nothing.
 */
public final class WindowsStorageProvider implements SimProvider {
    private static final Set<String> ASSOCIATIONS = Set.of("MSFT_StorageSubSystemToVirtualDisk", "MSFT_StorageSubSystemToMaskingSet",
            "MSFT_StorageSubSystemToInitiatorId", "MSFT_StorageSubSystemToTargetPort", "MSFT_StorageSubSystemToStoragePool",
            "MSFT_StoragePoolToVirtualDisk", "MSFT_MaskingSetToVirtualDisk", "MSFT_MaskingSetToInitiatorId", "MSFT_MaskingSetToTargetPort",
            "MSFT_VirtualDiskToDisk");

    /** How fast the array formats a fixed LU created as a job (bytes per second of virtual time). */
    static final long FORMAT_BYTES_PER_SECOND = 2_000_000_000L;

    private SanModel model;
    private Lab lab;
    private final Map<String, SimStorageJob> jobs = new LinkedHashMap<>();
    private final StorageRenderer renderer = new StorageRenderer();

    @Override
    public String namespace() {
        return NS;
    }

    @Override
    public Set<String> classNames() {
        Set<String> s = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        s.addAll(List.of(SUBSYSTEM, VIRTUAL_DISK, MASKING_SET, INITIATOR_ID, TARGET_PORT, POOL, DISK, SETTING, INITIATOR_PORT, JOB));
        s.addAll(ASSOCIATIONS);
        return s;
    }

    @Override
    public void attach(Lab lab) {
        this.lab = lab;
        model = new SanModel(lab);
        io.hyperv4j.sim.v2.storage.StorageModel.of(lab).onGuestWrite(model::guestWrite); // the lab's life long: guests write to their LUs
    }

    SanModel model() {
        return model;
    }

    private List<SimArray> visible(String host) {
        HostSan h = model.host(host);
        List<SimArray> out = new ArrayList<>();
        if (h != null) for (SimArray a : model.arrays.values()) if (SanModel.connected(h, a)) out.add(a);
        return out;
    }

    @Override
    public List<CimInstance> instances(HostScope scope, String className) {
        String host = scope.host().name();
        List<CimInstance> out = new ArrayList<>();
        for (CimInstance i : all(host)) if (i.className().equalsIgnoreCase(className)) out.add(i);
        return out;
    }

    /** Everything the host sees, primary classes and associations. */
    private List<CimInstance> all(String server) {
        List<CimInstance> out = new ArrayList<>();
        HostSan h = model.host(server);
        out.add(renderer.setting(server));
        for (SimStorageJob j : jobs.values()) if (j.host.equalsIgnoreCase(server)) out.add(renderer.job(j, lab.clock().now(), server));
        out.add(renderer.bootDisk(server, server));
        if (h != null) {
            int index = 0;
            for (var e : h.initiators.entrySet()) out.add(renderer.initiatorPort(server, e.getKey(), e.getValue(), index++, server));
        }
        if (h != null)
            for (HostDisk d : h.disks.values()) {
                SimArray a = model.arrays.get(d.array);
                if (a == null || !a.lus.containsKey(d.lu)) continue;
                CimInstance disk = renderer.disk(h, d, a, server);
                out.add(disk);
                out.add(association("MSFT_VirtualDiskToDisk", server, "VirtualDisk", path(server, VIRTUAL_DISK, luId(a, d.lu)), "Disk", disk.path()));
            }
        for (SimArray a : visible(server)) arrayInstances(a, server, out);
        return out;
    }

    private void arrayInstances(SimArray a, String server, List<CimInstance> out) {
        CimInstance sub = renderer.subsystem(a, server);
        out.add(sub);
        Map<String, Integer> initiators = new LinkedHashMap<>();
        for (SimHostGroup g : a.hostGroups.values()) for (String i : g.initiators) initiators.putIfAbsent(i, g.hostType);
        for (SimLu lu : a.lus.values()) {
            CimInstance vd = renderer.virtualDisk(a, lu, server);
            out.add(vd);
            out.add(association("MSFT_StorageSubSystemToVirtualDisk", server, "StorageSubSystem", sub.path(), "VirtualDisk", vd.path()));
            String poolId = lu.thin() ? poolId(a, lu.pool) : raidGroupId(a, lu.raidGroup);
            out.add(association("MSFT_StoragePoolToVirtualDisk", server, "StoragePool", path(server, POOL, poolId), "VirtualDisk", vd.path()));
        }
        for (SimRaidGroup g : a.raidGroups.values())
            if (g.pool == null) poolWithLink(renderer.raidGroupPool(a, g, server), sub, server, out);
        for (int p : a.pools.keySet()) poolWithLink(renderer.dpPool(a, p, server), sub, server, out);
        for (SimPort p : a.ports.values()) {
            CimInstance tp = renderer.targetPort(a, p, server);
            out.add(tp);
            out.add(association("MSFT_StorageSubSystemToTargetPort", server, "StorageSubSystem", sub.path(), "TargetPort", tp.path()));
        }
        for (var e : initiators.entrySet()) {
            CimInstance ii = renderer.initiatorId(a, e.getKey(), e.getValue(), server);
            out.add(ii);
            out.add(association("MSFT_StorageSubSystemToInitiatorId", server, "StorageSubSystem", sub.path(), "InitiatorId", ii.path()));
        }
        for (SimHostGroup g : a.hostGroups.values()) {
            CimInstance ms = renderer.maskingSet(a, g, server);
            out.add(ms);
            out.add(association("MSFT_StorageSubSystemToMaskingSet", server, "StorageSubSystem", sub.path(), "MaskingSet", ms.path()));
            for (int lu : g.lus.values())
                out.add(association("MSFT_MaskingSetToVirtualDisk", server, "MaskingSet", ms.path(), "VirtualDisk", path(server, VIRTUAL_DISK, luId(a, lu))));
            for (String i : g.initiators)
                out.add(association("MSFT_MaskingSetToInitiatorId", server, "MaskingSet", ms.path(), "InitiatorId", path(server, INITIATOR_ID, initiatorId(a, i))));
            for (String p : g.ports)
                out.add(association("MSFT_MaskingSetToTargetPort", server, "MaskingSet", ms.path(), "TargetPort", path(server, TARGET_PORT, portId(a, a.ports.get(p)))));
        }
    }

    private static void poolWithLink(CimInstance pool, CimInstance sub, String server, List<CimInstance> out) {
        out.add(pool);
        out.add(association("MSFT_StorageSubSystemToStoragePool", server, "StorageSubSystem", sub.path(), "StoragePool", pool.path()));
    }

    @Override
    public CimInstance instance(HostScope scope, ObjectPath path) {
        for (CimInstance i : instances(scope, path.className()))
            if (same(i.path(), path)) return i;
        return null;
    }

    private static boolean same(ObjectPath a, ObjectPath b) {
        return a.className().equalsIgnoreCase(b.className()) && a.withServer(null).relative().equals(b.withServer(null).relative());
    }

    @Override
    public List<CimInstance> referencesTo(HostScope scope, ObjectPath path) {
        List<CimInstance> out = new ArrayList<>();
        for (CimInstance a : all(scope.host().name())) {
            if (!ASSOCIATIONS.contains(a.className())) continue;
            for (CimValue v : a.properties().values())
                if (v.type() == CimType.REFERENCE && !v.isNull() && same(v.asPath(), path)) {
                    out.add(a);
                    break;
                }
        }
        return out;
    }

    @Override
    public List<CimInstance> render(Lab lab, Object entity, Instant now) {
        List<CimInstance> out = new ArrayList<>();
        if (entity instanceof SimArray a) {
            for (HostSan h : model.hosts.values())
                if (SanModel.connected(h, a) && model.arrays.get(a.name) == a) arrayInstances(a, h.host, out);
        } else if (entity instanceof SimStorageJob j) {
            if (jobs.get(j.id) == j) out.add(renderer.job(j, now, j.host));
        } else if (entity instanceof HostSan h) {
            for (CimInstance i : all(h.host)) if (i.className().equals(DISK) || i.className().equals("MSFT_VirtualDiskToDisk")) out.add(i);
        }
        return out;
    }

    // ---------------------------------------------------------------- methods

    @Override
    public MethodResult invoke(Txn txn, HostScope scope, ObjectPath target, String method, Map<String, CimValue> in) {
        String host = scope.host().name();
        Map<String, CimValue> p = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        p.putAll(in);
        String m = method.toLowerCase(Locale.ROOT);
        try {
            if (target.className().equalsIgnoreCase(SETTING) && m.equals("updatehoststoragecache")) {
                HostSan h = model.host(host);
                if (h != null) model.rescan(txn, h);
                return new MethodResult(0, Map.of());
            }
            String id = String.valueOf(target.key("ObjectId"));
            SimArray a = arrayOf(host, id);
            return switch (target.className().toLowerCase(Locale.ROOT) + "." + m) {
                case "msft_storagesubsystem.createmaskingset" -> createMaskingSet(txn, a, p, host);
                case "msft_storagesubsystem.createvirtualdisk" -> createVirtualDisk(txn, a, p, host, null);
                case "msft_storagepool.createvirtualdisk" -> createVirtualDisk(txn, a, p, host, id);
                case "msft_maskingset.addvirtualdisk" -> {
                    SimHostGroup g = hostGroup(a, id);
                    List<Integer> lus = lus(a, strings(p, "VirtualDiskNames"));
                    List<String> access = strings(p, "DeviceAccesses");
                    if (!access.isEmpty() && access.size() != lus.size())
                        throw new SanRefusedException(SanRefusal.DEVICE_ACCESS_REQUIRED, lus.size() + " virtual disks but " + access.size() + " accesses");
                    model.addLus(txn, a, g, lus, numbers(strings(p, "DeviceNumbers")));
                    yield done();
                }
                case "msft_maskingset.removevirtualdisk" -> {
                    model.removeLus(txn, a, hostGroup(a, id), lus(a, strings(p, "VirtualDiskNames")));
                    yield done();
                }
                case "msft_maskingset.addinitiatorid" -> {
                    List<String> ids = strings(p, "InitiatorIds");
                    if (ids.isEmpty()) throw new SanRefusedException(SanRefusal.INVALID_PARAMETER, "InitiatorIds is required");
                    model.addInitiators(txn, a, hostGroup(a, id), ids, (int) num(p, "HostType", HOST_TYPE_WINDOWS));
                    yield done();
                }
                default -> throw new CimException(CimError.NOT_SUPPORTED, target.className() + "." + method + " is not implemented by the simulator");
            };
        } catch (SanRefusedException e) {
            if (e.reason().code == 0) throw new IllegalStateException("refusal without a documented code: " + e.getMessage(), e);
            return new MethodResult(e.reason().code, Map.of());
        }
    }

    private static MethodResult done() {
        return new MethodResult(0, Map.of());
    }

    private MethodResult createMaskingSet(Txn txn, SimArray a, Map<String, CimValue> p, String server) {
        String name = str(p, "FriendlyName");
        if (name == null || name.isBlank()) throw new SanRefusedException(SanRefusal.INVALID_PARAMETER, "FriendlyName is required");
        List<Integer> lus = lus(a, strings(p, "VirtualDiskNames"));
        List<String> access = strings(p, "DeviceAccesses");
        if (!lus.isEmpty() && access.size() != lus.size())
            throw new SanRefusedException(SanRefusal.DEVICE_ACCESS_REQUIRED, lus.size() + " virtual disks but " + access.size() + " accesses");
        SimHostGroup g = model.createHostGroup(txn, a, name, strings(p, "TargetPortAddresses"), strings(p, "InitiatorAddresses"),
                (int) num(p, "HostType", HOST_TYPE_WINDOWS), lus, numbers(strings(p, "DeviceNumbers")));
        return new MethodResult(0, Map.of("CreatedMaskingSet", CimValue.string(CimXml.writeInstance(renderer.maskingSet(a, g, server)))));
    }

    private MethodResult createVirtualDisk(Txn txn, SimArray a, Map<String, CimValue> p, String server, String poolObjectId) {
        String name = str(p, "FriendlyName");
        if (name == null || name.isBlank()) throw new SanRefusedException(SanRefusal.INVALID_PARAMETER, "FriendlyName is required");
        boolean max = p.containsKey("UseMaximumSize") && !p.get("UseMaximumSize").isNull() && p.get("UseMaximumSize").asBoolean();
        long size = num(p, "Size", 0);
        if (max == (size > 0)) throw new SanRefusedException(SanRefusal.SIZE_REQUIRED, "give Size or UseMaximumSize");
        int provisioning = (int) num(p, "ProvisioningType", 0);
        boolean thin;
        int place;
        if (poolObjectId != null) {
            boolean dp = poolObjectId.contains(":DP:");
            place = Integer.parseInt(poolObjectId.substring(poolObjectId.lastIndexOf(':') + 1));
            if ((dp ? !a.pools.containsKey(place) : !a.raidGroups.containsKey(place)))
                throw new CimException(CimError.NOT_FOUND, "no storage pool " + poolObjectId);
            if (provisioning != 0 && provisioning != (dp ? 1 : 2))
                throw new SanRefusedException(SanRefusal.PROVISIONING_TYPE_NOT_SUPPORTED, (dp ? "a Dynamic Provisioning pool holds thin" : "a RAID group holds fixed") + " virtual disks only");
            thin = dp;
        } else {
            thin = provisioning == 1;
            place = thin ? firstPool(a) : roomiest(a, max ? 1 : size);
        }
        if (max) size = thin ? a.poolCapacity(place) : a.raidGroups.get(place).capacity() - a.raidGroupUsed(place);
        SimLu lu = model.createLu(txn, a, name, size, thin, place);
        boolean asJob = p.containsKey("RunAsJob") && !p.get("RunAsJob").isNull() && p.get("RunAsJob").asBoolean();
        if (asJob && !thin) { // a fixed LU is formatted before it is ready: a job of its own
            SimStorageJob job = new SimStorageJob("{" + lab.random().nextGuid() + "}", server, "Creating virtual disk " + luName(lu.number) + " (" + name + ")",
                    txn.now(), java.time.Duration.ofMillis(lu.bytes * 1000 / FORMAT_BYTES_PER_SECOND));
            jobs.put(job.id, job);
            txn.created(job);
            scheduleCompletion(job);
            return new MethodResult(MethodResult.JOB_STARTED, Map.of("Size", CimValue.uint64(lu.bytes),
                    "CreatedStorageJob", CimValue.ref(path(server, JOB, job.id))));
        }
        return new MethodResult(0, Map.of("Size", CimValue.uint64(lu.bytes),
                "CreatedVirtualDisk", CimValue.string(CimXml.writeInstance(renderer.virtualDisk(a, lu, server)))));
    }

    /** The job completes at its end on the lab's clock. */
    private void scheduleCompletion(SimStorageJob job) {
        lab.clock().scheduleAt(job.ends, t -> lab.write(java.time.Duration.ofMinutes(1), tx -> {
            tx.touch(job);
            job.completed = true;
            return null;
        }));
    }

    private static int firstPool(SimArray a) {
        if (a.pools.isEmpty()) throw new SanRefusedException(SanRefusal.NO_SUITABLE_POOL, "array " + a.name + " has no Dynamic Provisioning pool");
        return a.pools.firstKey();
    }

    /** The fixed-LU RAID group with the most free bytes, if it holds {@code size}. */
    private static int roomiest(SimArray a, long size) {
        SimRaidGroup best = null;
        for (SimRaidGroup g : a.raidGroups.values())
            if (g.pool == null && (best == null || g.capacity() - a.raidGroupUsed(g.id) > best.capacity() - a.raidGroupUsed(best.id))) best = g;
        if (best == null) throw new SanRefusedException(SanRefusal.NO_SUITABLE_POOL, "array " + a.name + " has no RAID group for fixed LUs");
        if (best.capacity() - a.raidGroupUsed(best.id) < size)
            throw new SanRefusedException(SanRefusal.NOT_ENOUGH_FREE_SPACE, "no RAID group of " + a.name + " has " + size + " bytes free");
        return best.id;
    }

    private SimArray arrayOf(String host, String objectId) {
        for (SimArray a : visible(host)) if (objectId.startsWith(subsystemId(a))) return a;
        throw new CimException(CimError.NOT_FOUND, "no storage object " + objectId + " is visible from " + host);
    }

    private static SimHostGroup hostGroup(SimArray a, String objectId) {
        for (SimHostGroup g : a.hostGroups.values()) if (hostGroupId(a, g).equals(objectId)) return g;
        throw new CimException(CimError.NOT_FOUND, "no masking set " + objectId);
    }

    /** LU numbers from MSFT_VirtualDisk names (LU7), refused as a whole on the first unknown one. */
    private static List<Integer> lus(SimArray a, List<String> names) {
        List<Integer> out = new ArrayList<>();
        for (String n : names) {
            Integer found = null;
            for (SimLu lu : a.lus.values()) if (luName(lu.number).equalsIgnoreCase(n)) found = lu.number;
            if (found == null) throw new SanRefusedException(SanRefusal.VIRTUAL_DISK_NOT_FOUND, "array " + a.name + " has no virtual disk named " + n);
            out.add(found);
        }
        return out;
    }

    private static List<Integer> numbers(List<String> s) {
        List<Integer> out = new ArrayList<>();
        for (String x : s) {
            try {
                out.add(Integer.parseInt(x.strip()));
            } catch (NumberFormatException e) {
                throw new SanRefusedException(SanRefusal.INVALID_DEVICE_NUMBER, "'" + x + "' is not a device number");
            }
        }
        return out;
    }

    private static List<String> strings(Map<String, CimValue> p, String name) {
        CimValue v = p.get(name);
        List<String> out = new ArrayList<>();
        if (v != null && !v.isNull()) for (Object o : v.asList()) out.add(String.valueOf(o));
        return out;
    }

    private static String str(Map<String, CimValue> p, String name) {
        CimValue v = p.get(name);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static long num(Map<String, CimValue> p, String name, long fallback) {
        CimValue v = p.get(name);
        return v == null || v.isNull() ? fallback : v.asLong();
    }

    // ---------------------------------------------------------------- persistence

    @Override
    public void save(Lab lab, ObjectNode into) {
        SanLabFile.save(model, into);
        StorageJobsFile.save(jobs.values(), into);
    }

    @Override
    public void load(Lab lab, JsonNode from) {
        SanLabFile.load(model, from);
        lab.write(java.time.Duration.ofMinutes(1), txn -> {
            model.resumeCopies(txn);
            return null;
        });
        jobs.clear();
        for (SimStorageJob j : StorageJobsFile.load(from)) {
            jobs.put(j.id, j);
            if (!j.completed) scheduleCompletion(j);
        }
    }
}
