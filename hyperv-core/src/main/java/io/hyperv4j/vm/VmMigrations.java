package io.hyperv4j.vm;

import io.hyperv4j.HyperVException;
import io.hyperv4j.JobFailedException;
import io.hyperv4j.NotFoundException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.job.MethodCall;
import io.hyperv4j.job.Operation;
import io.hyperv4j.job.ReturnCodes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Migration without a cluster through the host's Msvm_VirtualSystemMigrationService: live
 * migration, shared-nothing live migration (the VM with its storage) and storage migration, each an
 * {@link Operation}; a refusal is a {@link MigrationRefusedException} with its
 * {@link MigrationRefusal}. Also turns the host's migration service on and off (Enable-VMMigration).
 * <p>Thread-safety: thread-safe; it keeps no state beyond the service's path.
 */
public final class VmMigrations {
    static final String SERVICE = "Msvm_VirtualSystemMigrationService";
    static final String SETTING_DATA = "Msvm_VirtualSystemMigrationSettingData";
    static final String SERVICE_SETTING_DATA = "Msvm_VirtualSystemMigrationServiceSettingData";
    static final String STORAGE_SETTING_DATA = "Msvm_StorageAllocationSettingData";

    private final VirtualMachines vms;
    private final CimSession session;

    VmMigrations(VirtualMachines vms) {
        this.vms = vms;
        this.session = vms.session();
    }

    /**
     * Migrates {@code vm} as {@code spec} says (MigrateVirtualSystemToHost).
     *
     * @param vm   a VM of this host
     * @param spec what moves where
     * @return the migration; it fails with {@link MigrationRefusedException} when the host refuses
     * @throws NotFoundException when a disk the spec names is not one of the VM's
     */
    public Operation<Void> migrate(VirtualMachine vm, MigrationSpec spec) {
        Objects.requireNonNull(spec, "spec");
        String what = describe(vm, spec);
        MethodCall call = MethodCall.on(session, service(), "MigrateVirtualSystemToHost", ReturnCodes.Family.MSVM);
        inputs(vm, spec, spec.kind().migrationType()).forEach(call::with);
        return call.attempting(what)
                .timeout(vms.operationTimeout())
                .onJobFailure(VmMigrations::typed)
                .invoke(r -> null);
    }

    /**
     * Whether the host would start this migration now (CheckVirtualSystemIsMigratableToHost); the
     * reason of a refusal comes with {@link #migrate}.
     *
     * @param vm   a VM of this host
     * @param spec what would move where
     * @return whether it is migratable
     */
    public boolean isMigratable(VirtualMachine vm, MigrationSpec spec) {
        Objects.requireNonNull(spec, "spec");
        return check(vm, spec, inputs(vm, spec, spec.kind().migrationType()));
    }

    /**
     * Whether the host could move this VM's storage to the destination, looking at the storage
     * itself (CheckVirtualSystemIsMigratableToHost with MigrationType 32772 StorageDeepCheck: the
     * disk files readable, room for them where they go), for a shared-nothing migration.
     *
     * @param vm   a VM of this host
     * @param spec a {@link MigrationSpec#sharedNothing} migration, with the disks it moves
     * @return whether the storage could move
     * @throws IllegalArgumentException when the spec is no shared-nothing migration
     */
    public boolean isStorageMigratable(VirtualMachine vm, MigrationSpec spec) {
        Objects.requireNonNull(spec, "spec");
        if (spec.kind() != MigrationSpec.Kind.SHARED_NOTHING)
            throw new IllegalArgumentException("a storage deep check asks about a shared-nothing migration, not " + spec.kind());
        return check(vm, spec, inputs(vm, spec, STORAGE_DEEP_CHECK));
    }

    /** MigrationType 32772, StorageDeepCheck (Msvm_VirtualSystemMigrationSettingData). */
    private static final int STORAGE_DEEP_CHECK = 32772;

    private boolean check(VirtualMachine vm, MigrationSpec spec, Map<String, CimValue> inputs) {
        var r = session.invoke(service(), "CheckVirtualSystemIsMigratableToHost", inputs);
        if (r.returnValue() != 0)
            throw ReturnCodes.toException(ReturnCodes.Family.CIM_METHOD, r.returnValue(), "check " + describe(vm, spec), null);
        CimValue ok = r.out().get("IsMigratable");
        return ok != null && !ok.isNull() && ok.asBoolean();
    }

    /**
     * Whether the host takes and sends virtual machine migrations
     * (Msvm_VirtualSystemMigrationServiceSettingData.EnableVirtualSystemMigration).
     *
     * @return whether migration is enabled; storage migration always is
     */
    public boolean isEnabled() {
        return serviceSettings().booleanOr("EnableVirtualSystemMigration", false);
    }

