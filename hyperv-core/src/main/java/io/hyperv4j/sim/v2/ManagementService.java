package io.hyperv4j.sim.v2;

import io.hyperv4j.sim.v2.storage.SimCheckpoint;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ElementName;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.HostScope;
import io.hyperv4j.sim.JobHandler;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimProvider;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.SimJob;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.Txn;
import io.hyperv4j.sim.v2.storage.SnapshotTypeSetting;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Msvm_VirtualSystemManagementService: DefineSystem, DestroySystem, ModifySystemSettings,
 * ModifyResourceSettings, GetSummaryInformation. Return codes are the CIM family these methods
 * document (wmi-facts A.2): 0 OK, 1 Not Supported, 4 Invalid Parameter, 5 Invalid State, 4096 Job
 * Started. Every check runs before anything changes.
 */
final class ManagementService {
    private static final Logger LOG = LoggerFactory.getLogger(ManagementService.class);

    static final int OK = 0;
    static final int NOT_SUPPORTED = 1;
    static final int INVALID_PARAMETER = 4;
    static final int INVALID_STATE = 5;

    static final String DEFINE = "v2.vm.define";
    static final String DESTROY = "v2.vm.destroy";
    /** Hyper-V's limits for a VM (Windows Server 2016 and later). */
    static final int MAX_PROCESSORS = 240;
    static final long MIN_MEMORY_MB = 32;
    /** Hyper-V's largest VM memory (12 TB), the ceiling of dynamic memory's maximum. */
    static final long MAX_DYNAMIC_MEMORY_MB = 12L << 20;

    private final VmTimings timings;

    ManagementService(VmTimings timings) {
        this.timings = timings;
    }

    /** Define completes with nothing more to do: the VM exists (off) from the call on. */
    static final JobHandler DEFINE_HANDLER = new JobHandler() {
        @Override
        public void complete(Txn txn, SimJob job) {}

        @Override
        public void cancelled(Txn txn, SimJob job) {}
    };

    /** Destroy removes the VM when its job completes. */
    static final JobHandler DESTROY_HANDLER = new JobHandler() {
        @Override
        public void complete(Txn txn, SimJob job) {
            SimVm vm = txn.lab().vm(job.affectedVmId());
            if (vm != null) SystemDefinitions.destroy(txn, vm);
        }

        @Override
        public void cancelled(Txn txn, SimJob job) {}
    };

    MethodResult invoke(Txn txn, HostScope scope, String method, Map<String, CimValue> in) {
        Map<String, CimValue> p = Embedded.params(in);
        try {
            return switch (method.toLowerCase(java.util.Locale.ROOT)) {
                case "definesystem" -> defineSystem(txn, scope.host(), p);
                case "destroysystem" -> destroySystem(txn, scope.host(), p);
                case "modifysystemsettings" -> modifySystemSettings(txn, scope.host(), p);
                case "modifyresourcesettings" -> modifyResourceSettings(txn, scope.host(), p);
                case "addresourcesettings" -> addResourceSettings(txn, scope.host(), p);
                case "removeresourcesettings" -> removeResourceSettings(txn, scope.host(), p);
                case "getsummaryinformation" -> summary(scope, p);
                case "getvirtualsystemthumbnailimage" -> thumbnail(scope, p);
                case "exportsystemdefinition" -> exportSystem(txn, scope.host(), p);
                case "importsystemdefinition" -> importSystem(txn, scope.host(), p);
                case "realizeplannedsystem" -> realize(txn, scope.host(), p);
                case "validateplannedsystem" -> validatePlanned(txn, scope.host(), p);
                case "defineplannedsystem" -> definePlanned(txn, scope.host(), p);
                case "addfeaturesettings", "modifyfeaturesettings", "removefeaturesettings" -> features(txn, scope, method, p);
                case "modifyservicesettings" -> modifyServiceSettings(txn, scope.host(), p);
                default -> null;
            };
        } catch (Refused r) {
            return refused(txn, scope.host(), method, r.check);
        } catch (SystemDefinitions.Refused r) {
            LOG.debug("{} refused ({}): {}", method, r.code(), r.getMessage());
            return failedJob(txn, scope.host(), method, r.code(), r.getMessage());
        } catch (IllegalArgumentException e) {
            // A malformed embedded instance or value: Invalid Parameter with what was wrong, nothing changed.
            return refused(txn, scope.host(), method, new ResourceExtension.Check(INVALID_PARAMETER, e.getMessage()));
        }
    }

    /** Thrown by a check that knows why it refuses; nothing has changed yet. */
    private static final class Refused extends RuntimeException {
        final ResourceExtension.Check check;

        Refused(int code, String why) {
            super(why, null, false, false);
            this.check = new ResourceExtension.Check(code, why);
        }
    }

    /**
     * A refusal: with a reason, as Hyper-V reports one (4096 and a job that already failed with the
     * Msvm code and the reason as its ErrorDescription); without one, the bare return code.
     */
    private static MethodResult refused(Txn txn, SimHost host, String method, ResourceExtension.Check c) {
        if (c.why() == null) return code(c.code());
        LOG.debug("{} refused ({}): {}", method, c.code(), c.why());
        int msvm = switch (c.code()) {
            case NOT_SUPPORTED -> 32770;
            case INVALID_PARAMETER -> 32773;
            case INVALID_STATE -> 32775;
            default -> 32768;
        };
        return failedJob(txn, host, method, msvm, c.why());
    }

