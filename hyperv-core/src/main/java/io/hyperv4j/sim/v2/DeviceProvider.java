package io.hyperv4j.sim.v2;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.HostScope;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimProvider;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.Txn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The logical devices of running VMs in root\virtualization\v2 ({@link LogicalDevices}) and the
 * host's own processors and memory ({@link NumaProvider#hostDevices}): their
 * classes, lookups by path, and the Msvm_SystemDevice that joins each to its VM (the association
 * class itself is {@link VirtualizationProvider}'s, which lists these too). Devices appear in
 * instance events when a VM starts and disappear when it stops.
 */
public final class DeviceProvider extends V2Provider implements SharedAssociations {
    private static final Set<String> CLASSES = V2.classSet(LogicalDevices.CLASSES.toArray(String[]::new));
    private static final Set<String> SERVED = V2.classSet(java.util.stream.Stream.concat(LogicalDevices.CLASSES.stream(),
            java.util.stream.Stream.of(LogicalDevices.MEDIA_PRESENT)).toArray(String[]::new));
    /** The settings classes a device's Msvm_SettingsDefineState names. */
    private static final Set<String> DEFINING_CLASSES = V2.classSet(V2.PROCESSOR_SD, V2.MEMORY_SD, StorageRenderer.RASD,
            FixedDevices.SERIAL_PORT, FixedDevices.SYNTHETIC_DISPLAY);

    public DeviceProvider() {
        super(SERVED);
    }

    @Override
    public List<CimInstance> instances(HostScope s, String className) {
        List<CimInstance> out = new ArrayList<>();
        if (className.equalsIgnoreCase(LogicalDevices.MEDIA_PRESENT)) {
            for (SimVm vm : s.host().vms()) out.addAll(LogicalDevices.mediaPresent(s.lab(), vm, s.now()));
            return out;
        }
        out.addAll(NumaProvider.hostDevices(s.host(), className));
        for (SimVm vm : s.host().vms()) out.addAll(LogicalDevices.of(s.lab(), vm, className, s.now()));
        return out;
    }

    @Override
    public CimInstance instance(HostScope s, ObjectPath path) {
        if (path.className().equalsIgnoreCase(LogicalDevices.MEDIA_PRESENT) && path.key("Antecedent") instanceof ObjectPath drive) {
            SimVm vm = vm(s, drive);
            return vm == null ? null : VirtualizationProvider.find(LogicalDevices.mediaPresent(s.lab(), vm, s.now()), path);
        }
        if (s.host().name().equalsIgnoreCase(String.valueOf(path.key("SystemName"))))
            for (CimInstance d : NumaProvider.hostDevices(s.host(), path.className()))
                if (VirtualizationProvider.keysMatch(path, d.path())) return d;
        SimVm vm = vm(s, path);
        if (vm == null) return null;
        for (CimInstance d : LogicalDevices.of(s.lab(), vm, path.className(), s.now()))
            if (VirtualizationProvider.keysMatch(path, d.path())) return d;
        return null;
    }

    /**
     * Msvm_SystemDevice from the host to its own processors and memory (the VMs' are {@link VirtualizationProvider}'s),
     * and Msvm_SettingsDefineState from each VM device to its settings.
     */
    @Override
    public List<CimInstance> associations(HostScope s, String className) {
        List<CimInstance> out = new ArrayList<>();
        if (className.equalsIgnoreCase(V2.SYSTEM_DEVICE))
            for (CimInstance d : NumaProvider.hostDevices(s.host(), null)) out.add(V2Renderer.hostSystemDevice(s.host().name(), d.path()));
        if (className.equalsIgnoreCase(V2.SETTINGS_DEFINE_STATE))
            for (SimVm vm : s.host().vms()) out.addAll(LogicalDevices.settingsDefineStates(s.lab(), vm, s.now()));
        return out;
    }

    @Override
    public List<CimInstance> referencesTo(HostScope s, ObjectPath path) {
        if (path.className().equalsIgnoreCase(V2.COMPUTER_SYSTEM) && s.host().name().equalsIgnoreCase(String.valueOf(path.key("Name"))))
            return associations(s, V2.SYSTEM_DEVICE);
        if (!CLASSES.contains(path.className())) return definingStates(s, path);
        SimVm vm = vm(s, path);
        CimInstance device = instance(s, path);
        if (device == null) return List.of();
        if (vm == null) return List.of(V2Renderer.hostSystemDevice(s.host().name(), device.path()));
        List<CimInstance> out = new ArrayList<>(List.of(V2Renderer.systemDevice(vm, device.path())));
        for (CimInstance sds : LogicalDevices.settingsDefineStates(s.lab(), vm, s.now()))
            if (VirtualizationProvider.keysMatch(path, sds.get("ManagedElement").asPath())) out.add(sds);
        for (CimInstance m : LogicalDevices.mediaPresent(s.lab(), vm, s.now()))
            if (VirtualizationProvider.keysMatch(path, m.get("Antecedent").asPath()) || VirtualizationProvider.keysMatch(path, m.get("Dependent").asPath()))
                out.add(m);
        return out;
    }

    /** The Msvm_SettingsDefineState naming a VM's settings instance {@code path} (a RASD, processor or memory settings). */
    private static List<CimInstance> definingStates(HostScope s, ObjectPath path) {
        Object id = path.key("InstanceID");
        String vmId = id == null || !DEFINING_CLASSES.contains(path.className()) ? null : V2.vmIdOf(id.toString());
        SimVm vm = vmId == null ? null : s.lab().vm(vmId);
        if (vm == null || vm.host() != s.host() || !LogicalDevices.present(vm)) return List.of();
        List<CimInstance> out = new ArrayList<>();
        for (CimInstance sds : LogicalDevices.settingsDefineStates(s.lab(), vm, s.now()))
            if (VirtualizationProvider.keysMatch(path, sds.get("SettingData").asPath())) out.add(sds);
        return out;
    }

    /** The keyboard's and mouse's input methods ({@link InputMethods}); the devices' other methods are not simulated. */
    @Override
    public MethodResult invoke(Txn txn, HostScope s, ObjectPath target, String method, Map<String, CimValue> in) {
        SimVm vm = vm(s, target);
        if (vm != null && instance(s, target) == null)
            throw new CimException(CimError.NOT_FOUND, "no " + target.className() + " " + target.key("DeviceID") + " on " + vm.name() + " (it exists while the VM runs)");
        MethodResult r = vm == null ? null : InputMethods.invoke(txn, vm, target.className(), method, Embedded.params(in));
        if (r == null) throw new CimException(CimError.NOT_SUPPORTED, "the simulator does not implement " + target.className() + "." + method);
        return r;
    }

    @Override
    public List<CimInstance> render(Lab lab, Object entity, Instant now) {
        return entity instanceof SimVm vm && !vm.removed() ? LogicalDevices.of(lab, vm, null, now) : List.of();
    }

    private static SimVm vm(HostScope s, ObjectPath path) {
        Object name = path.key("SystemName");
        SimVm vm = name == null ? null : s.lab().vm(name.toString());
        return vm != null && vm.host() == s.host() ? vm : null;
    }
}
