package io.hyperv4j.sim.v2;

import io.hyperv4j.cim.CimDateTime;
import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.HostScope;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.SimJob;
import io.hyperv4j.sim.SimProvider;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.Txn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The simulated root\virtualization\v2 classes for hosts, VMs, their settings and jobs:
 * Msvm_ComputerSystem, Msvm_VirtualSystemSettingData, Msvm_ProcessorSettingData,
 * Msvm_MemorySettingData, Msvm_VirtualSystemManagementService, Msvm_ConcreteJob,
 * Msvm_ShutdownComponent and the associations between them.
 */
public final class VirtualizationProvider extends V2Provider {

    private static final Set<String> CLASSES = V2.classSet(V2.COMPUTER_SYSTEM, V2.VSSD, V2.PROCESSOR_SD, V2.MEMORY_SD,
            V2.SETTINGS_DEFINE_STATE, V2.VSSD_COMPONENT, V2.MANAGEMENT_SERVICE, V2.CONCRETE_JOB,
            V2.AFFECTED_JOB_ELEMENT, V2.SHUTDOWN_COMPONENT, V2.SYSTEM_DEVICE, V2.HOSTED_SERVICE, ServiceSettings.CLASS);

    private final VmTimings timings = VmTimings.DEFAULT;
    private final VmPower power = new VmPower(timings);
    private final ManagementService service = new ManagementService(timings);

    public VirtualizationProvider() {
        super(CLASSES);
    }

    @Override
    public void attach(Lab lab) {
        lab.jobs().register(VmPower.OPERATION, power);
        lab.jobs().register(ManagementService.DEFINE, ManagementService.DEFINE_HANDLER);
        lab.jobs().register(ManagementService.DESTROY, ManagementService.DESTROY_HANDLER);
    }

    @Override
    public List<CimInstance> instances(HostScope s, String className) {
        SimHost h = s.host();
        List<CimInstance> out = new ArrayList<>();
        switch (className.toLowerCase(Locale.ROOT)) {
            case "msvm_computersystem" -> {
                out.add(V2Renderer.host(h, s.now()));
                for (SimVm vm : h.vms()) out.add(V2Renderer.vm(vm, s.now()));
            }
            case "msvm_virtualsystemsettingdata" -> h.vms().forEach(vm -> {
                out.add(settings(s.lab(), vm));
                out.addAll(StorageRenderer.snapshots(s.lab(), vm));
            });
            case "msvm_processorsettingdata" -> h.vms().forEach(vm -> out.add(V2Renderer.processor(vm)));
            case "msvm_memorysettingdata" -> h.vms().forEach(vm -> out.add(V2Renderer.memory(vm)));
            default -> { }
        }
        switch (className.toLowerCase(Locale.ROOT)) { // planned VMs' settings (Msvm_PlannedComputerSystem's)
            case "msvm_virtualsystemsettingdata", "msvm_processorsettingdata", "msvm_memorysettingdata" ->
                    out.addAll(SystemDefinitions.planned(s.lab()).settings(h.name(), className));
            case "msvm_settingsdefinestate" -> h.vms().forEach(vm -> out.add(V2Renderer.settingsDefineState(vm)));
            case "msvm_virtualsystemsettingdatacomponent" -> h.vms().forEach(vm -> {
                out.addAll(V2Renderer.settingsComponents(vm));
                out.addAll(StorageRenderer.components(s.lab(), vm));
            });
            case "msvm_virtualsystemmanagementservice" -> out.add(V2Renderer.managementService(h));
            case "msvm_virtualsystemmanagementservicesettingdata" -> out.add(ServiceSettings.of(s.lab(), h));
            case "msvm_hostedservice" -> out.add(V2Renderer.hostedService(h));
            case "msvm_concretejob" -> h.jobs().forEach(j -> {
                if (!MigrationService.isMigration(j)) out.add(V2Renderer.job(j, s.now()));
            });
            case "msvm_affectedjobelement" -> h.jobs().forEach(j -> out.addAll(affected(s, j)));
            case "msvm_shutdowncomponent" -> h.vms().forEach(vm -> {
                if (V2Renderer.hasShutdownComponent(vm)) out.add(V2Renderer.shutdownComponent(vm));
            });
            case "msvm_systemdevice" -> h.vms().forEach(vm -> {
                if (V2Renderer.hasShutdownComponent(vm)) out.add(V2Renderer.systemDevice(vm));
                out.addAll(LogicalDevices.systemDevices(s.lab(), vm, s.now()));
            });
            default -> { }
        }
        for (io.hyperv4j.sim.SimProvider p : s.lab().providers().all())
            if (p instanceof SharedAssociations shared) out.addAll(shared.associations(s, className));
        return out;
    }