    /** 4096 and a job that already failed with the Msvm code and the reason. */
    private static MethodResult failedJob(Txn txn, SimHost host, String method, int msvm, String why) {
        SimJob job = txn.lab().jobs().refuse(txn, host, "Msvm_VirtualSystemManagementService." + method, null, msvm, why);
        return new MethodResult(4096, Map.of("Job", CimValue.ref(V2.job(host.name(), job.id()))));
    }

    /** The name, or Invalid Parameter (through the IllegalArgumentException handler) for one Hyper-V refuses. */
    private static String checkedName(String name) {
        ElementName.problem("ElementName", name).ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
        return name;
    }

    /** A refusal DefineSystem answers with its return code alone, as Hyper-V does for malformed input. */
    private static final class Malformed extends RuntimeException {
        final int code;

        Malformed(int code, String why) {
            super(why, null, false, false);
            this.code = code;
        }
    }

    /** What DefineSystem and DefinePlannedSystem were asked for, checked. */
    private record Definition(String name, String subType, String version, List<String> notes, SystemSettings.Plan settings,
                              Resources resources, List<CimInstance> extra) {
    }

    /** Checks SystemSettings and ResourceSettings as DefineSystem takes them; a refusal is a {@link Malformed} or a {@link Refused}. */
    private Definition definition(Txn txn, SimHost host, Map<String, CimValue> p) {
        if (!Embedded.isNull(p.get("ReferenceConfiguration"))) throw new Malformed(NOT_SUPPORTED, "ReferenceConfiguration is not served by the simulated host");
        CimInstance vssd = Embedded.instance(p.get("SystemSettings"));
        String name = "New Virtual Machine";
        String subType = SimVm.SUBTYPE_GEN1;
        String version = null;
        List<String> notes = List.of();
        SystemSettings.Plan settings = null;
        if (vssd != null) {
            if (!vssd.className().equalsIgnoreCase(V2.VSSD)) throw new Malformed(INVALID_PARAMETER, "SystemSettings is a " + vssd.className() + ", not a " + V2.VSSD);
            String n = Embedded.string(vssd, "ElementName");
            if (n != null && !n.isBlank()) name = checkedName(n);
            String st = Embedded.string(vssd, "VirtualSystemSubType");
            if (st != null && !st.isEmpty()) {
                if (!st.equals(SimVm.SUBTYPE_GEN1) && !st.equals(SimVm.SUBTYPE_GEN2)) throw new Malformed(INVALID_PARAMETER, "VirtualSystemSubType " + st + " is no generation");
                subType = st;
            }
            version = Embedded.string(vssd, "Version");
            notes = Embedded.strings(vssd, "Notes");
            settings = SystemSettings.plan(txn.lab(), null, subType, vssd, null);
            if (!settings.check().ok()) throw new Refused(settings.check().code(), settings.check().why());
        }
        Resources r = new Resources(1, 1024, false);
        List<CimInstance> extra = new ArrayList<>();
        for (CimInstance rasd : Embedded.instances(p.get("ResourceSettings"))) {
            if (isBuiltIn(rasd.className())) {
                Resources next = apply(r, rasd, host);
                if (next == null) throw new Malformed(INVALID_PARAMETER, "ResourceSettings: " + rasd.className() + " asks for what the host cannot give");
                r = next;
            } else {
                ResourceExtension ext = extension(txn.lab(), rasd.className());
                if (ext == null) throw new Malformed(INVALID_PARAMETER, "ResourceSettings: the simulated host has no " + rasd.className());
                ResourceExtension.Check c = ext.checkAddResource(scope(txn, host), null, rasd);
                if (!c.ok()) throw new Refused(c.code(), c.why());
                extra.add(rasd);
            }
        }
        return new Definition(name, subType, version, notes, settings, r, extra);
    }

    private MethodResult defineSystem(Txn txn, SimHost host, Map<String, CimValue> p) {
        Definition d;
        try {
            d = definition(txn, host, p);
        } catch (Malformed e) {
            return code(e.code);
        }
        String name = d.name();
        Resources r = d.resources();
        SimVm vm = txn.lab().createVm(txn, host, name);
        vm.subType(d.subType());
        if (d.version() != null && !d.version().isBlank()) vm.version(d.version());
        vm.notes(String.join("\n", d.notes()));
        vm.processors(r.processors);
        vm.memoryMb(r.memoryMb);
        vm.dynamicMemory(r.dynamic);
        VmResources.set(vm, r.limits);
        if (d.settings() != null) SystemSettings.apply(txn.lab(), vm, d.settings().changes());
        for (SimProvider sp : txn.lab().providers().all()) if (sp instanceof ResourceExtension e) e.vmDefined(txn, vm);
        for (CimInstance rasd : d.extra()) extension(txn.lab(), rasd.className()).addResource(txn, scope(txn, host), vm, rasd);
        SimJob job = txn.lab().jobs().submit(txn, host, new SimJob.JobSpec(DEFINE, 1, "Creating virtual machine",
                "Creating virtual machine '" + name + "'", false, vm.id(), timings.define(), Map.of()));
        Map<String, CimValue> out = new HashMap<>();
        out.put("ResultingSystem", CimValue.ref(V2.computerSystem(host.name(), vm.id())));
        out.put("Job", CimValue.ref(V2.job(host.name(), job.id())));
        return new MethodResult(4096, out);
    }

