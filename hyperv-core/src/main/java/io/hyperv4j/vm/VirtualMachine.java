package io.hyperv4j.vm;

import io.hyperv4j.InvalidStateException;
import io.hyperv4j.JobFailedException;
import io.hyperv4j.NotFoundException;
import io.hyperv4j.NotSupportedException;
import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.cim.Subscription;
import io.hyperv4j.cim.Wql;
import io.hyperv4j.job.CompletedOperation;
import io.hyperv4j.job.ConditionOperation;
import io.hyperv4j.job.MethodCall;
import io.hyperv4j.job.Operation;
import io.hyperv4j.job.ReturnCodes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A handle on one VM, identified by its GUID. It holds no state of its own: every query re-reads
 * the host, and every operation is a Hyper-V method call returning an {@link Operation}.
 * Refusals are typed: {@link InvalidStateException} (with the state found),
 * {@link io.hyperv4j.BusyException}, {@link io.hyperv4j.AccessDeniedException}, ...
 * <p>Thread-safety: thread-safe; it keeps no mutable state, so any number of threads may use one
 * handle. Calls from several threads reach the host in no particular order; the host serialises
 * conflicting changes (a second state change while one runs is refused as busy or invalid state).
 */
public final class VirtualMachine {
    private final VirtualMachines vms;
    private final CimSession session;
    private final String id;
    private final ObjectPath path;
    private volatile String lastKnownName;

    VirtualMachine(VirtualMachines vms, CimInstance computerSystem) {
        this.vms = vms;
        this.session = vms.session();
        this.id = computerSystem.getString("Name");
        this.path = VirtualMachines.withNamespace(computerSystem.path() != null ? computerSystem.path() : VirtualMachines.pathOf(id));
        this.lastKnownName = computerSystem.getString("ElementName");
    }

    /**
     * The VM's GUID (Msvm_ComputerSystem.Name); stable for the VM's life.
     *
     * @return the GUID
     */
    public String id() {
        return id;
    }

    /**
     * The VM's current name, read from the host.
     *
     * @return the name
     */
    public String name() {
        return lastKnownName = computerSystem().getString("ElementName");
    }

    /**
     * The name as last read, without asking the host (for messages and logs).
     *
     * @return the name from the last read
     */
    public String lastKnownName() {
        return lastKnownName;
    }

    /**
     * The Msvm_ComputerSystem path, for raw CIM work through {@code host.session()}.
     *
     * @return the path
     */
    public ObjectPath path() {
        return path;
    }

    /**
     * The current state, read from the host.
     *
     * @return the state
     */
    public VmState state() {
        return stateOf(computerSystem());
    }

    /**
     * A consistent-enough snapshot: system, settings, processor and memory read now.
     *
     * @return the snapshot
     */
    public VmInfo info() {
        CimInstance cs = computerSystem();
        lastKnownName = cs.getString("ElementName");
        CimInstance vssd = systemSettings();
        CimInstance cpu = resourceSettings(vssd, Msvm.PROCESSOR_SETTING_DATA);
        CimInstance mem = resourceSettings(vssd, Msvm.MEMORY_SETTING_DATA);
        String subtype = vssd.getString("VirtualSystemSubType");
        int generation = generationOf(subtype);
        String noteText = String.join("\n", vssd.list("Notes").stream().map(String::valueOf).toList());
        List<Object> statuses = cs.list("StatusDescriptions");
        String status = statuses.isEmpty() ? "" : String.valueOf(statuses.get(0));
        return new VmInfo(id, lastKnownName, stateOf(cs), cs.intOr("EnabledState", 0),
                cpu.intOr("VirtualQuantity", 0), mem.longOr("VirtualQuantity", 0),
                mem.booleanOr("DynamicMemoryEnabled", false), generation, noteText,
                Duration.ofMillis(cs.longOr("OnTimeInMilliseconds", 0)), status, vssd.stringOr("Version", ""),
                vssd.instant("CreationTime").orElse(null));
    }

    /**
     * Starts (or restores from saved) the VM: RequestStateChange(2 Enabled).
     *
     * @return the operation, yielding the state reached
     */
    public Operation<VmState> start() {
        return requestState(Msvm.REQUEST_ENABLED, VmState.RUNNING, "start");
    }

