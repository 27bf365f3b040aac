package io.hyperv4j.sim.v2;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.CimXml;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.internal.disk.DiskRefusal;
import io.hyperv4j.internal.disk.DiskSettingData;
import io.hyperv4j.internal.disk.DiskWork;
import io.hyperv4j.sim.HostScope;
import io.hyperv4j.sim.JobHandler;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.SimJob;
import io.hyperv4j.sim.SimProvider;
import io.hyperv4j.sim.Txn;
import io.hyperv4j.vhd.DiskInfo;
import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.VhdType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Msvm_ImageManagementService on every simulated host, backed by the VHD/VHDX engine on real files
 * (paths as {@link DiskPaths} allows). The file work is done when the call is accepted, under the
 * lab lock, after every check: a refused call (32773, 32770, 32779) or a failed one changes no
 * file. The job that follows only models time: {@link #BASE} plus the bytes the engine read or
 * wrote at {@link #BYTES_PER_SECOND}, with progress in tenths; an engine failure ends the job in
 * JobState 10 with ErrorCode 32768 and the engine's message. GetVirtualHardDiskSettingData and
 * GetVirtualHardDiskState answer at once (0). Jobs are not cancellable (the work is done).
 */
public final class ImageManagement extends V2Provider {
    private static final Logger LOG = LoggerFactory.getLogger(ImageManagement.class);

    public static final String CLASS = "Msvm_ImageManagementService";
    private static final Set<String> CLASSES = V2.classSet(CLASS);
    static final String OPERATION = "vhd.imagemanagement";
    /** Modelled storage throughput of a simulated host. */
    public static final long BYTES_PER_SECOND = 200L << 20;
    /** Fixed cost of any disk job (opening, metadata, flush). */
    public static final Duration BASE = Duration.ofMillis(200);
    private static final String ERROR = "error";
    /** Name of the service on Hyper-V hosts. */
    static final String SERVICE_NAME = "vhdsvc";

    private final JobHandler handler = new JobHandler() {
        @Override
        public void complete(Txn txn, SimJob job) {
            String error = job.data(ERROR);
            if (error != null) txn.lab().jobs().fail(txn, job, 32768, "The operation failed.", error);
        }

        @Override
        public void cancelled(Txn txn, SimJob job) {
            // not cancellable: the file work is already done
        }
    };

    public static ObjectPath path(String host) {
        return V2.path(host, CLASS, "CreationClassName", CLASS, "Name", SERVICE_NAME,
                "SystemCreationClassName", V2.COMPUTER_SYSTEM, "SystemName", host);
    }

    public ImageManagement() {
        super(CLASSES);
    }

    @Override
    public void attach(Lab lab) {
        lab.jobs().register(OPERATION, handler);
    }

    @Override
    public List<CimInstance> instances(HostScope scope, String className) {
        return CLASS.equalsIgnoreCase(className) ? List.of(render(scope.host())) : List.of();
    }

    @Override
    public CimInstance instance(HostScope scope, ObjectPath p) {
        CimInstance i = render(scope.host());
        return VirtualizationProvider.keysMatch(p, i.path()) ? i : null;
    }

    @Override
    public List<CimInstance> referencesTo(HostScope scope, ObjectPath path) {
        return List.of();
    }

    @Override
    public List<CimInstance> render(Lab lab, Object entity, Instant now) {
        return entity instanceof SimHost h ? List.of(render(h)) : List.of();
    }

    private static CimInstance render(SimHost h) {
        ObjectPath p = path(h.name());
        CimInstance.Builder b = CimInstance.builder(CLASS).path(p);
        p.keys().forEach((k, v) -> b.put(k, CimValue.string(v.toString())));
        return b.put("Caption", CimValue.string("Hyper-V Image Management Service"))
                .put("Description", CimValue.string("Service for creating and managing virtual hard disks"))
                .put("ElementName", CimValue.string(CLASS))
                .put("EnabledState", CimValue.uint16(2))
                .put("RequestedState", CimValue.uint16(12))
                .put("HealthState", CimValue.uint16(5))
                .put("OperationalStatus", CimValue.array(io.hyperv4j.cim.CimType.UINT16, List.of(2L)))
                .put("Started", CimValue.bool(true))
                .put("StartMode", CimValue.string("Automatic"))
                .build();
    }

    @Override
    public MethodResult invoke(Txn txn, HostScope s, ObjectPath target, String method, Map<String, CimValue> in) {
        Map<String, CimValue> p = Embedded.params(in);
        Lab lab = s.lab();
        try {
            return switch (method.toLowerCase(Locale.ROOT)) {
                case "createvirtualharddisk" -> {
                    CimInstance sd = settingData(p);
                    DiskSpec spec = DiskSettingData.spec(sd);
                    Path path = allowed(lab, DiskSettingData.text(sd, "Path"));
                    if (spec.type() == VhdType.DIFFERENCING) spec = DiskSpec.differencing(spec.format(), allowed(lab, spec.parent().toString()))
                            .withBlockSize(spec.blockSize()).withSectorSizes(spec.logicalSectorSize(), spec.physicalSectorSize());
                    DiskSpec fin = spec;
                    yield job(txn, s, 0, "Creating virtual hard disk " + path, () -> DiskWork.create(path, fin));
                }
                case "getvirtualharddisksettingdata" -> {
                    DiskInfo d = DiskWork.inspect(allowed(lab, string(p, "Path")));
                    yield new MethodResult(0, Map.of("SettingData", CimValue.string(CimXml.writeInstance(DiskSettingData.settingData(d)))));
                }
                case "getvirtualharddiskstate" -> {
                    DiskInfo d = DiskWork.inspect(allowed(lab, string(p, "Path")));
                    yield new MethodResult(0, Map.of("State", CimValue.string(CimXml.writeInstance(DiskSettingData.state(d, modified(d.path()))))));
                }
                case "resizevirtualharddisk" -> {
                    Path path = allowed(lab, string(p, "Path"));
                    long size = Embedded.paramLong(p, "MaxInternalSize", 0);
                    yield job(txn, s, 0, "Resizing virtual hard disk " + path, () -> DiskWork.resize(path, size));
                }
                case "compactvirtualharddisk" -> {
                    Path path = allowed(lab, string(p, "Path"));
                    int mode = (int) Embedded.paramLong(p, "Mode", 0);
                    yield job(txn, s, 0, "Compacting virtual hard disk " + path, () -> DiskWork.compact(path, mode));
                }
                case "convertvirtualharddisk" -> {
                    Path source = allowed(lab, string(p, "SourcePath"));
                    CimInstance sd = settingData(p);
                    DiskSpec spec = DiskSettingData.spec(sd);
                    Path dest = allowed(lab, DiskSettingData.text(sd, "Path"));
                    yield job(txn, s, 0, "Converting virtual hard disk " + source, () -> DiskWork.convert(source, dest, spec));
                }
                case "mergevirtualharddisk" -> {
                    Path source = allowed(lab, string(p, "SourcePath"));
                    Path dest = allowed(lab, string(p, "DestinationPath"));
                    yield job(txn, s, 50, "Merging virtual hard disk " + source, () -> DiskWork.merge(source, dest)); // 50 Merging VHD Disks
                }
                case "setvirtualharddisksettingdata" -> {
                    CimInstance sd = settingData(p);
                    Path child = allowed(lab, DiskSettingData.text(sd, "Path"));
                    Path newParent = changedParent(lab, child, sd);
                    yield job(txn, s, 0, "Setting virtual hard disk parent of " + child, () -> DiskWork.setParent(child, newParent));
                }
                case "getvirtualdiskchanges" -> changes(lab, allowed(lab, string(p, "Path")), p);
                case "validatevirtualharddisk" -> {
                    Path path = allowed(lab, string(p, "Path"));
                    yield job(txn, s, 0, "Validating virtual hard disk " + path, () -> DiskWork.validate(path));
                }
                default -> throw new io.hyperv4j.cim.CimException(io.hyperv4j.cim.CimError.NOT_SUPPORTED,
                        "the simulator does not implement " + CLASS + "." + method);
            };
        } catch (DiskRefusal r) {
            return refused(txn, s, method, r.code(), r.getMessage());
        } catch (IllegalArgumentException e) { // a malformed embedded instance or spec
            return refused(txn, s, method, DiskRefusal.INVALID_PARAMETER, e.getMessage());
        }
    }

    /** A refusal whose reason is known: a job that has already failed with the code and the reason, as Hyper-V reports one. */
    private static MethodResult refused(Txn txn, HostScope s, String method, int code, String reason) {
        LOG.info("{}.{} on {} refused with {}: {}", CLASS, method, s.host().name(), code, reason);
        SimJob job = txn.lab().jobs().refuse(txn, s.host(), CLASS + "." + method, null, code, reason);
        return new MethodResult(4096, Map.of("Job", CimValue.ref(V2.job(s.host().name(), job.id()))));
    }

    /** Does the work now (refusals propagate), then starts the job that models its time or reports its failure. */
    private MethodResult job(Txn txn, HostScope s, int jobType, String caption, java.util.function.Supplier<DiskWork.Done> work) {
        long bytes;
        String error = null;
        try {
            bytes = work.get().bytesMoved();
        } catch (DiskRefusal r) {
            throw r;
        } catch (RuntimeException e) { // engine failure after the checks: the engine left the files as they were
            LOG.warn("{} failed: {}", caption, e.getMessage());
            error = caption + " failed: " + e.getMessage();
            bytes = 0;
        }
        Duration d = BASE.plusNanos((long) (bytes * 1e9 / BYTES_PER_SECOND));
        SimJob job = txn.lab().jobs().submit(txn, s.host(), new SimJob.JobSpec(OPERATION, jobType, caption, caption, false,
                null, d, error == null ? Map.of() : Map.of(ERROR, error)));
        return new MethodResult(4096, Map.of("Job", CimValue.ref(V2.job(s.host().name(), job.id()))));
    }

    /**
     * The new parent a SetVirtualHardDiskSettingData asks for. Clients send the whole instance they
     * read (os-win edits ParentPath in GetVirtualHardDiskSettingData's XML), so a property counts
     * as updated only when it differs from the disk's; one per call (MSDOCS), and only ParentPath
     * is modelled.
     */
    private static Path changedParent(Lab lab, Path child, CimInstance sd) {
        DiskInfo now = DiskWork.inspect(child);
        String parent = DiskSettingData.text(sd, "ParentPath");
        Long sector = Embedded.integer(sd, "PhysicalSectorSize");
        String id = DiskSettingData.text(sd, "VirtualDiskId");
        boolean sectorChanged = sector != null && sector != 0 && sector != now.physicalSectorSize();
        boolean idChanged = id != null && !id.isBlank() && (now.diskIdentifier() == null
                || !id.replace("{", "").replace("}", "").equalsIgnoreCase(now.diskIdentifier().toString()));
        boolean parentGiven = parent != null && !parent.isBlank();
        boolean parentChanged = parentGiven && (now.parentPath() == null || !Path.of(parent).normalize().equals(now.parentPath().normalize()));
        if ((parentChanged ? 1 : 0) + (sectorChanged ? 1 : 0) + (idChanged ? 1 : 0) > 1)
            throw new DiskRefusal(DiskRefusal.INVALID_PARAMETER, "only one of ParentPath, PhysicalSectorSize and VirtualDiskId"
                    + " can be updated in one call");
        if (sectorChanged || idChanged)
            throw new DiskRefusal(DiskRefusal.NOT_SUPPORTED, "the simulator changes only ParentPath"
                    + " (PhysicalSectorSize and VirtualDiskId are not modelled)");
        if (!parentGiven) throw new DiskRefusal(DiskRefusal.INVALID_PARAMETER, "no ParentPath given for '" + child + "'");
        return allowed(lab, parent);
    }

    /** Most ranges one GetVirtualDiskChanges call returns; ProcessedByteLength tells the caller where to go on. */
    static final int MAX_RANGES_PER_CALL = 128;

    /**
     * GetVirtualDiskChanges: the ranges of {@code path} changed since the change tracking id LimitId,
     * within [ByteOffset, ByteOffset + ByteLength), answered at once (0). A live file answers up to
     * now, a checkpoint's frozen file up to its moment. Refused: a missing file (32779), a VHD (no
     * change tracking, 32770), TargetSnapshotId (VHD Sets only, 32770), a file no VM drive uses, an id
     * not of this disk's current tracking, or a region outside the disk (32773).
     */
    private static MethodResult changes(Lab lab, Path path, Map<String, CimValue> p) {
        DiskInfo d = DiskWork.inspect(path);
        if (d.vhdFormat() != io.hyperv4j.vhd.VhdFormat.VHDX)
            throw new DiskRefusal(DiskRefusal.NOT_SUPPORTED, "'" + path + "' is a " + d.vhdFormat() + " file: resilient change tracking needs VHDX");
        String target = string(p, "TargetSnapshotId");
        if (target != null && !target.isBlank())
            throw new DiskRefusal(DiskRefusal.NOT_SUPPORTED, "TargetSnapshotId applies to VHD Set files only; '" + path + "' is not one");
        long offset = Embedded.paramLong(p, "ByteOffset", 0);
        long length = Embedded.paramLong(p, "ByteLength", 0);
        if (offset < 0 || length <= 0 || offset + length < offset || offset + length > d.size())
            throw new DiskRefusal(DiskRefusal.INVALID_PARAMETER, "ByteOffset " + offset + " and ByteLength " + length
                    + " are not a region of '" + path + "' (" + d.size() + " bytes)");
        String limit = string(p, "LimitId");
        if (!io.hyperv4j.sim.v2.storage.RctJournal.wellFormed(limit))
            throw new DiskRefusal(DiskRefusal.INVALID_PARAMETER, "LimitId is not a resilient change tracking id");
        for (io.hyperv4j.sim.v2.storage.VmStorage st : io.hyperv4j.sim.v2.storage.StorageModel.of(lab).vms()) {
            io.hyperv4j.sim.v2.storage.VmStorage.Tracked t = st.tracked(path);
            if (t == null) continue;
            var since = st.rct().since(t.driveId(), limit, t.frozenAt());
            if (since.isEmpty())
                throw new DiskRefusal(DiskRefusal.INVALID_PARAMETER, "LimitId '" + limit + "' is not a change tracking id of '" + path
                        + "' up to its current state (unknown, later, or from before its content was replaced)");
            List<io.hyperv4j.vhd.ByteRange> ranges = since.get().within(offset, length);
            long processed = length;
            if (ranges.size() > MAX_RANGES_PER_CALL) {
                ranges = ranges.subList(0, MAX_RANGES_PER_CALL);
                processed = ranges.get(ranges.size() - 1).end() - offset;
            }
            List<Object> offs = new java.util.ArrayList<>();
            List<Object> lens = new java.util.ArrayList<>();
            for (io.hyperv4j.vhd.ByteRange r : ranges) {
                offs.add(r.offset());
                lens.add(r.length());
            }
            return new MethodResult(0, Map.of("ProcessedByteLength", CimValue.uint64(processed),
                    "ChangedByteOffsets", CimValue.array(io.hyperv4j.cim.CimType.UINT64, offs),
                    "ChangedByteLengths", CimValue.array(io.hyperv4j.cim.CimType.UINT64, lens)));
        }
        throw new DiskRefusal(DiskRefusal.INVALID_PARAMETER, "'" + path + "' is not a disk of any virtual machine: no change tracking");
    }

    private static CimInstance settingData(Map<String, CimValue> p) {
        CimInstance sd = Embedded.instance(p.get("VirtualDiskSettingData"));
        if (sd == null) throw new DiskRefusal(DiskRefusal.INVALID_PARAMETER, "VirtualDiskSettingData is missing");
        if (!sd.className().equalsIgnoreCase(DiskSettingData.SETTING_DATA))
            throw new DiskRefusal(DiskRefusal.INVALID_PARAMETER, "VirtualDiskSettingData is a " + sd.className()
                    + ", not a " + DiskSettingData.SETTING_DATA);
        return sd;
    }

    private static String string(Map<String, CimValue> p, String name) {
        CimValue v = p.get(name);
        return Embedded.isNull(v) ? null : v.asString();
    }

    private static Path allowed(Lab lab, String text) {
        StringBuilder why = new StringBuilder();
        Path p = DiskPaths.resolve(lab, text, why);
        if (p == null) throw new DiskRefusal(DiskRefusal.INVALID_PARAMETER, why.toString());
        return p;
    }

    private static Instant modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }
}