    /**
     * DefinePlannedSystem: a planned VM (Msvm_PlannedComputerSystem) with the settings DefineSystem
     * would give a VM, at once; RealizePlannedSystem makes it real. Resources beyond processors and
     * memory (disks, adapters) are refused: the simulated host plans only those.
     */
    private MethodResult definePlanned(Txn txn, SimHost host, Map<String, CimValue> p) {
        Definition d;
        try {
            d = definition(txn, host, p);
        } catch (Malformed e) {
            throw new Refused(e.code, e.getMessage());
        }
        if (!d.extra().isEmpty())
            throw new Refused(NOT_SUPPORTED, "the simulated host plans a virtual machine's processors and memory only, not "
                    + d.extra().get(0).className() + "; add it after RealizePlannedSystem");
        Resources r = d.resources();
        String version = d.version() == null || d.version().isBlank() ? SimVm.DEFAULT_VERSION : d.version();
        SystemDefinition def = new SystemDefinition(txn.lab().random().nextGuid(), d.name(), d.subType(), version, String.join("\n", d.notes()),
                r.processors, r.memoryMb, r.dynamic, false, List.of(), List.of(), d.settings() == null ? Map.of() : d.settings().changes());
        SystemDefinitions.planned(txn.lab()).add(txn, host, def);
        return new MethodResult(OK, Map.of("ResultingSystem", CimValue.ref(PlannedSystems.path(host.name(), def.id()))));
    }

    private record Resources(int processors, long memoryMb, boolean dynamic, VmResources.Limits limits) {
        Resources(int processors, long memoryMb, boolean dynamic) {
            this(processors, memoryMb, dynamic, VmResources.Limits.DEFAULTS);
        }

        Resources with(int p, long m, boolean d) {
            return new Resources(p, m, d, limits);
        }

        boolean numaLimitsDiffer(Resources o) {
            return !java.util.Objects.equals(limits.maxMemoryPerNode(), o.limits.maxMemoryPerNode())
                    || !java.util.Objects.equals(limits.maxProcessorsPerNode(), o.limits.maxProcessorsPerNode())
                    || !java.util.Objects.equals(limits.maxNodesPerSocket(), o.limits.maxNodesPerSocket());
        }
    }

    /** The value sent for {@code prop} when it is there and differs from what the settings show now; else null (unchanged). */
    private static Long changed(CimInstance rasd, String prop, long shown) {
        Long v = Embedded.integer(rasd, prop);
        return v == null || v == shown ? null : v;
    }

    /**
     * Processor or memory settings applied to {@code r}; null when the instance is not acceptable.
     * Throws {@link Refused} naming the limit a quantity is beyond.
     */
    private static Resources apply(Resources r, CimInstance rasd, SimHost host) {
        if (rasd.className().equalsIgnoreCase(V2.PROCESSOR_SD)) {
            Long sent = Embedded.integer(rasd, "VirtualQuantity");
            long n = sent == null ? r.processors : sent;
            int limit = Math.min(MAX_PROCESSORS, host.logicalProcessors());
            if (n < 1 || n > limit)
                throw new Refused(INVALID_PARAMETER, "A virtual machine on " + host.name() + " can have 1 to " + limit
                        + " virtual processors (the host has " + host.logicalProcessors() + " logical processors; Hyper-V allows "
                        + MAX_PROCESSORS + "), not " + n + ".");
            Resources next = r.with((int) n, r.memoryMb, r.dynamic);
            NumaTopology t = NumaTopology.layout(host);
            VmResources.Limits l = r.limits;
            Long perNode = changed(rasd, "MaxProcessorsPerNumaNode", l.maxProcessorsPerNode() != null ? l.maxProcessorsPerNode() : t.maxProcessorsPerNode());
            if (perNode != null && (perNode < 1 || perNode > t.maxProcessorsPerNode()))
                throw new Refused(INVALID_PARAMETER, "MaxProcessorsPerNumaNode must be 1 to " + t.maxProcessorsPerNode()
                        + " (the logical processors of a NUMA node of " + host.name() + "), not " + perNode + ".");
            Long perSocket = changed(rasd, "MaxNumaNodesPerSocket", l.maxNodesPerSocket() != null ? l.maxNodesPerSocket() : 1);
            if (perSocket != null && (perSocket < 1 || perSocket > host.numaNodes()))
                throw new Refused(INVALID_PARAMETER, "MaxNumaNodesPerSocket must be 1 to " + host.numaNodes() + " (the NUMA nodes of "
                        + host.name() + "), not " + perSocket + ".");
            return new Resources(next.processors, next.memoryMb, next.dynamic, new VmResources.Limits(l.minimumMb(), l.maximumMb(), l.buffer(),
                    l.weight(), l.maxMemoryPerNode(), perNode != null ? perNode : l.maxProcessorsPerNode(),
                    perSocket != null ? perSocket : l.maxNodesPerSocket(), processorSettings(rasd, l.processor())));
        }
        if (rasd.className().equalsIgnoreCase(V2.MEMORY_SD)) {
            Long mb = Embedded.integer(rasd, "VirtualQuantity");
            Boolean dyn = Embedded.bool(rasd, "DynamicMemoryEnabled");
            long m = mb == null ? r.memoryMb : mb;
            if (m < MIN_MEMORY_MB || m % 2 != 0 || m > host.memoryMb())
                throw new Refused(INVALID_PARAMETER, "A virtual machine on " + host.name() + " needs " + MIN_MEMORY_MB
                        + " MB to " + host.memoryMb() + " MB of memory in a multiple of 2 MB (the host has "
                        + host.memoryMb() + " MB), not " + m + " MB.");
            return memoryLimits(r.with(r.processors, m, dyn == null ? r.dynamic : dyn), r, rasd, host);
        }
        LOG.debug("resource class {} is not modelled by the simulator", rasd.className());
        return null;
    }

