package io.hyperv4j.vm;

import io.hyperv4j.InvalidParameterException;
import io.hyperv4j.NotFoundException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.job.MethodCall;
import io.hyperv4j.job.ReturnCodes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The hard disk drives of one VM (Add-VMHardDiskDrive, Get-VMHardDiskDrive, Remove-VMHardDiskDrive):
 * drive RASDs (ResourceSubType Microsoft:Hyper-V:Synthetic Disk Drive) on SCSI or IDE controller
 * RASDs, each holding a virtual hard disk SASD (Microsoft:Hyper-V:Virtual Hard Disk) whose
 * HostResource is the file, changed with AddResourceSettings and RemoveResourceSettings.
 * <p>Thread-safety: thread-safe (no mutable state), but {@link #attach} is several host calls (a
 * controller, a drive, the disk): attach to one VM from one thread at a time, or two attaches may
 * pick the same free slot and one is refused.
 */
public final class HardDisks {
    static final String RASD = "Msvm_ResourceAllocationSettingData";
    static final String SASD = "Msvm_StorageAllocationSettingData";
    static final String DRIVE_SUBTYPE = "Microsoft:Hyper-V:Synthetic Disk Drive";
    static final String DISK_SUBTYPE = "Microsoft:Hyper-V:Virtual Hard Disk";

    private final VirtualMachine vm;
    private final VirtualMachines vms;
    private final CimSession session;

    HardDisks(VirtualMachine vm, VirtualMachines vms) {
        this.vm = vm;
        this.vms = vms;
        this.session = vms.session();
    }

    /**
     * Every drive holding a disk, with the file it uses now.
     *
     * @return the drives, read now
     */
    public List<HardDiskDrive> list() {
        ObjectPath vssd = VirtualMachines.withNamespace(vm.systemSettingsInstance().path());
        Map<String, CimInstance> rasds = new HashMap<>();
        for (CimInstance r : session.associators(vssd, Msvm.SETTING_DATA_COMPONENT, RASD))
            rasds.put(r.getString("InstanceID").toUpperCase(java.util.Locale.ROOT), r);
        List<HardDiskDrive> out = new ArrayList<>();
        for (CimInstance disk : session.associators(vssd, Msvm.SETTING_DATA_COMPONENT, SASD)) {
            if (!DISK_SUBTYPE.equalsIgnoreCase(disk.getString("ResourceSubType"))) continue;
            CimInstance drive = rasds.get(instanceIdOf(disk.getString("Parent")));
            if (drive == null) continue;
            CimInstance controller = rasds.get(instanceIdOf(drive.getString("Parent")));
            ControllerType type = controller == null ? null : ControllerType.ofSubType(controller.getString("ResourceSubType"));
            List<Object> hostResource = disk.list("HostResource");
            String file = hostResource.isEmpty() ? null : String.valueOf(hostResource.get(0));
            out.add(new HardDiskDrive(type, controller == null ? 0 : intOf(controller.getString("Address")),
                    intOf(drive.getString("AddressOnParent")), file, drive.getString("InstanceID"), disk.getString("InstanceID")));
        }
        out.sort(java.util.Comparator.comparing((HardDiskDrive d) -> d.controllerType() == null ? 9 : d.controllerType().ordinal())
                .thenComparingInt(HardDiskDrive::controllerNumber).thenComparingInt(HardDiskDrive::controllerLocation));
        return out;
    }

