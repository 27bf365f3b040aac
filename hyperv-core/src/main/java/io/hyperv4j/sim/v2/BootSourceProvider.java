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
 * Serves {@link BootSources}: Msvm_BootSourceSettingData, Msvm_BootSourceComponent (the VM's
 * settings to each source) and Msvm_LogicalIdentity (each source to the device settings it boots).
 * The sources are read-only, with no methods; their order changes through ModifySystemSettings.
 */
public final class BootSourceProvider extends V2Provider {
    private static final Set<String> CLASSES = V2.classSet(BootSources.CLASS, BootSources.COMPONENT, BootSources.IDENTITY);

    public BootSourceProvider() {
        super(CLASSES);
    }

    @Override
    public List<CimInstance> instances(HostScope s, String className) {
        List<CimInstance> out = new ArrayList<>();
        for (SimVm vm : s.host().vms())
            for (BootSources.Source src : BootSources.of(s.lab(), vm)) out.addAll(of(vm, src, className));
        return out;
    }

    private static List<CimInstance> of(SimVm vm, BootSources.Source src, String className) {
        String h = vm.host().name();
        if (className.equalsIgnoreCase(BootSources.CLASS)) return List.of(src.settings());
        if (className.equalsIgnoreCase(BootSources.COMPONENT)) return List.of(V2Renderer.start(V2.path(h, BootSources.COMPONENT,
                "GroupComponent", V2.settings(h, vm.id()), "PartComponent", src.settings().path())).build());
        return List.of(V2Renderer.start(V2.path(h, BootSources.IDENTITY, "SystemElement", src.settings().path(), "SameElement", src.device())).build());
    }

    @Override
    public CimInstance instance(HostScope s, ObjectPath path) {
        if (!CLASSES.contains(path.className())) return null;
        return VirtualizationProvider.find(instances(s, path.className()), path);
    }

    /** Every path these associations reference (VM settings, boot sources, device settings) carries its VM's id in its InstanceID. */
    @Override
    public List<CimInstance> referencesTo(HostScope s, ObjectPath path) {
        Object iid = path.key("InstanceID");
        String vmId = iid == null ? null : V2.vmIdOf(iid.toString());
        SimVm vm = vmId == null ? null : s.lab().vm(vmId);
        if (vm == null || vm.host() != s.host()) return List.of();
        List<CimInstance> out = new ArrayList<>();
        for (BootSources.Source src : BootSources.of(s.lab(), vm))
            for (String association : List.of(BootSources.COMPONENT, BootSources.IDENTITY))
                for (CimInstance a : of(vm, src, association))
                    for (CimValue v : a.properties().values())
                        if (v.value() instanceof ObjectPath p && VirtualizationProvider.keysMatch(path, p)) out.add(a);
        return out;
    }

    @Override
    public MethodResult invoke(Txn txn, HostScope s, ObjectPath target, String method, Map<String, CimValue> in) {
        throw new CimException(CimError.NOT_SUPPORTED, target.className() + " has no method " + method);
    }

    @Override
    public List<CimInstance> render(Lab lab, Object entity, Instant now) {
        return List.of();
    }
}