    /**
     * Dynamic memory's minimum (Reservation), maximum (Limit), buffer and weight, and the memory a
     * virtual NUMA node holds, as sent; a value equal to what the settings show is no change.
     * Refused with the documented constraint: minimum &lt;= startup (VirtualQuantity) &lt;= maximum
     * with dynamic memory (each a multiple of 2 MB), TargetMemoryBuffer 5..2000 (the class page),
     * MaxMemoryBlocksPerNumaNode within a host node. With static memory Reservation and Limit are the
     * startup memory and what is sent for them is not kept.
     */
    private static Resources memoryLimits(Resources next, Resources before, CimInstance rasd, SimHost host) {
        VmResources.Limits l = before.limits;
        long shownMin = before.dynamic ? (l.minimumMb() != null ? l.minimumMb() : Math.min(VmResources.DEFAULT_MINIMUM_MB, before.memoryMb)) : before.memoryMb;
        long shownMax = before.dynamic ? (l.maximumMb() != null ? l.maximumMb() : VmResources.DEFAULT_MAXIMUM_MB) : before.memoryMb;
        Long min = changed(rasd, "Reservation", shownMin), max = changed(rasd, "Limit", shownMax);
        Long buffer = changed(rasd, "TargetMemoryBuffer", l.buffer() != null ? l.buffer() : VmResources.DEFAULT_BUFFER);
        Long weight = changed(rasd, "Weight", l.weight() != null ? l.weight() : VmResources.DEFAULT_WEIGHT);
        long hostNode = NumaTopology.layout(host).maxMemoryPerNode();
        Long perNode = changed(rasd, "MaxMemoryBlocksPerNumaNode", l.maxMemoryPerNode() != null ? l.maxMemoryPerNode() : hostNode);
        if (buffer != null && (buffer < 5 || buffer > 2000))
            throw new Refused(INVALID_PARAMETER, "TargetMemoryBuffer must be 5 to 2000 (percent), not " + buffer + ".");
        if (perNode != null && (perNode < 1 || perNode > hostNode))
            throw new Refused(INVALID_PARAMETER, "MaxMemoryBlocksPerNumaNode must be 1 to " + hostNode + " (1 MB blocks of a NUMA node of "
                    + host.name() + "), not " + perNode + ".");
        Long keepMin = next.dynamic ? (min != null ? min : l.minimumMb()) : l.minimumMb();
        Long keepMax = next.dynamic ? (max != null ? max : l.maximumMb()) : l.maximumMb();
        if (next.dynamic) {
            long lo = keepMin != null ? keepMin : Math.min(VmResources.DEFAULT_MINIMUM_MB, next.memoryMb);
            long hi = keepMax != null ? keepMax : VmResources.DEFAULT_MAXIMUM_MB;
            if (lo < MIN_MEMORY_MB || lo % 2 != 0 || hi % 2 != 0 || lo > next.memoryMb || next.memoryMb > hi || hi > MAX_DYNAMIC_MEMORY_MB)
                throw new Refused(INVALID_PARAMETER, "With dynamic memory the minimum (Reservation " + lo + " MB), startup (VirtualQuantity "
                        + next.memoryMb + " MB) and maximum (Limit " + hi + " MB) must rise in that order, from " + MIN_MEMORY_MB
                        + " MB to " + MAX_DYNAMIC_MEMORY_MB + " MB, in multiples of 2 MB.");
        }
        return new Resources(next.processors, next.memoryMb, next.dynamic, new VmResources.Limits(keepMin, keepMax,
                buffer != null ? buffer : l.buffer(), weight != null ? weight : l.weight(), perNode != null ? perNode : l.maxMemoryPerNode(),
                l.maxProcessorsPerNode(), l.maxNodesPerSocket(), l.processor()));
    }