    /**
     * Turns the VM off at once, like pulling the plug: RequestStateChange(3 Disabled).
     *
     * @return the operation, yielding the state reached
     */
    public Operation<VmState> turnOff() {
        return requestState(Msvm.REQUEST_DISABLED, VmState.OFF, "turn off");
    }

    /**
     * Saves the VM's memory to disk and stops it: RequestStateChange(6 Offline).
     *
     * @return the operation, yielding the state reached
     */
    public Operation<VmState> save() {
        return requestState(Msvm.REQUEST_OFFLINE, VmState.SAVED, "save");
    }

    /**
     * Pauses the running VM: RequestStateChange(9 Quiesce).
     *
     * @return the operation, yielding the state reached
     */
    public Operation<VmState> pause() {
        return requestState(Msvm.REQUEST_QUIESCE, VmState.PAUSED, "pause");
    }

    /**
     * Hard-resets the VM: RequestStateChange(11 Reset).
     *
     * @return the operation, yielding the state reached
     */
    public Operation<VmState> reset() {
        return requestState(Msvm.REQUEST_RESET, VmState.RUNNING, "reset");
    }

    /**
     * Resumes a paused VM: RequestStateChange(2 Enabled). Refused here, before asking the host,
     * when the VM is not paused, since Enabled would otherwise start an off VM or restore a saved one.
     *
     * @return the operation, yielding the state reached
     * @throws io.hyperv4j.InvalidStateException when the VM is not paused
     */
    public Operation<VmState> resume() {
        VmState now = state();
        if (now != VmState.PAUSED)
            throw new InvalidStateException("Cannot resume " + label() + ": it is " + now + ", not Paused", now);
        return requestState(Msvm.REQUEST_ENABLED, VmState.RUNNING, "resume");
    }

    /**
     * Shuts the guest OS down cleanly through Msvm_ShutdownComponent.InitiateShutdown(Force=false);
     * the operation completes when the VM is off. Needs the guest's shutdown integration service.
     *
     * @return the operation, yielding the state reached ({@link VmState#OFF})
     * @throws io.hyperv4j.InvalidStateException when the guest has no shutdown component and the VM is not running
     * @throws io.hyperv4j.NotSupportedException when the running guest offers no shutdown service
     */
    public Operation<VmState> stop() {
        String attempted = "shut down " + label();
        List<CimInstance> components = session.associators(path, Msvm.SYSTEM_DEVICE, Msvm.SHUTDOWN_COMPONENT);
        if (components.isEmpty()) {
            VmState now = state();
            if (now != VmState.RUNNING)
                throw new InvalidStateException("Cannot " + attempted + ": it is " + now + ", not Running", now);
            throw new NotSupportedException("Cannot " + attempted + ": the guest offers no shutdown service"
                    + " (Msvm_ShutdownComponent); use turnOff() instead", -1, null);
        }
        ObjectPath component = VirtualMachines.withNamespace(components.get(0).path());
        Operation<VmState> initiated = MethodCall.on(session, component, "InitiateShutdown", ReturnCodes.Family.MSVM)
                .with("Force", CimValue.bool(false))
                .with("Reason", CimValue.string("hyperv4j: stop requested"))
                .attempting(attempted)
                .timeout(vms.operationTimeout())
                .currentState(this::stateQuietly)
                .onJobFailure(this::typedJobFailure)
                .ifJobExpired(this::state)
                .invoke(r -> r.returnValue() == 0 ? null : VmState.OFF);
        // A job tracks the whole shutdown; 0 only means the guest was asked, so wait for Off.
        if (!(initiated instanceof CompletedOperation)) return initiated;
        String query = "SELECT * FROM __InstanceModificationEvent WITHIN 1 WHERE TargetInstance ISA 'Msvm_ComputerSystem'"
                + " AND TargetInstance.Name = " + Wql.quote(id);
        return ConditionOperation.track(session, path, query, attempted, vms.operationTimeout(),
                cs -> stateOf(cs) == VmState.OFF,
                cs -> {
                    if (cs == null) throw new NotFoundException(label() + " disappeared while shutting down");
                    return stateOf(cs);
                });
    }

