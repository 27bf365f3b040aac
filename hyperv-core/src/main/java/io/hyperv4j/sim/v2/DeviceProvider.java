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
public final class DeviceProvider implements SimProvider, SharedAssociations {
    private static final Set<String> CLASSES = V2.classSet(LogicalDevices.CLASSES.toArray(String[]::new));

    @Override
    public String namespace() {
        return V2.NAMESPACE;
    }

    @Override
    public Set<String> classNames() {
        return CLASSES;
    }

    @Override
    public List<CimInstance> instances(HostScope s, String className) {
        List<CimInstance> out = new ArrayList<>();
        out.addAll(NumaProvider.hostDevices(s.host(), className));
        for (SimVm vm : s.host().vms()) out.addAll(LogicalDevices.of(s.lab(), vm, className, s.now()));
        return out;
    }

    @Override
    public CimInstance instance(HostScope s, ObjectPath path) {
        if (s.host().name().equalsIgnoreCase(String.valueOf(path.key("SystemName"))))
            for (CimInstance d : NumaProvider.hostDevices(s.host(), path.className()))
                if (VirtualizationProvider.keysMatch(path, d.path())) return d;
        SimVm vm = vm(s, path);
        if (vm == null) return null;
        for (CimInstance d : LogicalDevices.of(s.lab(), vm, path.className(), s.now()))
            if (VirtualizationProvider.keysMatch(path, d.path())) return d;
        return null;
    }

    /** Msvm_SystemDevice from the host to its own processors and memory (the VMs' are {@link VirtualizationProvider}'s). */
    @Override
    public List<CimInstance> associations(HostScope s, String className) {
        if (!className.equalsIgnoreCase(V2.SYSTEM_DEVICE)) return List.of();
        List<CimInstance> out = new ArrayList<>();
        for (CimInstance d : NumaProvider.hostDevices(s.host(), null)) out.add(V2Renderer.hostSystemDevice(s.host().name(), d.path()));
        return out;
    }

    @Override
    public List<CimInstance> referencesTo(HostScope s, ObjectPath path) {
        if (path.className().equalsIgnoreCase(V2.COMPUTER_SYSTEM) && s.host().name().equalsIgnoreCase(String.valueOf(path.key("Name"))))
            return associations(s, V2.SYSTEM_DEVICE);
        if (!CLASSES.contains(path.className())) return List.of();
        SimVm vm = vm(s, path);
        CimInstance device = instance(s, path);
        if (device == null) return List.of();
        return List.of(vm == null ? V2Renderer.hostSystemDevice(s.host().name(), device.path()) : V2Renderer.systemDevice(vm, device.path()));
    }

    /** The devices' methods (RequestStateChange, Reset, the keyboard's and mouse's input) are not simulated. */
    @Override
    public MethodResult invoke(Txn txn, HostScope s, ObjectPath target, String method, Map<String, CimValue> in) {
        throw new CimException(CimError.NOT_SUPPORTED, "the simulator does not implement " + target.className() + "." + method);
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
