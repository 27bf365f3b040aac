package io.hyperv4j.sim.v2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.HostScope;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.LabJson;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.SimJob;
import io.hyperv4j.sim.SimProvider;
import io.hyperv4j.sim.Txn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The simulated migration classes of root\virtualization\v2: Msvm_VirtualSystemMigrationService
 * (MigrateVirtualSystemToHost, MigrateVirtualSystemToSystem, CheckVirtualSystemIsMigratableToHost,
 * ModifyServiceSettings), its
 * Msvm_VirtualSystemMigrationServiceSettingData and Msvm_VirtualSystemMigrationCapabilities, and
 * the Msvm_MigrationJob a migration runs as.
 */
public final class MigrationProvider extends V2Provider {
    static final String SERVICE = "Msvm_VirtualSystemMigrationService";
    static final String SERVICE_SETTINGS = "Msvm_VirtualSystemMigrationServiceSettingData";
    static final String CAPABILITIES = "Msvm_VirtualSystemMigrationCapabilities";
    static final String MIGRATION_JOB = "Msvm_MigrationJob";
    static final String SETTING_DATA = "Msvm_VirtualSystemMigrationSettingData";
    private static final Set<String> CLASSES = V2.classSet(SERVICE, SERVICE_SETTINGS, CAPABILITIES, MIGRATION_JOB, SETTING_DATA);
    private static final String SERVICE_NAME = "Virtual System Migration Service";

    private final MigrationSettings settings = new MigrationSettings();
    private final MigrationFlows flows = new MigrationFlows();
    private final MigrationService service = new MigrationService(settings, flows);

    public MigrationProvider() {
        super(CLASSES);
    }

    @Override
    public void attach(Lab lab) {
        lab.jobs().register(MigrationService.OPERATION, flows.around(service.handler));
    }

    @Override
    public List<CimInstance> instances(HostScope s, String className) {
        SimHost h = s.host();
        return switch (className.toLowerCase(Locale.ROOT)) {
            case "msvm_virtualsystemmigrationservice" -> List.of(service(s));
            case "msvm_virtualsystemmigrationservicesettingdata" -> List.of(serviceSettings(h));
            case "msvm_virtualsystemmigrationcapabilities" -> List.of(capabilities(h));
            case "msvm_migrationjob" -> h.jobs().stream().filter(MigrationService::isMigration).map(j -> job(j, s.now())).toList();
            case "msvm_virtualsystemmigrationsettingdata" -> MigrationService.TYPES.stream().map(t -> settingData(h, t)).toList();
            default -> List.of();
        };
    }

    @Override
    public CimInstance instance(HostScope s, ObjectPath path) {
        return VirtualizationProvider.find(instances(s, path.className()), path);
    }

    @Override
    public List<CimInstance> referencesTo(HostScope s, ObjectPath path) {
        return List.of();
    }

    @Override
    public MethodResult invoke(Txn txn, HostScope s, ObjectPath target, String method, Map<String, CimValue> in) {
        Map<String, CimValue> p = Embedded.params(in);
        String m = method.toLowerCase(Locale.ROOT);
        MethodResult r = switch (target.className().toLowerCase(Locale.ROOT)) {
            case "msvm_virtualsystemmigrationservice" -> switch (m) {
                case "migratevirtualsystemtohost" -> service.migrate(txn, s, p);
                case "migratevirtualsystemtosystem" -> service.migrateToSystem(txn, s, p);
                case "checkvirtualsystemismigratabletohost" -> service.checkMigratable(s, p);
                case "modifyservicesettings" -> modifyServiceSettings(txn, s.host(), p);
                default -> null;
            };
            case "msvm_migrationjob" -> {
                SimJob j = s.lab().job(String.valueOf(target.key("InstanceID")));
                if (j == null || !MigrationService.isMigration(j)) throw new CimException(CimError.NOT_FOUND, "no migration job " + target);
                yield m.equals("requeststatechange")
                        ? new MethodResult(txn.lab().jobs().requestStateChange(txn, j, (int) Embedded.paramLong(p, "RequestedState", -1)), Map.of())
                        : JobErrors.invoke(j, m);
            }
            default -> null;
        };
        if (r == null) throw new CimException(CimError.NOT_SUPPORTED, "the simulator does not implement " + target.className() + "." + method);
        return r;
    }

