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
 * Msvm_VirtualSystemExportSettingData: one per VM, its InstanceID the VM's settings', the
 * settings a client changes and sends to ExportSystemDefinition (os-win's
 * migrationutils.export_vm). Its values are what the simulated export does with the settings left
 * as they are (Windows documents no defaults): every checkpoint, no storage, no runtime state, no
 * subdirectory.
 */
public final class ExportSettings implements SimProvider {
    static final String CLASS = "Msvm_VirtualSystemExportSettingData";
    private static final Set<String> CLASSES = V2.classSet(CLASS);

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
        if (className.equalsIgnoreCase(CLASS)) for (SimVm vm : s.host().vms()) out.add(render(s.host().name(), vm));
        return out;
    }

    private static CimInstance render(String host, SimVm vm) {
        String id = V2.settings(host, vm.id()).key("InstanceID").toString();
        CimInstance.Builder b = V2Renderer.start(V2.path(host, CLASS, "InstanceID", id));
        b.put("Caption", V2Renderer.str("Virtual System Export Setting Data"));
        b.put("ElementName", V2Renderer.str(vm.name()));
        b.put("CopySnapshotConfiguration", CimValue.uint8(0));
        b.put("CaptureLiveState", CimValue.uint8(0));
        b.put("BackupIntent", CimValue.uint8(0));
        for (String flag : List.of("CopyVmRuntimeInformation", "CopyVmStorage", "CreateVmExportSubdirectory", "ExportForLiveMigration",
                "DisableDifferentialOfIgnoredStorage"))
            b.put(flag, CimValue.bool(false));
        return b.build();
    }

    @Override
    public List<CimInstance> render(Lab lab, Object entity, Instant now) {
        return entity instanceof SimVm vm && !vm.removed() ? List.of(render(vm.host().name(), vm)) : List.of();
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
        throw new CimException(CimError.NOT_SUPPORTED, "the simulator does not implement " + target.className() + "." + method);
    }
}