    /**
     * The processor settings kept as sent ({@link VmResources#PROCESSOR_SETTABLE}) over {@code kept}:
     * a value equal to what is shown is no change; Reservation and Limit within 0..100000 with the
     * reservation at most the limit, Weight within 0..10000 (the class page's ranges).
     */
    private static Map<String, CimValue> processorSettings(CimInstance rasd, Map<String, CimValue> kept) {
        Map<String, CimValue> shown = new HashMap<>(V2Renderer.PROCESSOR_DEFAULTS);
        shown.putAll(kept);
        Map<String, CimValue> out = new java.util.TreeMap<>(kept);
        for (String name : VmResources.PROCESSOR_SETTABLE) {
            CimValue v = rasd.get(name);
            if (v == null || v.isNull()) continue;
            CimValue typed = V2Renderer.PROCESSOR_DEFAULTS.get(name).type() == io.hyperv4j.cim.CimType.BOOLEAN
                    ? CimValue.bool(Boolean.TRUE.equals(Embedded.bool(rasd, name)))
                    : CimValue.of(V2Renderer.PROCESSOR_DEFAULTS.get(name).type(), Embedded.integer(rasd, name));
            if (!typed.equals(shown.get(name))) out.put(name, typed);
        }
        long reservation = out.getOrDefault("Reservation", V2Renderer.PROCESSOR_DEFAULTS.get("Reservation")).asLong();
        long limit = out.getOrDefault("Limit", V2Renderer.PROCESSOR_DEFAULTS.get("Limit")).asLong();
        long weight = out.getOrDefault("Weight", V2Renderer.PROCESSOR_DEFAULTS.get("Weight")).asLong();
        if (reservation < 0 || reservation > 100000 || limit < 0 || limit > 100000 || reservation > limit)
            throw new Refused(INVALID_PARAMETER, "The processor's Reservation (" + reservation + ") and Limit (" + limit
                    + ") must be 0 to 100000 (percent / 1000), the reservation at most the limit.");
        if (weight < 0 || weight > 10000) throw new Refused(INVALID_PARAMETER, "The processor's Weight must be 0 to 10000, not " + weight + ".");
        return out;
    }

    /**
     * ExportSystemDefinition: the definition (and with CopyVmStorage the disks) written now; the job
     * lasts as long as the copy takes the host's storage.
     */
    private MethodResult exportSystem(Txn txn, SimHost host, Map<String, CimValue> p) {
        ObjectPath system = Embedded.ref(p.get("ComputerSystem"));
        SimVm vm = vmAt(txn, host, system);
        if (vm == null && system != null && system.className().equalsIgnoreCase(V2.VSSD) && system.key("InstanceID") instanceof String iid
                && V2.vmIdOf(iid) != null && V2.settings(host.name(), V2.vmIdOf(iid)).key("InstanceID").toString().equalsIgnoreCase(iid))
            vm = vmOnHost(txn.lab(), host, V2.vmIdOf(iid)); // the VM's own settings name it too (os-win sends them)
        if (vm == null) throw new SystemDefinitions.Refused(32773, "ComputerSystem names no virtual machine on " + host.name());
        String dirText = Embedded.isNull(p.get("ExportDirectory")) ? null : p.get("ExportDirectory").asString();
        StringBuilder why = new StringBuilder();
        java.nio.file.Path dir = DiskPaths.resolve(txn.lab(), dirText, why);
        if (dir == null) throw new SystemDefinitions.Refused(32773, "ExportDirectory: " + why);
        CimInstance esd = Embedded.instance(p.get("ExportSettingData"));
        boolean storage = esd != null && Boolean.TRUE.equals(Embedded.bool(esd, "CopyVmStorage"));
        boolean runtime = esd != null && Boolean.TRUE.equals(Embedded.bool(esd, "CopyVmRuntimeInformation"));
        if (esd != null && Boolean.TRUE.equals(Embedded.bool(esd, "CreateVmExportSubdirectory"))) dir = dir.resolve(checkedName(vm.name()));
        Long snapshots = esd == null ? null : Embedded.integer(esd, "CopySnapshotConfiguration");
        if (snapshots != null && (snapshots < 0 || snapshots > 3))
            throw new SystemDefinitions.Refused(32773, "CopySnapshotConfiguration " + snapshots
                    + " is not 0 (ExportAllSnapshots), 1 (ExportNoSnapshots), 2 (ExportOneSnapshot) or 3 (ExportOneSnapshotForBackup)");
        long bytes = 0;
        if (snapshots != null && snapshots >= 2) {
            String text = Embedded.string(esd, "SnapshotVirtualSystem");
            ObjectPath ref;
            try {
                ref = text == null || text.isBlank() ? null : ObjectPath.parse(text);
            } catch (RuntimeException e) {
                ref = null;
            }
            SnapshotService.Found f = SnapshotService.find(txn.lab(), host, ref);
            if (f == null || f.cp() == null || !f.vm().id().equalsIgnoreCase(vm.id()))
                throw new SystemDefinitions.Refused(32773, "SnapshotVirtualSystem '" + text + "' is not a checkpoint of '" + vm.name() + "'");
            boolean one = snapshots == 2; // ExportOneSnapshot exports storage and runtime information whatever was asked
            if (one || storage) for (var d : f.cp().drives().values()) if (d.file() != null) bytes += d.file().toFile().length();
            SystemDefinitions.exportCheckpoint(txn, vm, f.cp(), dir, !one, one || storage, one || runtime);
        } else {
            if (storage) for (java.nio.file.Path f : StorageSettings.of(txn.lab(), vm).files()) bytes += f.toFile().length();
            if (snapshots != null && snapshots == 0) SystemDefinitions.exportAll(txn, vm, dir, storage, runtime);
            else SystemDefinitions.export(txn, vm, dir, storage, runtime);
        }
        SimJob job = txn.lab().jobs().submit(txn, host, new SimJob.JobSpec(DEFINE, 1, "Exporting virtual machine",
                "Exporting virtual machine '" + vm.name() + "'", false, vm.id(), MigrationCosts.plan(0, bytes, 1, true).storageCopy(), Map.of()));
        return new MethodResult(4096, Map.of("Job", CimValue.ref(V2.job(host.name(), job.id()))));
    }