    /** Datacenter-sized inventories read a few properties of every VM: render only those. */
    @Override
    public List<CimInstance> instances(HostScope s, String className, java.util.Set<String> read) {
        if (!className.equalsIgnoreCase(V2.COMPUTER_SYSTEM)) return instances(s, className);
        long properties = V2Renderer.vmProperties(read);
        List<CimInstance> out = new ArrayList<>(s.host().vms().size() + 1);
        out.add(V2Renderer.host(s.host(), s.now()));
        for (SimVm vm : s.host().vms()) out.add(V2Renderer.vm(vm, s.now(), properties));
        return out;
    }

    /**
     * A scan for a few VMs among thousands tests its condition on each VM's tested properties read
     * from the model (no path, no other property) and renders only the VMs that pass.
     */
    @Override
    public List<CimInstance> instances(HostScope s, String className, java.util.Set<String> read, java.util.Set<String> tested,
            java.util.function.Predicate<CimInstance> where) {
        V2Renderer.VmProbe probe = className.equalsIgnoreCase(V2.COMPUTER_SYSTEM) && !tested.isEmpty() ? V2Renderer.VmProbe.of(tested) : null;
        if (probe == null) return super.instances(s, className, read, tested, where);
        long readMask = V2Renderer.vmProperties(read);
        java.time.Instant now = s.now();
        List<CimInstance> out = new ArrayList<>();
        CimInstance host = V2Renderer.host(s.host(), now);
        if (where.test(host)) out.add(host);
        for (SimVm vm : s.host().vms()) if (probe.test(vm, now, where)) out.add(V2Renderer.vm(vm, now, readMask));
        return out;
    }

    @Override
    public CimInstance instance(HostScope s, ObjectPath path) {
        CimInstance found = switch (path.className().toLowerCase(Locale.ROOT)) {
            case "msvm_computersystem" -> {
                String name = key(path, "Name");
                if (name == null) yield null;
                if (name.equalsIgnoreCase(s.host().name())) yield V2Renderer.host(s.host(), s.now());
                SimVm vm = vm(s, name);
                yield vm == null ? null : V2Renderer.vm(vm, s.now());
            }
            case "msvm_virtualsystemsettingdata" -> {
                SimVm vm = vm(s, V2.vmIdOf(key(path, "InstanceID")));
                yield vm == null ? StorageRenderer.snapshot(s.lab(), s.host(), key(path, "InstanceID"))
                        : settings(s.lab(), vm);
            }
            case "msvm_processorsettingdata" -> {
                SimVm vm = vm(s, V2.vmIdOf(key(path, "InstanceID")));
                yield vm == null ? null : V2Renderer.processor(vm);
            }
            case "msvm_memorysettingdata" -> {
                SimVm vm = vm(s, V2.vmIdOf(key(path, "InstanceID")));
                yield vm == null ? null : V2Renderer.memory(vm);
            }
            case "msvm_virtualsystemmanagementservice" -> V2Renderer.managementService(s.host());
            case "msvm_virtualsystemmanagementservicesettingdata" -> ServiceSettings.of(s.lab(), s.host());
            case "msvm_concretejob" -> {
                SimJob j = s.lab().job(key(path, "InstanceID"));
                yield j == null || !j.hostName().equalsIgnoreCase(s.host().name()) || MigrationService.isMigration(j) ? null
                        : V2Renderer.job(j, s.now());
            }
            case "msvm_shutdowncomponent" -> {
                SimVm vm = vm(s, key(path, "SystemName"));
                yield vm == null || !V2Renderer.hasShutdownComponent(vm) ? null : V2Renderer.shutdownComponent(vm);
            }
            default -> associationAt(s, path);
        };
        if (found == null && V2.vmIdOf(key(path, "InstanceID")) != null && SystemDefinitions.planned(s.lab()).holds(V2.vmIdOf(key(path, "InstanceID"))))
            found = find(SystemDefinitions.planned(s.lab()).settings(s.host().name(), path.className()), path);
        return found != null && keysMatch(path, found.path()) ? found : null;
    }

    private CimInstance associationAt(HostScope s, ObjectPath path) {
        for (Object v : path.keys().values()) {
            if (!(v instanceof ObjectPath ref)) continue;
            for (CimInstance a : referencesTo(s, ref))
                if (a.className().equalsIgnoreCase(path.className()) && keysMatch(path, a.path())) return a;
        }
        for (io.hyperv4j.sim.SimProvider p : s.lab().providers().all())
            if (p instanceof SharedAssociations shared)
                for (CimInstance a : shared.associations(s, path.className())) if (keysMatch(path, a.path())) return a;
        return null;
    }