    /**
     * Sets the number of virtual processors (ModifyResourceSettings on Msvm_ProcessorSettingData).
     *
     * @param processors the new count, 1..{@value VmSpec#MAX_PROCESSORS}
     * @return the operation
     * @throws IllegalArgumentException when the count is out of range
     */
    public Operation<Void> setProcessorCount(int processors) {
        VmSpec.checkProcessors(processors);
        CimInstance cpu = resourceSettings(Msvm.PROCESSOR_SETTING_DATA);
        return modifyResources("set processor count of " + label() + " to " + processors,
                List.of(with(cpu, "VirtualQuantity", processors)));
    }

    /**
     * Sets the VM's (static) memory in MB (ModifyResourceSettings on Msvm_MemorySettingData). With
     * dynamic memory off, Reservation and Limit follow VirtualQuantity, as Hyper-V expects.
     *
     * @param memoryMb the new memory in MB (at least {@value VmSpec#MIN_MEMORY_MB}, a multiple of 2)
     * @return the operation
     * @throws IllegalArgumentException when the value is out of range
     */
    public Operation<Void> setMemory(long memoryMb) {
        VmSpec.checkMemory(memoryMb);
        return modifyResources("set memory of " + label() + " to " + memoryMb + " MB",
                List.of(memoryWith(resourceSettings(Msvm.MEMORY_SETTING_DATA), memoryMb)));
    }

    /**
     * Renames the VM (ElementName through ModifySystemSettings). Names need not be unique.
     *
     * @param newName the new name
     * @return the operation
     * @throws IllegalArgumentException when the name is empty, too long or holds control characters
     */
    public Operation<Void> rename(String newName) {
        VmSpec.checkName(newName);
        return modifySystem("rename " + label() + " to '" + newName + "'", Map.of("ElementName", CimValue.string(newName)),
                () -> lastKnownName = newName);
    }

    /**
     * How the VM starts and stops with its host and what it boots from, read now.
     *
     * @return the settings
     */
    public VmStartupSettings startupSettings() {
        CimInstance s = systemSettings();
        List<BootDevice> boot = new ArrayList<>();
        CimValue order = s.get("BootOrder");
        if (order != null && !order.isNull()) for (Object o : order.asList()) boot.add(BootDevice.of(((Number) o).longValue()));
        CimValue delay = s.get("AutomaticStartupActionDelay");
        return new VmStartupSettings(AutomaticStartAction.of(s.longOr("AutomaticStartupAction", 3)),
                delay == null || delay.isNull() ? Duration.ZERO : delay.asDateTime().toDuration(),
                AutomaticStopAction.of(s.longOr("AutomaticShutdownAction", 3)), boot,
                s.booleanOr("SecureBootEnabled", false), s.booleanOr("VirtualNumaEnabled", true));
    }

    /**
     * Sets what the VM does when its host starts (Set-VM -AutomaticStartAction -AutomaticStartDelay),
     * through ModifySystemSettings; allowed while the VM runs.
     *
     * @param action what to do
     * @param delay  how long after the host starts, zero or more
     * @return the operation
     * @throws IllegalArgumentException when the delay is negative
     */
    public Operation<Void> setAutomaticStart(AutomaticStartAction action, Duration delay) {
        Objects.requireNonNull(action, "action");
        if (delay == null || delay.isNegative()) throw new IllegalArgumentException("the start delay must be zero or more, got " + delay);
        return modifySystem("set the automatic start action of " + label() + " to " + action + " after " + delay, Map.of(
                "AutomaticStartupAction", CimValue.uint16(action.value()),
                "AutomaticStartupActionDelay", CimValue.datetime(io.hyperv4j.cim.CimDateTime.interval(delay))), () -> { });
    }