    /** Takes the settings' writable values; the InstanceID must be this host's. */
    private MethodResult modifyServiceSettings(Txn txn, SimHost host, Map<String, CimValue> p) {
        CimInstance in = Embedded.instance(p.get("ServiceSettingData"));
        if (in == null || !in.className().equalsIgnoreCase(SERVICE_SETTINGS)) return ManagementService.code(MigrationService.INVALID_PARAMETER);
        MigrationSettings.Host old = settings.of(host.name());
        Long vsm = Embedded.integer(in, "MaximumActiveVirtualSystemMigration");
        Long sm = Embedded.integer(in, "MaximumActiveStorageMigration");
        Long auth = Embedded.integer(in, "AuthenticationType");
        if ((auth != null && auth != 0 && auth != 1) || (vsm != null && vsm < 1) || (sm != null && sm < 1))
            return ManagementService.code(MigrationService.INVALID_PARAMETER);
        Boolean enable = Embedded.bool(in, "EnableVirtualSystemMigration");
        Boolean compression = Embedded.bool(in, "EnableCompression");
        Boolean smb = Embedded.bool(in, "EnableSmbTransport");
        txn.touch(host);
        settings.put(host.name(), new MigrationSettings.Host(enable == null ? old.enableVirtualSystemMigration() : enable,
                vsm == null ? old.maximumActiveVirtualSystemMigration() : vsm, sm == null ? old.maximumActiveStorageMigration() : sm,
                auth == null ? old.authenticationType() : auth, compression == null ? old.enableCompression() : compression,
                smb == null ? old.enableSmbTransport() : smb));
        service.startQueued(txn, txn.lab(), null); // a raised maximum starts what waited
        return ManagementService.code(0);
    }

    @Override
    public List<CimInstance> render(Lab lab, Object entity, Instant now) {
        if (entity instanceof SimJob j && MigrationService.isMigration(j)) return j.removed() ? List.of() : List.of(job(j, now));
        return List.of();
    }

    @Override
    public void save(Lab lab, ObjectNode into) {
        settings.save(into);
        flows.save(into);
    }

    @Override
    public void load(Lab lab, LabJson from) {
        settings.load(from);
        flows.load(lab, from);
    }

    private CimInstance service(HostScope s) {
        SimHost h = s.host();
        int live = MigrationService.active(s.lab(), h, false, null), storage = MigrationService.active(s.lab(), h, true, null);
        CimInstance.Builder b = V2Renderer.start(V2.path(h.name(), SERVICE, "CreationClassName", SERVICE, "Name", SERVICE_NAME,
                "SystemCreationClassName", V2.COMPUTER_SYSTEM, "SystemName", h.name()));
        b.put("Caption", V2Renderer.str("Hyper-V Virtual System Migration Service"));
        b.put("Description", V2Renderer.str("Service for migrating virtual machines"));
        b.put("ElementName", V2Renderer.str(SERVICE_NAME));
        b.put("EnabledState", CimValue.uint16(2));
        b.put("RequestedState", CimValue.uint16(12));
        b.put("EnabledDefault", CimValue.uint16(2));
        b.put("HealthState", CimValue.uint16(5));
        b.put("OperationalStatus", V2Renderer.u16s(2));
        b.put("Started", CimValue.bool(true));
        b.put("StartMode", V2Renderer.str("Automatic"));
        b.put("Status", V2Renderer.str("OK"));
        b.put("ActiveVirtualSystemMigrationCount", CimValue.uint32(live));
        b.put("ActiveStorageMigrationCount", CimValue.uint32(storage));
        b.put("MigrationServiceListenerIPAddressList", CimValue.array(CimType.STRING, listenerAddresses(h, settings.of(h.name()))));
        return b.build();
    }

