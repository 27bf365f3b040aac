package io.hyperv4j.sim.v2;

import io.hyperv4j.cim.CimDateTime;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.cim.JobState;
import io.hyperv4j.internal.NameUuids;
import io.hyperv4j.sim.Jobs;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.SimJob;
import io.hyperv4j.sim.SimVm;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.Map;

/** Renders the lab's model as root\virtualization\v2 instances (property names and values per the MS docs). */
final class V2Renderer {
    private V2Renderer() {}

    static final String CONFIG_ROOT = "C:\\ProgramData\\Microsoft\\Windows\\Hyper-V";

    // Values every instance repeats, built once (rendering is on the path of every query).
    private static final CimValue OK_STATUS = u16s(2);
    private static final CimValue HEALTHY = CimValue.uint16(5);
    private static final CimValue ENABLED = CimValue.uint16(2);
    private static final CimValue NOT_APPLICABLE = CimValue.uint16(12);
    private static final CimValue ZERO16 = CimValue.uint16(0);
    private static final CimValue OPERATING_NORMALLY = CimValue.strings(List.of("Operating normally"));
    private static final CimValue VM_CAPTION = CimValue.string("Virtual Machine");
    private static final CimValue VM_DESCRIPTION = CimValue.string("Microsoft Virtual Machine");
    private static final CimValue TRUE = CimValue.bool(true);
    private static final CimValue FALSE = CimValue.bool(false);
    private static final CimValue ZERO32 = CimValue.uint32(0);
    private static final CimValue ZERO64 = CimValue.uint64(0);
    /** A server host does not allow enhanced session mode until an administrator turns it on. */
    private static final CimValue ENHANCED_SESSION_NOT_ALLOWED = CimValue.uint16(3);
    /** Documented default of BootOrder: floppy, CD-ROM, IDE hard drive, PXE (generation 1 only). */
    private static final CimValue GEN1_BOOT_ORDER = u16s(0, 1, 2, 3);
    private static final CimValue NO_DELAY = CimValue.datetime(CimDateTime.interval(Duration.ZERO));
    /** Pause Resume for up to 30 minutes is what a new VM gets on a 2016+ host. */
    private static final CimValue CRITICAL_ERROR_TIMEOUT = CimValue.datetime(CimDateTime.interval(Duration.ofMinutes(30)));
    /** The UEFI template "Microsoft Windows" that New-VM gives a generation-2 VM. */
    static final String WINDOWS_SECURE_BOOT_TEMPLATE = "1734c6e8-3154-4dda-ba5f-a874cc483422";
    private static final CimValue VIRTUALIZED = CimValue.uint16(3);
    /** The VSSD switches a new VM has off. */
    private static final String[] VSSD_OFF = {"AutomaticSnapshotsEnabled", "IsAutomaticSnapshot", "IncrementalBackupEnabled",
        "AllowFullSCSICommandSet", "AllowReducedFcRedundancy", "GuestControlledCacheTypes", "LockOnDisconnect"};

    static CimInstance host(SimHost h, Instant now) {
        CimInstance.Builder b = start(V2.computerSystem(h.name(), h.name()));
        b.put("Caption", str("Hosting Computer System"));
        b.put("Description", str("Microsoft Hosting Computer System"));
        b.put("ElementName", str(h.name()));
        b.put("EnabledState", u16(h.poweredOn() ? 2 : 3));
        b.put("RequestedState", NOT_APPLICABLE);
        b.put("EnabledDefault", ENABLED);
        b.put("HealthState", HEALTHY);
        b.put("OperationalStatus", OK_STATUS);
        b.put("NumberOfNumaNodes", u16(h.numaNodes()));
        b.put("Dedicated", u16s(0));
        return b.build();
    }

    /** A property of a VM's Msvm_ComputerSystem and how it is read from the model. */
    private record VmProperty(String name, BiFunction<SimVm, Instant, CimValue> value) {}