    /**
     * Sets what the VM does when its host shuts down (Set-VM -AutomaticStopAction); the host
     * refuses it while the VM runs ({@link InvalidStateException}).
     *
     * @param action what to do
     * @return the operation
     */
    public Operation<Void> setAutomaticStop(AutomaticStopAction action) {
        Objects.requireNonNull(action, "action");
        return modifySystem("set the automatic stop action of " + label() + " to " + action,
                Map.of("AutomaticShutdownAction", CimValue.uint16(action.value())), () -> { });
    }

    /**
     * Sets the BIOS boot order of a generation 1 VM (Set-VMBios -StartupOrder): four different
     * devices, first first. A generation 2 VM refuses it (it boots by its boot sources).
     *
     * @param order the devices, four and all different
     * @return the operation
     * @throws IllegalArgumentException when the order does not name four different devices
     */
    public Operation<Void> setBootOrder(List<BootDevice> order) {
        if (order == null || order.size() != 4 || order.stream().anyMatch(Objects::isNull) || new java.util.HashSet<>(order).size() != 4)
            throw new IllegalArgumentException("a boot order names four different devices, got " + order);
        List<Long> values = order.stream().map(d -> (long) d.value()).toList();
        return modifySystem("set the boot order of " + label() + " to " + order,
                Map.of("BootOrder", CimValue.array(CimType.UINT16, values)), () -> { });
    }

    /**
     * A generation 2 VM's boot sources in boot order (Get-VMFirmware BootOrder); empty for generation 1.
     *
     * @return the sources, first first
     */
    public List<BootSource> bootSources() {
        CimValue order = systemSettings().get("BootSourceOrder");
        List<BootSource> out = new ArrayList<>();
        if (order == null || order.isNull()) return out;
        for (Object o : order.asList()) {
            CimInstance s = session.get(ObjectPath.parse(String.valueOf(o)));
            out.add(new BootSource(BootSourceType.of(s.longOr("BootSourceType", 0)), s.getString("BootSourceDescription"),
                    s.getString("FirmwareDevicePath"), Objects.requireNonNullElse(s.getString("OtherLocation"), ""), s.path()));
        }
        return out;
    }

    /**
     * Sets a generation 2 VM's boot order (Set-VMFirmware -BootOrder). Sources left out follow in
     * their current order; the host refuses a source that is not this VM's, or one named twice.
     *
     * @param order sources from {@link #bootSources()}, first first
     * @return the operation
     */
    public Operation<Void> setBootSourceOrder(List<BootSource> order) {
        List<String> paths = order.stream().map(b -> b.path().toString()).toList();
        return modifySystem("set the boot order of " + label() + " to " + paths, Map.of("BootSourceOrder", CimValue.strings(paths)), () -> { });
    }

    /** ModifySystemSettings with the VM's current settings and {@code changes}; {@code applied} runs when the host took them. */
    private Operation<Void> modifySystem(String attempted, Map<String, CimValue> changes, Runnable applied) {
        CimInstance.Builder vssd = systemSettings().toBuilder();
        changes.forEach(vssd::put);
        return MethodCall.on(session, vms.managementService(), "ModifySystemSettings", ReturnCodes.Family.CIM_METHOD)
                .with("SystemSettings", CimValue.string(vssd.build().toString()))
                .attempting(attempted)
                .timeout(vms.operationTimeout())
                .currentState(this::stateQuietly)
                .onJobFailure(this::typedJobFailure)
                .invoke(r -> {
                    applied.run();
                    return null;
                });
    }

    /**
     * Deletes the VM and its configuration (DestroySystem). Virtual disk files are kept.
     *
     * @return the operation
     */
    public Operation<Void> remove() {
        return MethodCall.on(session, vms.managementService(), "DestroySystem", ReturnCodes.Family.CIM_METHOD)
                .with("AffectedSystem", CimValue.ref(path))
                .attempting("remove " + label())
                .timeout(vms.operationTimeout())
                .currentState(this::stateQuietly)
                .onJobFailure(this::typedJobFailure)
                .invoke(r -> null);
    }

    /**
     * Migrates this VM without a cluster (MigrateVirtualSystemToHost): to another host, with or
     * without its storage, or only its storage. Refusals fail the operation with
     * {@link MigrationRefusedException}.
     *
     * @param spec what moves where
     * @return the migration
     */
    public Operation<Void> migrate(MigrationSpec spec) {
        return vms.migrations().migrate(this, spec);
    }