    /** ImportSystemDefinition: a planned VM on this host, at once. */
    private MethodResult importSystem(Txn txn, SimHost host, Map<String, CimValue> p) {
        String file = Embedded.isNull(p.get("SystemDefinitionFile")) ? null : p.get("SystemDefinitionFile").asString();
        StringBuilder why = new StringBuilder();
        java.nio.file.Path path = DiskPaths.resolve(txn.lab(), file, why);
        if (path == null) throw new SystemDefinitions.Refused(32773, "SystemDefinitionFile: " + why);
        String id = SystemDefinitions.importDefinition(txn, host, path, Embedded.paramBool(p, "GenerateNewSystemIdentifier", false));
        return new MethodResult(OK, Map.of("ImportedSystem", CimValue.ref(PlannedSystems.path(host.name(), id))));
    }

    /** RealizePlannedSystem: the planned VM becomes a VM of this host, at once. */
    private MethodResult realize(Txn txn, SimHost host, Map<String, CimValue> p) {
        ObjectPath ref = Embedded.ref(p.get("PlannedSystem"));
        Object name = ref == null || !ref.className().equalsIgnoreCase(PlannedSystems.PLANNED) ? null : ref.key("Name");
        SimVm vm = SystemDefinitions.realize(txn, host, name == null ? null : name.toString());
        return new MethodResult(OK, Map.of("ResultingSystem", CimValue.ref(V2.computerSystem(host.name(), vm.id()))));
    }

    /** ValidatePlannedSystem: 0 when RealizePlannedSystem would succeed now, otherwise the failed job with its reason. */
    private MethodResult validatePlanned(Txn txn, SimHost host, Map<String, CimValue> p) {
        ObjectPath ref = Embedded.ref(p.get("PlannedSystem"));
        Object name = ref == null || !ref.className().equalsIgnoreCase(PlannedSystems.PLANNED) ? null : ref.key("Name");
        SystemDefinitions.validate(txn.lab(), host, name == null ? null : name.toString());
        return code(OK);
    }

    private MethodResult destroySystem(Txn txn, SimHost host, Map<String, CimValue> p) {
        SimVm vm = vmAt(txn, host, Embedded.ref(p.get("AffectedSystem")));
        if (vm == null) return code(INVALID_PARAMETER);
        // "The virtual machine must be in the powered off or saved state prior to calling this method."
        if (vm.isBusy() || (vm.state() != PowerState.OFF && vm.state() != PowerState.SAVED)) return code(INVALID_STATE);
        txn.touch(vm);
        SimJob job = txn.lab().jobs().submit(txn, host, new SimJob.JobSpec(DESTROY, 3, "Deleting virtual machine",
                "Deleting virtual machine '" + vm.name() + "'", false, vm.id(), timings.destroy(), Map.of()));
        vm.busyJobId(job.id());
        return new MethodResult(4096, Map.of("Job", CimValue.ref(V2.job(host.name(), job.id()))));
    }

    private MethodResult modifySystemSettings(Txn txn, SimHost host, Map<String, CimValue> p) {
        CimInstance vssd = Embedded.instance(p.get("SystemSettings"));
        if (vssd == null || !vssd.className().equalsIgnoreCase(V2.VSSD)) return code(INVALID_PARAMETER);
        SimVm vm = vmOnHost(txn.lab(), host, V2.vmIdOf(Embedded.string(vssd, "InstanceID")));
        if (vm == null) return SnapshotService.rename(txn, host, vssd);
        String st = Embedded.string(vssd, "VirtualSystemSubType");
        if (st != null && !st.isEmpty() && !st.equals(vm.subType())) return code(INVALID_PARAMETER); // generation is fixed
        String name = Embedded.string(vssd, "ElementName");
        if (name != null) checkedName(name);
        Long userSnapshotType = Embedded.integer(vssd, "UserSnapshotType");
        SnapshotTypeSetting checkpointType = userSnapshotType == null ? null : SnapshotTypeSetting.of(userSnapshotType);
        if (userSnapshotType != null && checkpointType == null) return code(INVALID_PARAMETER);
        SystemSettings.Plan settings = SystemSettings.plan(txn.lab(), vm, vm.subType(), vssd, VirtualizationProvider.settings(txn.lab(), vm));
        if (!settings.check().ok()) throw new Refused(settings.check().code(), settings.check().why());
        txn.touch(vm);
        SystemSettings.apply(txn.lab(), vm, settings.changes());
        if (checkpointType != null) StorageSettings.of(txn.lab(), vm).snapshotType(checkpointType);
        if (name != null) vm.name(name);
        if (vssd.has("Notes")) vm.notes(String.join("\n", Embedded.strings(vssd, "Notes")));
        return code(OK);
    }