    private static final List<VmProperty> VM_PROPERTIES = List.of(
            new VmProperty("Caption", (vm, now) -> VM_CAPTION),
            new VmProperty("Description", (vm, now) -> VM_DESCRIPTION),
            new VmProperty("ElementName", (vm, now) -> str(vm.name())),
            new VmProperty("InstallDate", (vm, now) -> dt(vm.created())),
            new VmProperty("EnabledState", (vm, now) -> u16(vm.state().enabledState())),
            new VmProperty("RequestedState", (vm, now) -> u16(vm.requestedState())),
            new VmProperty("EnabledDefault", (vm, now) -> ENABLED),
            new VmProperty("TimeOfLastStateChange", (vm, now) -> dt(vm.stateChanged())),
            new VmProperty("HealthState", (vm, now) -> HEALTHY),
            new VmProperty("OperationalStatus", (vm, now) -> OK_STATUS),
            new VmProperty("StatusDescriptions", (vm, now) -> OPERATING_NORMALLY),
            new VmProperty("OnTimeInMilliseconds", (vm, now) -> CimValue.uint64(uptime(vm, now).toMillis())),
            new VmProperty("ProcessID", (vm, now) -> vm.startedAt() == null ? CimValue.nullOf(CimType.UINT32)
                    : CimValue.uint32(4000 + (Math.abs(vm.id().hashCode()) % 60000))),
            new VmProperty("NumberOfNumaNodes", (vm, now) -> u16(VmResources.virtualNodes(vm))),
            new VmProperty("ReplicationState", (vm, now) -> ZERO16),
            new VmProperty("ReplicationHealth", (vm, now) -> ZERO16),
            new VmProperty("ReplicationMode", (vm, now) -> ZERO16),
            new VmProperty("FailedOverReplicationType", (vm, now) -> ZERO16),
            new VmProperty("LastReplicationType", (vm, now) -> ZERO16),
            new VmProperty("TimeOfLastConfigurationChange", (vm, now) -> dt(vm.created())),
            new VmProperty("EnhancedSessionModeState", (vm, now) -> ENHANCED_SESSION_NOT_ALLOWED));

    static CimInstance vm(SimVm vm, Instant now) {
        return vm(vm, now, ALL_VM_PROPERTIES);
    }

    /** Every property of {@link #vm(SimVm, Instant, long)}. */
    static final long ALL_VM_PROPERTIES = -1L;

    static {
        if (VM_PROPERTIES.size() > Long.SIZE) throw new ExceptionInInitializerError("a VM's property selection is a 64-bit mask");
    }

    /** The selection of {@link #vm(SimVm, Instant, long)} that renders the properties a query reads. */
    static long vmProperties(Set<String> read) {
        long mask = 0;
        for (int i = 0; i < VM_PROPERTIES.size(); i++)
            for (String r : read) if (r.equalsIgnoreCase(VM_PROPERTIES.get(i).name())) mask |= 1L << i;
        return mask;
    }

    /**
     * A VM's Msvm_ComputerSystem with its keys and the properties selected by {@code properties}
     * (see {@link #vmProperties}): a query over thousands of VMs that reads two properties renders two.
     */
    static CimInstance vm(SimVm vm, Instant now, long properties) {
        CimInstance.Builder b = start(V2.computerSystem(vm.host().name(), vm.id()));
        for (int i = 0; i < VM_PROPERTIES.size(); i++) {
            VmProperty p = VM_PROPERTIES.get(i);
            if ((properties & (1L << i)) != 0) b.put(p.name(), p.value().apply(vm, now));
        }
        return b.build();
    }