    /**
     * This VM's checkpoints: list, create, apply, delete, rename, walk the tree.
     *
     * @return the checkpoint service of this VM
     */
    public Checkpoints checkpoints() {
        return new Checkpoints(this, vms);
    }

    /**
     * This VM's backup through WMI (Windows Server 2016 and later): recovery checkpoints, reference
     * points and resilient change tracking.
     *
     * @return the change tracking service of this VM
     */
    public ChangeTracking changeTracking() {
        return new ChangeTracking(this, vms);
    }

    /**
     * This VM's hard disk drives: list, attach, detach.
     *
     * @return the drive service of this VM
     */
    public HardDisks hardDisks() {
        return new HardDisks(this, vms);
    }

    /**
     * This VM's network adapters: list, add, connect, disconnect, VLAN, remove.
     *
     * @return the adapter service of this VM
     */
    public NetworkAdapters networkAdapters() {
        return new NetworkAdapters(this, vms);
    }

    /**
     * This VM's resource metering: enable, disable, reset, read (Measure-VM).
     *
     * @return the metering service of this VM
     */
    public VmMetrics metrics() {
        return new VmMetrics(this, vms);
    }

    /**
     * This VM's DVD drive: the ISO in it, insert, eject.
     *
     * @return the DVD drive of this VM
     */
    public DvdDrive dvdDrive() {
        return new DvdDrive(this, vms);
    }

    /**
     * This VM's security: key protector, TPM and the other security settings.
     *
     * @return the security of this VM
     */
    public VmSecurity security() {
        return new VmSecurity(this, vms);
    }

    /**
     * This running VM's keyboard and mouse: type text and keys, Ctrl+Alt+Del, move and click.
     *
     * @return the console input of this VM
     */
    public VmConsole console() {
        return new VmConsole(this, vms);
    }

    /** The realized Msvm_VirtualSystemSettingData, read now. */
    CimInstance systemSettingsInstance() {
        return systemSettings();
    }

    /**
     * Calls {@code listener} on each state change of this VM (on the event thread). Close to stop.
     *
     * @param listener called with each change
     * @return the registration; closing it stops the calls and throws nothing
     */
    public Subscription onStateChange(Consumer<VmStateChange> listener) {
        return vms.subscribeStateChanges(id, listener);
    }

    /**
     * Sets processor count and memory in one ModifyResourceSettings call, so both change or
     * neither does (Set-VM with -ProcessorCount and -MemoryStartupBytes).
     *
     * @param processors the new count
     * @param memoryMb   the new memory in MB
     * @return the operation
     * @throws IllegalArgumentException when a value is out of range
     */
    public Operation<Void> setProcessorsAndMemory(int processors, long memoryMb) {
        VmSpec.checkProcessors(processors);
        VmSpec.checkMemory(memoryMb);
        return setResources(processors, memoryMb,
                "set " + label() + " to " + processors + " processors and " + memoryMb + " MB");
    }

    /** Processor and memory in one ModifyResourceSettings call (also used right after DefineSystem). */
    Operation<Void> setResources(int processors, long memoryMb, String attempted) {
        CimInstance vssd = systemSettings();
        List<CimInstance> changes = new ArrayList<>();
        changes.add(with(resourceSettings(vssd, Msvm.PROCESSOR_SETTING_DATA), "VirtualQuantity", processors));
        changes.add(memoryWith(resourceSettings(vssd, Msvm.MEMORY_SETTING_DATA), memoryMb));
        return modifyResources(attempted, changes);
    }

    String label() {
        return "VM '" + lastKnownName + "' (" + id + ")";
    }

    private Operation<Void> modifyResources(String attempted, List<CimInstance> settings) {
        return MethodCall.on(session, vms.managementService(), "ModifyResourceSettings", ReturnCodes.Family.CIM_METHOD)
                .with("ResourceSettings", CimValue.array(CimType.STRING, settings.stream().map(CimInstance::toString).toList()))
                .attempting(attempted)
                .timeout(vms.operationTimeout())
                .currentState(this::stateQuietly)
                .onJobFailure(this::typedJobFailure)
                .invoke(r -> null);
    }