    private MethodResult modifyResourceSettings(Txn txn, SimHost host, Map<String, CimValue> p) {
        List<CimInstance> list = Embedded.instances(p.get("ResourceSettings"));
        if (list.isEmpty()) return code(INVALID_PARAMETER);
        // Validate everything first: a refusal leaves every resource unchanged.
        Map<SimVm, Resources> next = new HashMap<>();
        List<Object> plan = new ArrayList<>(); // per instance, in order: the built-in's path, or the extension's instance
        for (CimInstance rasd : list) {
            if (!isBuiltIn(rasd.className())) {
                ResourceExtension ext = extension(txn.lab(), rasd.className());
                if (ext == null) return code(INVALID_PARAMETER);
                ResourceExtension.Check c = ext.checkModifyResource(scope(txn, host), rasd);
                if (!c.ok()) throw new Refused(c.code(), c.why());
                plan.add(rasd);
                continue;
            }
            String id = Embedded.string(rasd, "InstanceID");
            SimVm vm = vmOnHost(txn.lab(), host, V2.vmIdOf(id));
            if (vm == null) return code(INVALID_PARAMETER);
            boolean isProcessor = rasd.className().equalsIgnoreCase(V2.PROCESSOR_SD) && V2.processorId(vm.id()).equalsIgnoreCase(id);
            boolean isMemory = rasd.className().equalsIgnoreCase(V2.MEMORY_SD) && V2.memoryId(vm.id()).equalsIgnoreCase(id);
            if (!isProcessor && !isMemory) return code(INVALID_PARAMETER);
            Resources before = next.getOrDefault(vm, new Resources(vm.processors(), vm.memoryMb(), vm.dynamicMemory(), VmResources.of(vm)));
            Resources after = apply(before, rasd, host);
            if (after == null) return code(INVALID_PARAMETER);
            if (!changeAllowed(vm, before, after)) return code(INVALID_STATE);
            next.put(vm, after);
            plan.add(isProcessor ? V2.processor(host.name(), vm.id()) : V2.memory(host.name(), vm.id()));
        }
        next.forEach((vm, r) -> {
            txn.touch(vm);
            vm.processors(r.processors);
            vm.memoryMb(r.memoryMb);
            vm.dynamicMemory(r.dynamic);
            VmResources.set(vm, r.limits);
        });
        List<ObjectPath> resulting = new ArrayList<>();
        for (Object o : plan)
            resulting.add(o instanceof ObjectPath path ? path
                    : extension(txn.lab(), ((CimInstance) o).className()).modifyResource(txn, scope(txn, host), (CimInstance) o));
        return new MethodResult(OK, Map.of("ResultingResourceSettings", CimValue.array(CimType.REFERENCE, resulting)));
    }

    private MethodResult addResourceSettings(Txn txn, SimHost host, Map<String, CimValue> p) {
        ObjectPath conf = Embedded.ref(p.get("AffectedConfiguration"));
        SimVm vm = conf == null ? null
                : conf.className().equalsIgnoreCase(V2.VSSD) ? vmOnHost(txn.lab(), host, V2.vmIdOf(String.valueOf(conf.key("InstanceID"))))
                : conf.className().equalsIgnoreCase(V2.COMPUTER_SYSTEM) ? vmOnHost(txn.lab(), host, String.valueOf(conf.key("Name"))) // os-win's shape
                : null;
        if (vm == null) return code(INVALID_PARAMETER);
        List<CimInstance> list = Embedded.instances(p.get("ResourceSettings"));
        if (list.isEmpty()) return code(INVALID_PARAMETER);
        for (CimInstance rasd : list) {
            ResourceExtension ext = isBuiltIn(rasd.className()) ? null : extension(txn.lab(), rasd.className());
            if (ext == null) return code(INVALID_PARAMETER); // a VM has exactly one processor and one memory setting
            ResourceExtension.Check c = ext.checkAddResource(scope(txn, host), vm, rasd);
            if (!c.ok()) throw new Refused(c.code(), c.why());
        }
        List<ObjectPath> resulting = new ArrayList<>();
        for (CimInstance rasd : list) resulting.add(extension(txn.lab(), rasd.className()).addResource(txn, scope(txn, host), vm, rasd));
        return new MethodResult(OK, Map.of("ResultingResourceSettings", CimValue.array(CimType.REFERENCE, resulting)));
    }

    private MethodResult removeResourceSettings(Txn txn, SimHost host, Map<String, CimValue> p) {
        List<ObjectPath> refs = Embedded.refs(p.get("ResourceSettings"));
        if (refs.isEmpty()) return code(INVALID_PARAMETER);
        for (ObjectPath ref : refs) {
            ResourceExtension ext = isBuiltIn(ref.className()) ? null : extension(txn.lab(), ref.className());
            if (ext == null) return code(INVALID_PARAMETER);
            ResourceExtension.Check c = ext.checkRemoveResource(scope(txn, host), ref);
            if (!c.ok()) throw new Refused(c.code(), c.why());
        }
        for (ObjectPath ref : refs) extension(txn.lab(), ref.className()).removeResource(txn, scope(txn, host), ref);
        return code(OK);
    }

    /** ModifyServiceSettings: the host's service settings ({@link ServiceSettings}); 0, or a failed job saying why. */
    private MethodResult modifyServiceSettings(Txn txn, SimHost host, Map<String, CimValue> p) {
        CimInstance sent = Embedded.instance(p.get("SettingData"));
        int[] code = new int[1];
        String why = ServiceSettings.problem(txn.lab(), host, sent, code);
        if (why != null) return failedJob(txn, host, "ModifyServiceSettings", code[0], why);
        txn.touch(host);
        ServiceSettings.apply(txn.lab(), host, sent);
        return code(OK);
    }