    /**
     * The addresses a host's migration service listens on: while migration is enabled, the host's
     * address (the simulator's own: 198.18.0.0/15, the benchmarking range, from the host's name,
     * as the lab gives hosts no addresses); none while it is off, as on Windows.
     */
    static List<String> listenerAddresses(SimHost h, MigrationSettings.Host settings) {
        if (!settings.enableVirtualSystemMigration()) return List.of();
        int n = h.name().toUpperCase(Locale.ROOT).hashCode() & 0x1FFFF;
        return List.of("198." + (18 + (n >> 16)) + "." + ((n >> 8) & 0xFF) + "." + (n & 0xFF));
    }

    /** The settings a client starts a migration from: one per MigrationType, as a client picks it by type. */
    private CimInstance settingData(SimHost h, int type) {
        CimInstance.Builder b = V2Renderer.start(V2.path(h.name(), SETTING_DATA, "InstanceID", "Microsoft:" + h.name() + "\\MigrationSettingData\\" + type));
        b.put("Caption", V2Renderer.str("Migration Setting Data"));
        b.put("Description", V2Renderer.str("Virtual System Migration Setting Data"));
        b.put("MigrationType", CimValue.uint16(type));
        b.put("TransportType", CimValue.uint16(5));
        b.put("EnableCompression", CimValue.bool(settings.of(h.name()).enableCompression()));
        for (String flag : List.of("RemoveSourceUnmanagedVhds", "AvoidRemovingVHDs", "CancelIfBlackoutThresholdExceeded", "AllowOverwriteExistingFile",
                "RetainVhdCopiesOnSource"))
            b.put(flag, CimValue.bool(false));
        return b.build();
    }

    private CimInstance serviceSettings(SimHost h) {
        MigrationSettings.Host m = settings.of(h.name());
        CimInstance.Builder b = V2Renderer.start(V2.path(h.name(), SERVICE_SETTINGS, "InstanceID", "Microsoft:" + h.name() + "\\MigrationServiceSettings"));
        b.put("Caption", V2Renderer.str("Virtual System Migration Service Setting Data"));
        b.put("Description", V2Renderer.str("Settings of the virtual system migration service"));
        b.put("ElementName", V2Renderer.str("Virtual System Migration Service Setting Data"));
        b.put("EnableVirtualSystemMigration", CimValue.bool(m.enableVirtualSystemMigration()));
        b.put("MaximumActiveVirtualSystemMigration", CimValue.uint32(m.maximumActiveVirtualSystemMigration()));
        b.put("MaximumActiveStorageMigration", CimValue.uint32(m.maximumActiveStorageMigration()));
        b.put("AuthenticationType", CimValue.uint32(m.authenticationType()));
        b.put("EnableCompression", CimValue.bool(m.enableCompression()));
        b.put("EnableSmbTransport", CimValue.bool(m.enableSmbTransport()));
        return b.build();
    }

    private static CimInstance capabilities(SimHost h) {
        CimInstance.Builder b = V2Renderer.start(V2.path(h.name(), CAPABILITIES, "InstanceID", "Microsoft:" + h.name() + "\\MigrationCapabilities"));
        b.put("Caption", V2Renderer.str("Migration Capabilities"));
        b.put("Description", V2Renderer.str("Virtual System Migration Capabilities"));
        b.put("ElementName", V2Renderer.str("Migration Capabilities"));
        b.put("SynchronousMethodsSupported", V2Renderer.u16s(4));
        b.put("AsynchronousMethodsSupported", V2Renderer.u16s(2, 3)); // MigrateVirtualSystemToHost, ...ToSystem
        b.put("DestinationHostFormatsSupported", V2Renderer.u16s(2));
        return b.build();
    }

    /** The migration's Msvm_ConcreteJob properties under Msvm_MigrationJob, with what moves where. */
    private static CimInstance job(SimJob j, Instant now) {
        CimInstance base = V2Renderer.job(j, now);
        CimInstance.Builder b = V2Renderer.start(MigrationService.jobPath(j.hostName(), j.id()));
        base.properties().forEach((k, v) -> {
            if (!k.equalsIgnoreCase("InstanceID")) b.put(k, v);
        });
        b.put("MigrationType", CimValue.uint16(Long.parseLong(j.data("migrationType"))));
        b.put("VirtualSystemName", V2Renderer.str(j.affectedVmId()));
        b.put("DestinationHost", V2Renderer.str(j.data("destination")));
        return b.build();
    }

}