    /**
     * What a query's condition reads of a VM's Msvm_ComputerSystem, when that is all keys and
     * properties of the table: {@link #test} renders just those, without a path, to test it.
     */
    record VmProbe(long properties, boolean name, boolean creationClassName) {
        /** The probe for a condition reading {@code tested}, or null when it reads something else. */
        static VmProbe of(Set<String> tested) {
            boolean name = false;
            boolean ccn = false;
            for (String t : tested) {
                if (t.equalsIgnoreCase("Name")) name = true;
                else if (t.equalsIgnoreCase("CreationClassName")) ccn = true;
                else if (VM_PROPERTIES.stream().noneMatch(p -> p.name().equalsIgnoreCase(t))) return null;
            }
            return new VmProbe(vmProperties(tested), name, ccn);
        }

        /** Whether {@code where} accepts the VM, tested on the properties it reads only. */
        boolean test(SimVm vm, Instant now, java.util.function.Predicate<CimInstance> where) {
            CimInstance.Builder b = CimInstance.builder(V2.COMPUTER_SYSTEM);
            if (creationClassName) b.put("CreationClassName", COMPUTER_SYSTEM_CLASS);
            if (name) b.put("Name", str(vm.id()));
            for (int i = 0; i < VM_PROPERTIES.size(); i++) {
                if ((properties & (1L << i)) == 0) continue;
                VmProperty p = VM_PROPERTIES.get(i);
                b.put(p.name(), p.value().apply(vm, now));
            }
            return where.test(b.build());
        }
    }

    private static final CimValue COMPUTER_SYSTEM_CLASS = str(V2.COMPUTER_SYSTEM);

    /** Time since the VM came on; a paused VM is still on, so its uptime goes on. */
    static Duration uptime(SimVm vm, Instant now) {
        if (vm.startedAt() == null || now.isBefore(vm.startedAt())) return Duration.ZERO;
        return Duration.between(vm.startedAt(), now);
    }

    static CimInstance settings(SimVm vm) {
        CimInstance.Builder b = start(V2.settings(vm.host().name(), vm.id()));
        putSettings(b, vm);
        return b.build();
    }

    /** The VM's system settings (a checkpoint's settings start from them and override what differs). */
    static void putSettings(CimInstance.Builder b, SimVm vm) {
        b.put("Caption", str("Virtual Machine Settings"));
        b.put("Description", str("Active settings for the virtual machine"));
        b.put("ElementName", str(vm.name()));
        b.put("VirtualSystemIdentifier", str(vm.id()));
        b.put("ConfigurationID", str(vm.id()));
        b.put("VirtualSystemType", str("Microsoft:Hyper-V:System:Realized"));
        b.put("VirtualSystemSubType", str(vm.subType()));
        b.put("Version", str(vm.version()));
        b.put("Notes", CimValue.strings(vm.notes().isEmpty() ? List.of() : List.of(vm.notes())));
        b.put("CreationTime", dt(vm.created()));
        b.put("ConfigurationDataRoot", str(CONFIG_ROOT));
        // ConfigurationFile and GuestStateFile are relative to their data roots (documented).
        b.put("ConfigurationFile", str("Virtual Machines\\" + vm.id() + ".vmcx"));
        b.put("SnapshotDataRoot", str(CONFIG_ROOT));
        b.put("SuspendDataRoot", str(CONFIG_ROOT));
        b.put("SwapFileDataRoot", str(CONFIG_ROOT));
        b.put("LogDataRoot", str(CONFIG_ROOT));
        b.put("GuestStateDataRoot", str(CONFIG_ROOT));
        b.put("GuestStateFile", str("Virtual Machines\\" + vm.id() + ".vmgs"));
        b.put("AutomaticStartupAction", u16(3));
        b.put("AutomaticStartupActionDelay", NO_DELAY);
        b.put("AutomaticStartupActionSequenceNumber", ZERO16);
        b.put("AutomaticShutdownAction", u16(3));
        b.put("AutomaticRecoveryAction", u16(3));
        b.put("AutomaticCriticalErrorAction", CimValue.uint16(1));
        b.put("AutomaticCriticalErrorActionTimeout", CRITICAL_ERROR_TIMEOUT);
        b.put("IsSaved", CimValue.bool(vm.state() == PowerState.SAVED));
        boolean gen2 = SimVm.SUBTYPE_GEN2.equals(vm.subType());
        b.put("SecureBootEnabled", CimValue.bool(gen2));
        b.put("SecureBootTemplateId", str(gen2 ? WINDOWS_SECURE_BOOT_TEMPLATE : null));
        b.put("BootOrder", gen2 ? CimValue.array(CimType.UINT16, List.of()) : GEN1_BOOT_ORDER);
        b.put("BootSourceOrder", CimValue.strings(List.of()));
        b.put("NetworkBootPreferredProtocol", CimValue.uint16(4096));
        b.put("PauseAfterBootFailure", FALSE);
        b.put("BIOSNumLock", FALSE);
        b.put("BIOSGUID", str("{" + NameUuids.of("bios:" + vm.id())
                .toString().toUpperCase(java.util.Locale.ROOT) + "}"));
        String serial = serialNumber(vm.id());
        b.put("BIOSSerialNumber", str(serial));
        b.put("BaseBoardSerialNumber", str(serial));
        b.put("ChassisSerialNumber", str(serial));
        b.put("ChassisAssetTag", str(serial));
        b.put("UserSnapshotType", CimValue.uint16(3));
        b.put("VirtualNumaEnabled", TRUE);
        putAll(b, FALSE, VSSD_OFF);
        putAll(b, ZERO16, "ConsoleMode", "DebugPortEnabled");
        putAll(b, ZERO32, "DebugPort", "DebugChannelId");
        b.put("LowMmioGapSize", CimValue.uint64(128));
        b.put("HighMmioGapSize", CimValue.uint64(512));
        b.put("EnhancedSessionTransportType", ZERO16);
    }