    /** Port features go to the provider of the resources they belong to; none takes them: Invalid Parameter. */
    private static MethodResult features(Txn txn, HostScope scope, String method, Map<String, CimValue> p) {
        for (SimProvider sp : txn.lab().providers().all()) {
            MethodResult r = sp instanceof ResourceExtension e ? e.featureSettings(txn, scope, method, p) : null;
            if (r != null) return r;
        }
        return code(INVALID_PARAMETER);
    }

    private static boolean isBuiltIn(String settingsClass) {
        return settingsClass.equalsIgnoreCase(V2.PROCESSOR_SD) || settingsClass.equalsIgnoreCase(V2.MEMORY_SD);
    }

    /** The provider of the lab that handles this settings class, or null. */
    static ResourceExtension extension(Lab lab, String settingsClass) {
        for (SimProvider p : lab.providers().all())
            if (p instanceof ResourceExtension e && e.handles(settingsClass)) return e;
        return null;
    }

    private static HostScope scope(Txn txn, SimHost host) {
        return new HostScope(txn.lab(), host, txn.now());
    }

    /**
     * What Hyper-V lets change outside the off state: nothing while a VM is saved, paused or in
     * transition; while running only the memory size of a VM with static memory (runtime resize).
     */
    private static boolean changeAllowed(SimVm vm, Resources before, Resources after) {
        if (vm.state() == PowerState.OFF && !vm.isBusy()) return true;
        if (before.numaLimitsDiffer(after)) return false; // virtual NUMA is set while the VM is off
        for (String name : VmResources.PROCESSOR_OFF_ONLY)
            if (!java.util.Objects.equals(before.limits.processor().get(name), after.limits.processor().get(name))) return false;
        boolean same = before.processors == after.processors && before.memoryMb == after.memoryMb && before.dynamic == after.dynamic;
        if (same) return true;
        if (vm.state() != PowerState.RUNNING || vm.isBusy()) return false;
        return before.processors == after.processors && before.dynamic == after.dynamic && !after.dynamic;
    }

    private MethodResult summary(HostScope scope, Map<String, CimValue> p) {
        List<Long> requested = new ArrayList<>();
        CimValue ri = p.get("RequestedInformation");
        if (!Embedded.isNull(ri)) for (Object o : ri.asList()) requested.add(((Number) o).longValue());
        List<CimInstance> out = new ArrayList<>();
        CimValue sd = p.get("SettingData");
        if (Embedded.isNull(sd)) {
            for (SimVm vm : scope.host().vms()) out.add(Summary.of(scope, vm, requested));
        } else {
            for (ObjectPath ref : Embedded.refs(sd)) {
                SimVm vm = ref.className().equalsIgnoreCase(V2.VSSD)
                        ? vmOnHost(scope.lab(), scope.host(), V2.vmIdOf(String.valueOf(ref.key("InstanceID")))) : null;
                out.add(vm == null ? Summary.missing() : Summary.of(scope, vm, requested));
            }
        }
        return new MethodResult(OK, Map.of("SummaryInformation", Embedded.objects(out)));
    }

    /**
     * GetVirtualSystemThumbnailImage: synchronous (0 and ImageData). A VM's settings show its console
     * now; a checkpoint's show the console it captured (a running picture at the checkpoint's time if
     * it kept the VM's memory, black otherwise). An unknown target or size is 32773 Invalid parameter.
     */
    private MethodResult thumbnail(HostScope scope, Map<String, CimValue> p) {
        ObjectPath target = Embedded.ref(p.get("TargetSystem"));
        long w = Embedded.paramLong(p, "WidthPixels", 0), h = Embedded.paramLong(p, "HeightPixels", 0);
        if (target == null || !target.className().equalsIgnoreCase(V2.VSSD) || Thumbnails.sizeProblem(w, h) != null)
            return code(32773);
        String id = String.valueOf(target.key("InstanceID"));
        SimVm vm = vmOnHost(scope.lab(), scope.host(), V2.vmIdOf(id));
        byte[] image;
        if (vm != null) {
            image = Thumbnails.of(vm, scope.now(), (int) w, (int) h);
        } else {
            var st = io.hyperv4j.sim.v2.storage.StorageModel.of(scope.lab()).owning(V2.vmIdOf(id));
            SimVm owner = st == null ? null : vmOnHost(scope.lab(), scope.host(), st.vmId());
            var cp = owner == null ? null : st.checkpoint(V2.vmIdOf(id));
            if (cp == null) return code(32773);
            image = cp.savedState() ? Thumbnails.running(owner, cp.created(), (int) w, (int) h) : new byte[(int) (w * h * 2)];
        }
        return new MethodResult(OK, Map.of("ImageData", Thumbnails.uint8s(image)));
    }

    private static SimVm vmAt(Txn txn, SimHost host, ObjectPath ref) {
        if (ref == null || !ref.className().equalsIgnoreCase(V2.COMPUTER_SYSTEM)) return null;
        Object name = ref.key("Name");
        return name == null ? null : vmOnHost(txn.lab(), host, name.toString());
    }

    private static SimVm vmOnHost(Lab lab, SimHost host, String vmId) {
        SimVm vm = lab.vm(vmId);
        return vm != null && vm.host() == host ? vm : null;
    }

    static MethodResult code(int c) {
        return new MethodResult(c, Map.of());
    }
}