    /**
     * Add-VMHardDiskDrive: puts {@code file} (an existing VHD/VHDX) into a new drive on the first
     * controller of that type with a free slot; a VM with no SCSI controller gets one (the VM must
     * be off for that). Returns the drive as listed afterwards.
     *
     * @param file the disk file, as the host sees it
     * @param type the controller kind to put it on
     * @return the new drive
     */
    public HardDiskDrive attach(Path file, ControllerType type) {
        String attempted = "attach " + file + " to " + vm.label();
        ObjectPath vssd = VirtualMachines.withNamespace(vm.systemSettingsInstance().path());
        CimInstance controller = freeController(vssd, type);
        if (controller == null && type == ControllerType.IDE)
            throw new InvalidParameterException("Cannot " + attempted + ": no IDE controller with a free slot (generation 2 VMs have none)", 4, "Invalid Parameter");
        ObjectPath controllerPath;
        if (controller == null) {
            CimInstance scsi = template(RASD, type.resourceSubType(), 6).build();
            controllerPath = add(vssd, scsi, "add a SCSI controller to " + vm.label());
        } else {
            controllerPath = VirtualMachines.withNamespace(controller.path());
        }
        CimInstance drive = template(RASD, DRIVE_SUBTYPE, 17)
                .put("Parent", CimValue.string(controllerPath.toString())).build();
        ObjectPath drivePath = add(vssd, drive, attempted);
        CimInstance disk = template(SASD, DISK_SUBTYPE, 31)
                .put("Parent", CimValue.string(drivePath.toString()))
                .put("HostResource", CimValue.strings(List.of(file.toAbsolutePath().toString()))).build();
        ObjectPath diskPath;
        try {
            diskPath = add(vssd, disk, attempted);
        } catch (RuntimeException e) {
            try {
                remove(List.of(drivePath), "undo the drive added for " + file);
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        String diskId = String.valueOf(diskPath.key("InstanceID"));
        return list().stream().filter(d -> d.diskSettingsId().equalsIgnoreCase(diskId)).findFirst()
                .orElseThrow(() -> new NotFoundException("the disk just attached to " + vm.label() + " is not listed"));
    }

    /**
     * Remove-VMHardDiskDrive: removes the drive holding {@code file} (its current file or the one attached). The file stays.
     *
     * @param file the disk file the drive holds
     */
    public void detach(Path file) {
        String wanted = file.toAbsolutePath().normalize().toString();
        HardDiskDrive d = list().stream().filter(x -> wanted.equalsIgnoreCase(x.path())).findFirst()
                .orElseThrow(() -> new NotFoundException(vm.label() + " has no drive holding " + wanted));
        ObjectPath drive = ObjectPath.of(Msvm.NAMESPACE, RASD, Map.of("InstanceID", d.driveSettingsId()));
        remove(List.of(drive), "detach " + wanted + " from " + vm.label());
    }

    /**
     * The host's default settings of that subtype to start from, as os-win does
     * ({@code InstanceID LIKE '%\\Default'}); built from scratch when the host offers none.
     */
    CimInstance.Builder template(String className, String subType, int resourceType) {
        List<CimInstance> found = session.query(Msvm.NAMESPACE, "SELECT * FROM " + className + " WHERE ResourceSubType = "
                + io.hyperv4j.cim.Wql.quote(subType) + " AND InstanceID LIKE '%\\\\Default'");
        if (!found.isEmpty()) return found.get(0).toBuilder();
        return CimInstance.builder(className).put("ResourceType", CimValue.uint16(resourceType))
                .put("ResourceSubType", CimValue.string(subType));
    }

    CimInstance freeController(ObjectPath vssd, ControllerType type) {
        List<CimInstance> rasds = session.associators(vssd, Msvm.SETTING_DATA_COMPONENT, RASD);
        for (CimInstance c : rasds) {
            if (!type.resourceSubType().equalsIgnoreCase(c.getString("ResourceSubType"))) continue;
            String cid = c.getString("InstanceID").toUpperCase(java.util.Locale.ROOT);
            long used = rasds.stream().filter(r -> (DRIVE_SUBTYPE.equalsIgnoreCase(r.getString("ResourceSubType"))
                    || DvdDrive.DRIVE_SUBTYPE.equalsIgnoreCase(r.getString("ResourceSubType")))
                    && cid.equals(instanceIdOf(r.getString("Parent")))).count();
            if (used < (type == ControllerType.SCSI ? 64 : 2)) return c;
        }
        return null;
    }

    ObjectPath add(ObjectPath vssd, CimInstance settings, String attempted) {
        return MethodCall.on(session, vms.managementService(), "AddResourceSettings", ReturnCodes.Family.CIM_METHOD)
                .with("AffectedConfiguration", CimValue.ref(vssd))
                .with("ResourceSettings", CimValue.array(CimType.STRING, List.of(settings.toString())))
                .attempting(attempted)
                .timeout(vms.operationTimeout())
                .currentState(vm::state)
                .invoke(r -> VirtualMachines.withNamespace(r.get("ResultingResourceSettings").asList().stream()
                        .map(o -> (ObjectPath) o).findFirst().orElseThrow()))
                .await();
    }

    void remove(List<ObjectPath> settings, String attempted) {
        MethodCall.on(session, vms.managementService(), "RemoveResourceSettings", ReturnCodes.Family.CIM_METHOD)
                .with("ResourceSettings", CimValue.array(CimType.REFERENCE, settings))
                .attempting(attempted)
                .timeout(vms.operationTimeout())
                .currentState(vm::state)
                .invoke(r -> null)
                .await();
    }

    static String instanceIdOf(String path) {
        if (path == null || path.isEmpty()) return "";
        try {
            return String.valueOf(ObjectPath.parse(path).key("InstanceID")).toUpperCase(java.util.Locale.ROOT);
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static int intOf(String s) {
        try {
            return s == null ? 0 : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