    /**
     * The SMBIOS serial number Hyper-V gives a new VM: 26 decimal digits as
     * dddd-dddd-dddd-dddd-dddd-dddd-dd, derived from the VM id so a lab renders the same one every time.
     */
    static String serialNumber(String vmId) {
        java.util.UUID u = NameUuids.of(vmId);
        String digits = Long.toUnsignedString(u.getMostSignificantBits()) + Long.toUnsignedString(u.getLeastSignificantBits());
        digits = (digits + "0".repeat(26)).substring(0, 26);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 26; i += 4) sb.append(i == 0 ? "" : "-").append(digits, i, Math.min(i + 4, 26));
        return sb.toString();
    }

    /** A new VM's values of the processor settings ModifyResourceSettings keeps ({@link VmResources#PROCESSOR_SETTABLE}). */
    /** A loop, not two {@code b::put}: the class-data archive holds one proxy per identical method reference of a class. */
    private static void put(CimInstance.Builder b, Map<String, CimValue> values) {
        for (Map.Entry<String, CimValue> e : values.entrySet()) b.put(e.getKey(), e.getValue());
    }

    static final Map<String, CimValue> PROCESSOR_DEFAULTS = Map.of("Reservation", CimValue.uint64(0), "Limit", CimValue.uint64(100000),
            "Weight", CimValue.uint32(100), "LimitCPUID", FALSE, "LimitProcessorFeatures", FALSE, "EnableHostResourceProtection", FALSE,
            "ExposeVirtualizationExtensions", FALSE, "HideHypervisorPresent", FALSE, "HwThreadsPerCore", ZERO64);

    static CimInstance processor(SimVm vm) {
        CimInstance.Builder b = start(V2.processor(vm.host().name(), vm.id()));
        b.put("Caption", str("Processor"));
        b.put("Description", str("Settings for Microsoft Virtual Processor."));
        b.put("ElementName", str("Processor"));
        b.put("ResourceType", u16(3));
        b.put("ResourceSubType", str("Microsoft:Hyper-V:Processor"));
        b.put("AllocationUnits", str("percent / 1000"));
        b.put("VirtualQuantity", CimValue.uint64(vm.processors()));
        b.put("VirtualQuantityUnits", str("count"));
        b.put("AutomaticAllocation", TRUE);
        b.put("AutomaticDeallocation", TRUE);
        b.put("ConsumerVisibility", VIRTUALIZED);
        b.put("PoolID", str(""));
        put(b, PROCESSOR_DEFAULTS); // HwThreadsPerCore 0: as many threads per core as the host has
        put(b, VmResources.of(vm).processor());
        b.put("MaxProcessorsPerNumaNode", CimValue.uint64(VmResources.maxProcessorsPerNode(vm)));
        b.put("MaxNumaNodesPerSocket", CimValue.uint64(VmResources.maxNodesPerSocket(vm)));
        b.put("CpuGroupId", str("00000000-0000-0000-0000-000000000000"));
        return b.build();
    }

    static CimInstance memory(SimVm vm) {
        CimInstance.Builder b = start(V2.memory(vm.host().name(), vm.id()));
        long mb = vm.memoryMb();
        b.put("Caption", str("Memory"));
        b.put("Description", str("Settings for Microsoft Virtual Machine Memory."));
        b.put("ElementName", str("Memory"));
        b.put("ResourceType", u16(4));
        b.put("ResourceSubType", str("Microsoft:Hyper-V:Memory"));
        b.put("AllocationUnits", str("byte * 2^20"));
        b.put("VirtualQuantity", CimValue.uint64(mb));
        b.put("VirtualQuantityUnits", str("byte * 2^20"));
        b.put("Reservation", CimValue.uint64(vm.dynamicMemory() ? VmResources.minimumMb(vm) : mb));
        b.put("Limit", CimValue.uint64(vm.dynamicMemory() ? VmResources.maximumMb(vm) : mb));
        b.put("Weight", CimValue.uint32(VmResources.weight(vm)));
        b.put("DynamicMemoryEnabled", CimValue.bool(vm.dynamicMemory()));
        b.put("TargetMemoryBuffer", CimValue.uint32(VmResources.buffer(vm)));
        b.put("AutomaticAllocation", TRUE);
        b.put("AutomaticDeallocation", TRUE);
        b.put("ConsumerVisibility", VIRTUALIZED);
        b.put("PoolID", str(""));
        b.put("IsVirtualized", TRUE);
        putAll(b, FALSE, "HugePagesEnabled", "SwapFilesInUse");
        b.put("MaxMemoryBlocksPerNumaNode", CimValue.uint64(VmResources.maxMemoryPerNode(vm))); // 1 MB blocks
        b.put("SgxEnabled", FALSE);
        b.put("SgxSize", ZERO64);
        return b.build();
    }

    static CimInstance managementService(SimHost h) {
        CimInstance.Builder b = start(V2.managementService(h.name()));
        b.put("Caption", str("Hyper-V Virtual System Management Service"));
        b.put("Description", str("Service for creating and managing virtual machines"));
        b.put("ElementName", str("Msvm_VirtualSystemManagementService"));
        b.put("EnabledState", u16(2));
        b.put("RequestedState", NOT_APPLICABLE);
        b.put("HealthState", HEALTHY);
        b.put("OperationalStatus", OK_STATUS);
        b.put("Started", TRUE);
        b.put("StartMode", str("Automatic"));
        b.put("EnabledDefault", ENABLED);
        b.put("Status", str("OK"));
        b.put("PrimaryStatus", CimValue.uint16(1));
        b.put("CommunicationStatus", CimValue.uint16(2));
        return b.build();
    }

    /** Exists while the VM's guest runs (integration components are runtime devices). */
    static boolean hasShutdownComponent(SimVm vm) {
        return vm.state().isActive() && vm.state() != PowerState.STOPPING;
    }

    static CimInstance shutdownComponent(SimVm vm) {
        CimInstance.Builder b = start(V2.shutdownComponent(vm.host().name(), vm.id()));
        b.put("Caption", str("Shutdown"));
        b.put("Description", str("Microsoft Virtual Machine Shutdown Component"));
        b.put("ElementName", str("Shutdown"));
        boolean up = vm.state() == PowerState.RUNNING;
        b.put("EnabledState", u16(up ? 2 : 3));
        b.put("HealthState", HEALTHY);
        b.put("OperationalStatus", up ? u16s(2, 2) : u16s(2, 12));
        return b.build();
    }

    static CimInstance job(SimJob j, Instant now) {
        CimInstance.Builder b = start(V2.job(j.hostName(), j.id()));
        b.put("Caption", str(j.caption()));
        b.put("Description", str(j.description()));
        b.put("ElementName", str(j.caption()));
        b.put("Name", str(j.caption()));
        b.put("JobType", u16(j.jobType()));
        b.put("JobState", u16(j.state().value()));
        b.put("PercentComplete", u16(j.percentComplete()));
        b.put("ErrorCode", u16(j.errorCode()));
        b.put("ErrorDescription", str(j.errorDescription()));
        b.put("ErrorSummaryDescription", str(j.errorSummary()));
        b.put("Cancellable", CimValue.bool(j.cancellable()));
        b.put("DeleteOnCompletion", FALSE);
        b.put("TimeSubmitted", dt(j.submitted()));
        b.put("StartTime", dt(j.started()));
        b.put("ElapsedTime", CimValue.datetime(CimDateTime.interval(j.elapsed(now))));
        b.put("TimeOfLastStateChange", dt(j.ended() != null ? j.ended() : j.started()));
        b.put("TimeBeforeRemoval", CimValue.datetime(CimDateTime.interval(Jobs.TIME_BEFORE_REMOVAL)));
        b.put("LocalOrUtcTime", u16(2));
        b.put("JobRunTimes", CimValue.uint32(1));
        b.put("Priority", CimValue.uint32(0));
        b.put("Owner", str(owner(j.hostName())));
        b.put("HealthState", HEALTHY);
        JobState s = j.state();
        boolean failed = s == JobState.EXCEPTION || s == JobState.KILLED;
        b.put("OperationalStatus", !s.isTerminal() ? u16s(2) : failed ? u16s(6, 17) : u16s(2, 17));
        b.put("JobStatus", str(switch (s) {
            case COMPLETED -> "Job completed successfully";
            case TERMINATED -> "Job was terminated";
            case KILLED -> "Job was killed";
            case EXCEPTION -> "Job failed";
            default -> "Job is running";
        }));
        return b.build();
    }

    /**
     * CIM_Job.Owner: the account that submitted the job, DOMAIN\\user as WMI reports a caller. The
     * simulator's sessions carry no credentials; they act as the host's built-in Administrator.
     */
    static String owner(String hostName) {
        return hostName.toUpperCase(java.util.Locale.ROOT) + "\\Administrator";
    }

    // ---- associations ----

    static CimInstance settingsDefineState(SimVm vm) {
        String h = vm.host().name();
        return assoc(V2.SETTINGS_DEFINE_STATE, "ManagedElement", V2.computerSystem(h, vm.id()),
                "SettingData", V2.settings(h, vm.id()));
    }

    /** Msvm_SettingsDefineState from a logical device to the settings that define it. */
    static CimInstance settingsDefineState(ObjectPath device, ObjectPath settings) {
        return assoc(V2.SETTINGS_DEFINE_STATE, "ManagedElement", device, "SettingData", settings);
    }

    /** Msvm_MediaPresent from a storage drive to the media in it. */
    static CimInstance mediaPresent(ObjectPath drive, ObjectPath media, boolean fixed) {
        return assoc(LogicalDevices.MEDIA_PRESENT, "Antecedent", drive, "Dependent", media).toBuilder().put("FixedMedia", CimValue.bool(fixed)).build();
    }

    static List<CimInstance> settingsComponents(SimVm vm) {
        String h = vm.host().name();
        ObjectPath vssd = V2.settings(h, vm.id());
        return List.of(
                assoc(V2.VSSD_COMPONENT, "GroupComponent", vssd, "PartComponent", V2.processor(h, vm.id())),
                assoc(V2.VSSD_COMPONENT, "GroupComponent", vssd, "PartComponent", V2.memory(h, vm.id())));
    }

    static CimInstance affectedJobElement(SimJob j) {
        return affectedJobElement(j, V2.computerSystem(j.hostName(), j.affectedVmId()));
    }

    static CimInstance affectedJobElement(SimJob j, ObjectPath affected) {
        CimInstance i = assoc(V2.AFFECTED_JOB_ELEMENT, "AffectedElement", affected, "AffectingElement", V2.job(j.hostName(), j.id()));
        return i.toBuilder().put("ElementEffects", u16s(5)).build();
    }

    static CimInstance hostedService(SimHost h) {
        return assoc(V2.HOSTED_SERVICE, "Antecedent", V2.computerSystem(h.name(), h.name()),
                "Dependent", V2.managementService(h.name()));
    }

    static CimInstance systemDevice(SimVm vm) {
        String h = vm.host().name();
        return assoc(V2.SYSTEM_DEVICE, "GroupComponent", V2.computerSystem(h, vm.id()),
                "PartComponent", V2.shutdownComponent(h, vm.id()));
    }

    /** Msvm_SystemDevice joining the host to one of its own devices (its processors and memory). */
    static CimInstance hostSystemDevice(String host, ObjectPath device) {
        return assoc(V2.SYSTEM_DEVICE, "GroupComponent", V2.computerSystem(host, host), "PartComponent", device);
    }

    /** Msvm_SystemDevice joining the VM to one of its logical devices. */
    static CimInstance systemDevice(SimVm vm, ObjectPath device) {
        return assoc(V2.SYSTEM_DEVICE, "GroupComponent", V2.computerSystem(vm.host().name(), vm.id()), "PartComponent", device);
    }

    private static CimInstance assoc(String cls, String role1, ObjectPath ref1, String role2, ObjectPath ref2) {
        ObjectPath p = new ObjectPath(ref1.server(), V2.NAMESPACE, cls, Map.of(role1, ref1, role2, ref2));
        return CimInstance.builder(cls).path(p)
                .put(role1, CimValue.ref(ref1))
                .put(role2, CimValue.ref(ref2))
                .build();
    }

    // ---- values ----

    /** A builder with the path and its key properties set. */
    static CimInstance.Builder start(ObjectPath p) {
        CimInstance.Builder b = CimInstance.builder(p.className()).path(p);
        p.keys().forEach((k, v) -> b.put(k, v instanceof String s ? str(s) : CimValue.ref((ObjectPath) v)));
        return b;
    }

    private static void putAll(CimInstance.Builder b, CimValue value, String... names) {
        for (String n : names) b.put(n, value);
    }

    static CimValue str(String s) {
        return s == null ? CimValue.nullOf(CimType.STRING) : CimValue.string(s);
    }

    static CimValue u16(long v) {
        return CimValue.uint16(v);
    }

    static CimValue u16s(long... v) {
        List<Long> l = new ArrayList<>(v.length);
        for (long x : v) l.add(x);
        return CimValue.array(CimType.UINT16, l);
    }

    static CimValue dt(Instant t) {
        return t == null ? CimValue.nullOf(CimType.DATETIME) : CimValue.datetime(DATETIMES.of(t));
    }

    /** Model timestamps repeat on every render (creation, last state change): convert each once. */
    private static final DateTimeCache DATETIMES = new DateTimeCache(8192);

    static final class DateTimeCache {
        private final java.util.LinkedHashMap<Instant, CimDateTime> map;

        DateTimeCache(int capacity) {
            map = new java.util.LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Instant, CimDateTime> e) {
                    return size() > capacity;
                }
            };
        }

        synchronized CimDateTime of(Instant t) {
            return map.computeIfAbsent(t, CimDateTime::of);
        }
    }
}