    /**
     * Turns virtual machine migration on or off (ModifyServiceSettings; Enable-VMMigration).
     *
     * @param enabled whether to allow migrations to and from this host
     * @return the change
     */
    public Operation<Void> enable(boolean enabled) {
        CimInstance s = serviceSettings().toBuilder().put("EnableVirtualSystemMigration", CimValue.bool(enabled)).build();
        return MethodCall.on(session, service(), "ModifyServiceSettings", ReturnCodes.Family.MSVM)
                .with("ServiceSettingData", CimValue.string(s.toString()))
                .attempting((enabled ? "enable" : "disable") + " virtual machine migration on " + session.host())
                .timeout(vms.operationTimeout())
                .invoke(r -> null);
    }

    private CimInstance serviceSettings() {
        List<CimInstance> found = session.query(Msvm.NAMESPACE, "SELECT * FROM " + SERVICE_SETTING_DATA);
        if (found.isEmpty()) throw new HyperVException("Host " + session.host() + " has no " + SERVICE_SETTING_DATA);
        return found.get(0);
    }

    /** The method's parameters: the VM, where to, the migration settings and each moved disk's settings with its new file. */
    private Map<String, CimValue> inputs(VirtualMachine vm, MigrationSpec spec, int migrationType) {
        CimInstance.Builder settings = CimInstance.builder(SETTING_DATA)
                .put("MigrationType", CimValue.uint16(migrationType))
                .put("TransportType", CimValue.uint16(5));
        if (!spec.plannedVm().isEmpty()) settings.put("DestinationPlannedVirtualSystemId", CimValue.string(spec.plannedVm()));
        CimInstance msd = settings.build();
        List<String> disks = new ArrayList<>();
        if (!spec.diskMoves().isEmpty()) {
            List<CimInstance> current = disksOf(vm);
            for (Map.Entry<Path, Path> m : spec.diskMoves().entrySet()) {
                CimInstance sasd = current.stream().filter(d -> holds(d, m.getKey())).findFirst()
                        .orElseThrow(() -> new NotFoundException(vm.label() + " has no virtual hard disk " + m.getKey()));
                disks.add(sasd.toBuilder().put("HostResource", CimValue.strings(List.of(m.getValue().toString()))).build().toString());
            }
        }
        String destination = spec.kind() == MigrationSpec.Kind.STORAGE ? session.host() : spec.destinationHost();
        Map<String, CimValue> in = new LinkedHashMap<>();
        in.put("ComputerSystem", CimValue.ref(vm.path()));
        in.put("DestinationHost", CimValue.string(destination));
        in.put("MigrationSettingData", CimValue.string(msd.toString()));
        in.put("NewResourceSettingData", CimValue.array(CimType.STRING, disks));
        return in;
    }

    private List<CimInstance> disksOf(VirtualMachine vm) {
        List<CimInstance> vssd = session.associators(vm.path(), Msvm.SETTINGS_DEFINE_STATE, Msvm.SYSTEM_SETTING_DATA);
        if (vssd.isEmpty()) throw new NotFoundException("No " + Msvm.SYSTEM_SETTING_DATA + " for " + vm.label());
        return session.associators(VirtualMachines.withNamespace(vssd.get(0).path()), Msvm.SETTING_DATA_COMPONENT, STORAGE_SETTING_DATA);
    }

    private static boolean holds(CimInstance sasd, Path file) {
        List<Object> hr = sasd.list("HostResource");
        return hr != null && hr.size() == 1 && Path.of(String.valueOf(hr.get(0))).toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize());
    }

    private ObjectPath service() {
        List<CimInstance> found = session.query(Msvm.NAMESPACE, "SELECT * FROM " + SERVICE);
        if (found.isEmpty()) throw new HyperVException("Host " + session.host() + " has no " + SERVICE + " (Windows Server 2012 or later)");
        return VirtualMachines.withNamespace(found.get(0).path());
    }

    private static RuntimeException typed(JobFailedException e) {
        return MigrationRefusal.of(e.errorCode()).<RuntimeException>map(r -> new MigrationRefusedException(r, e)).orElse(e);
    }

    private static String describe(VirtualMachine vm, MigrationSpec spec) {
        return switch (spec.kind()) {
            case LIVE -> "live-migrate " + vm.label() + " to " + spec.destinationHost();
            case SHARED_NOTHING -> "move " + vm.label() + " with its storage to " + spec.destinationHost();
            case STORAGE -> "move the storage of " + vm.label() + " (" + spec.diskMoves().size() + " disk(s))";
            case STAGED -> "stage " + vm.label() + " on " + spec.destinationHost() + " as a planned VM";
        };
    }
}