    @Override
    public List<CimInstance> referencesTo(HostScope s, ObjectPath path) {
        List<CimInstance> out = new ArrayList<>();
        switch (path.className().toLowerCase(Locale.ROOT)) {
            case "msvm_computersystem" -> {
                if (s.host().name().equalsIgnoreCase(key(path, "Name"))) out.add(V2Renderer.hostedService(s.host()));
                SimVm vm = vm(s, key(path, "Name"));
                if (vm == null) break;
                out.add(V2Renderer.settingsDefineState(vm));
                if (V2Renderer.hasShutdownComponent(vm)) out.add(V2Renderer.systemDevice(vm));
                out.addAll(LogicalDevices.systemDevices(s.lab(), vm, s.now()));
                for (SimJob j : s.host().jobs()) if (vm.id().equals(j.affectedVmId())) out.add(V2Renderer.affectedJobElement(j));
            }
            case "msvm_virtualsystemsettingdata" -> {
                SimVm vm = vm(s, V2.vmIdOf(key(path, "InstanceID")));
                if (vm == null) break;
                out.add(V2Renderer.settingsDefineState(vm));
                out.addAll(V2Renderer.settingsComponents(vm));
                out.addAll(StorageRenderer.components(s.lab(), vm));
            }
            case "msvm_resourceallocationsettingdata", "msvm_storageallocationsettingdata" -> {
                SimVm vm = vm(s, V2.vmIdOf(key(path, "InstanceID")));
                if (vm == null) break;
                for (CimInstance c : StorageRenderer.components(s.lab(), vm))
                    if (keysMatch(path, c.get("PartComponent").asPath())) out.add(c);
            }
            case "msvm_processorsettingdata", "msvm_memorysettingdata" -> {
                SimVm vm = vm(s, V2.vmIdOf(key(path, "InstanceID")));
                if (vm == null) break;
                for (CimInstance c : V2Renderer.settingsComponents(vm))
                    if (keysMatch(path, c.get("PartComponent").asPath())) out.add(c);
            }
            case "msvm_concretejob" -> {
                SimJob j = s.lab().job(key(path, "InstanceID"));
                if (j != null && j.hostName().equalsIgnoreCase(s.host().name())) out.addAll(affected(s, j));
            }
            case "msvm_shutdowncomponent" -> {
                SimVm vm = vm(s, key(path, "SystemName"));
                if (vm != null && V2Renderer.hasShutdownComponent(vm)) out.add(V2Renderer.systemDevice(vm));
            }
            case "msvm_virtualsystemmanagementservice" -> out.add(V2Renderer.hostedService(s.host()));
            default -> { }
        }
        return out;
    }

    @Override
    public MethodResult invoke(Txn txn, HostScope s, ObjectPath target, String method, Map<String, CimValue> in) {
        Map<String, CimValue> p = Embedded.params(in);
        String cls = target.className().toLowerCase(Locale.ROOT);
        String m = method.toLowerCase(Locale.ROOT);
        MethodResult r = switch (cls) {
            case "msvm_virtualsystemmanagementservice" -> service.invoke(txn, s, method, p);
            case "msvm_computersystem" -> {
                if (!m.equals("requeststatechange")) yield null;
                SimVm vm = vm(s, key(target, "Name"));
                if (vm == null) yield VmPower.refuse(VmPower.NOT_SUPPORTED); // the host itself
                yield power.requestStateChange(txn, vm, (int) Embedded.paramLong(p, "RequestedState", -1));
            }
            case "msvm_shutdowncomponent" -> {
                SimVm vm = vm(s, key(target, "SystemName"));
                yield switch (m) {
                    case "initiateshutdown" -> power.initiateShutdown(txn, vm, Embedded.paramBool(p, "Force", false));
                    case "initiatereboot" -> power.initiateReboot(vm);
                    default -> null;
                };
            }
            case "msvm_concretejob" -> switch (m) {
                case "requeststatechange" -> jobStateChange(txn, s, target, p);
                case "killjob" -> ManagementService.code(ManagementService.NOT_SUPPORTED); // documented "not supported"
                default -> JobErrors.invoke(s.lab().job(key(target, "InstanceID")), m);
            };
            default -> null;
        };
        if (r == null)
            throw new CimException(CimError.NOT_SUPPORTED, "the simulator does not implement " + target.className() + "." + method);
        return r;
    }