    /**
     * RequestStateChange. Success (0, or the job completed) means the VM reached {@code target};
     * only a job that expired unseen needs the VM's state read back.
     */
    private Operation<VmState> requestState(int requested, VmState target, String verb) {
        return MethodCall.on(session, path, "RequestStateChange", ReturnCodes.Family.MSVM)
                .with("RequestedState", CimValue.uint16(requested))
                .attempting(verb + " " + label())
                .timeout(vms.operationTimeout())
                .currentState(this::stateQuietly)
                .onJobFailure(this::typedJobFailure)
                .ifJobExpired(this::state)
                .invoke(r -> target);
    }

    /** A job that failed because of the VM's state is an invalid-state refusal, like the 32775 return code. */
    private RuntimeException typedJobFailure(JobFailedException e) {
        if (e.errorCode() != 32775) return e;
        VmState now = stateQuietly();
        return new InvalidStateException(e.getMessage() + "; current state is " + now, e.errorCode(),
                ReturnCodes.name(ReturnCodes.Family.MSVM, e.errorCode()), now, e);
    }

    private VmState stateQuietly() {
        try {
            return state();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private CimInstance computerSystem() {
        try {
            return session.get(path);
        } catch (CimException e) {
            if (e.error() == CimError.NOT_FOUND) throw new NotFoundException(label() + " no longer exists on host " + session.host(), e);
            throw e;
        }
    }

    /** The VM's current (realized) settings, not a checkpoint's: reached through Msvm_SettingsDefineState. */
    private CimInstance systemSettings() {
        List<CimInstance> found = session.associators(path, Msvm.SETTINGS_DEFINE_STATE, Msvm.SYSTEM_SETTING_DATA);
        if (found.isEmpty()) throw new NotFoundException("No " + Msvm.SYSTEM_SETTING_DATA + " for " + label());
        return found.get(0);
    }

    private CimInstance resourceSettings(String className) {
        return resourceSettings(systemSettings(), className);
    }

    private CimInstance resourceSettings(CimInstance vssd, String className) {
        ObjectPath vssdPath = VirtualMachines.withNamespace(vssd.path());
        List<CimInstance> found = session.associators(vssdPath, Msvm.SETTING_DATA_COMPONENT, className);
        if (found.isEmpty()) throw new NotFoundException("No " + className + " for " + label());
        return found.get(0);
    }

    private static CimInstance memoryWith(CimInstance mem, long memoryMb) {
        boolean dynamic = mem.booleanOr("DynamicMemoryEnabled", false);
        CimInstance changed = with(mem, "VirtualQuantity", memoryMb);
        if (!dynamic) {
            changed = with(changed, "Reservation", memoryMb);
            changed = with(changed, "Limit", memoryMb);
        }
        return changed;
    }

    /** Sets an integer property, keeping the CIM type the host declared for it (uint64 for quantities). */
    private static CimInstance with(CimInstance instance, String property, long value) {
        CimValue old = instance.get(property);
        CimType type = old != null && old.type().ordinal() <= CimType.SINT64.ordinal() && !old.array() ? old.type() : CimType.UINT64;
        return instance.toBuilder().put(property, CimValue.of(type, value)).build();
    }

    /** "Microsoft:Hyper-V:SubType:2" is generation 2; anything unreadable counts as 1, the older default. */
    private static int generationOf(String subtype) {
        if (subtype == null || !subtype.startsWith(Msvm.SUBTYPE_PREFIX)) return 1;
        try {
            return Integer.parseInt(subtype.substring(Msvm.SUBTYPE_PREFIX.length()).trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    static VmState stateOf(CimInstance cs) {
        return VmState.fromEnabledState(cs.longOr("EnabledState", 0));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VirtualMachine vm && id.equalsIgnoreCase(vm.id) && Objects.equals(session.host(), vm.session.host());
    }

    @Override
    public int hashCode() {
        return id.toLowerCase(java.util.Locale.ROOT).hashCode();
    }

    @Override
    public String toString() {
        return label();
    }
}