    private MethodResult jobStateChange(Txn txn, HostScope s, ObjectPath target, Map<String, CimValue> p) {
        CimValue timeout = p.get("TimeoutPeriod");
        if (!Embedded.isNull(timeout)) {
            CimDateTime t = timeout.type() == io.hyperv4j.cim.CimType.DATETIME ? timeout.asDateTime() : CimDateTime.parse(timeout.asString());
            if (!t.isInterval() || !t.toDuration().isZero()) return ManagementService.code(4098); // Use of Timeout Parameter Not Supported
        }
        SimJob job = s.lab().job(key(target, "InstanceID"));
        int code = txn.lab().jobs().requestStateChange(txn, job, (int) Embedded.paramLong(p, "RequestedState", -1));
        return ManagementService.code(code);
    }

    @Override
    public List<CimInstance> render(Lab lab, Object entity, Instant now) {
        if (entity instanceof SimVm vm) {
            if (vm.removed()) return List.of();
            List<CimInstance> out = new ArrayList<>(List.of(V2Renderer.vm(vm, now), settings(lab, vm),
                    V2Renderer.processor(vm), V2Renderer.memory(vm)));
            if (V2Renderer.hasShutdownComponent(vm)) out.add(V2Renderer.shutdownComponent(vm));
            return out;
        }
        if (entity instanceof SimJob j) return j.removed() || MigrationService.isMigration(j) ? List.of() : List.of(V2Renderer.job(j, now));
        if (entity instanceof SimHost h) return List.of(V2Renderer.host(h, now), V2Renderer.managementService(h), ServiceSettings.of(lab, h));
        return List.of();
    }

    /** The VM's Msvm_VirtualSystemSettingData as served: the model's values, storage's, what ModifySystemSettings set, the boot sources' order. */
    static CimInstance settings(Lab lab, SimVm vm) {
        CimInstance set = SystemSettings.overlay(lab, vm, StorageRenderer.decorate(lab, vm, V2Renderer.settings(vm)));
        if (!BootSources.has(vm)) return set;
        return set.toBuilder().put("BootSourceOrder", BootSources.order(BootSources.ordered(lab, vm, set.get("BootSourceOrder").asList()))).build();
    }

    @Override
    public void save(Lab lab, com.fasterxml.jackson.databind.node.ObjectNode into) {
        CheckpointSettings.save(lab, into);
        VmResources.save(lab, into);
        ServiceSettings.save(lab, into);
        SystemSettings.save(lab, into);
        DvdDrives.save(lab, into);
        power.save(into);
    }

    @Override
    public void load(Lab lab, io.hyperv4j.sim.LabJson from) {
        CheckpointSettings.load(lab, from);
        VmResources.load(lab, from);
        ServiceSettings.load(lab, from);
        SystemSettings.load(lab, from);
        DvdDrives.load(lab, from);
        power.load(lab, from);
    }

    /** A job's Msvm_AffectedJobElement instances: the VM, and the checkpoint a CreateSnapshot job made (os-win finds it so). */
    private static List<CimInstance> affected(HostScope s, SimJob j) {
        List<CimInstance> out = new ArrayList<>();
        if (affects(s.lab(), j)) out.add(V2Renderer.affectedJobElement(j));
        String snapshot = j.data(SnapshotService.SNAPSHOT_DATA);
        if (snapshot != null && StorageRenderer.snapshot(s.lab(), s.host(), "Microsoft:" + snapshot) != null)
            out.add(V2Renderer.affectedJobElement(j, StorageRenderer.snapshot(s.host().name(), snapshot)));
        return out;
    }

    private static boolean affects(Lab lab, SimJob j) {
        return j.affectedVmId() != null && lab.vm(j.affectedVmId()) != null;
    }

    private static SimVm vm(HostScope s, String id) {
        SimVm vm = s.lab().vm(id);
        return vm != null && vm.host() == s.host() ? vm : null;
    }

    private static String key(ObjectPath p, String name) {
        Object v = p.key(name);
        return v == null ? null : v.toString();
    }

    /** Every key the request names matches the instance's key (strings ignoring case, as WMI compares them). */
    /** The first of {@code candidates} whose path has {@code path}'s keys, or null: every v2 provider's {@code instance}. */
    static CimInstance find(Iterable<CimInstance> candidates, ObjectPath path) {
        for (CimInstance i : candidates) if (keysMatch(path, i.path())) return i;
        return null;
    }

    static boolean keysMatch(ObjectPath requested, ObjectPath actual) {
        if (!requested.className().equalsIgnoreCase(actual.className())) return false;
        for (var e : requested.keys().entrySet()) {
            Object a = actual.key(e.getKey());
            Object r = e.getValue();
            if (a == null) return false;
            if (r instanceof ObjectPath rp && a instanceof ObjectPath ap) {
                if (!keysMatch(rp, ap)) return false;
            } else if (!String.valueOf(r).equalsIgnoreCase(String.valueOf(a))) {
                return false;
            }
        }
        return true;
    }
}
