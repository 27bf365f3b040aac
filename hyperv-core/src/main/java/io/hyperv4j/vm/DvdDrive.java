package io.hyperv4j.vm;

import io.hyperv4j.NotFoundException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A VM's DVD drive and the ISO in it (Get-VMDvdDrive, Set-VMDvdDrive -Path): the drive RASD
 * (Microsoft:Hyper-V:Synthetic DVD Drive) holding a SASD of subtype Microsoft:Hyper-V:Virtual CD/DVD
 * Disk whose HostResource is the ISO, inserted with AddResourceSettings and ejected with
 * RemoveResourceSettings. The host refuses a missing file or a drive that already holds media.
 */
public final class DvdDrive {
    static final String DRIVE_SUBTYPE = "Microsoft:Hyper-V:Synthetic DVD Drive";
    static final String MEDIA_SUBTYPE = "Microsoft:Hyper-V:Virtual CD/DVD Disk";

    private final VirtualMachine vm;
    private final HardDisks disks;
    private final io.hyperv4j.cim.CimSession session;

    DvdDrive(VirtualMachine vm, VirtualMachines vms) {
        this.vm = vm;
        this.disks = new HardDisks(vm, vms);
        this.session = vms.session();
    }

    /**
     * The ISO in the drive, as the host names it.
     *
     * @return the file, or empty when the drive is empty
     * @throws NotFoundException when the VM has no DVD drive
     */
    public Optional<String> media() {
        CimInstance m = mediaSettings();
        return m == null || m.list("HostResource").isEmpty() ? Optional.empty() : Optional.of(String.valueOf(m.list("HostResource").get(0)));
    }

    /**
     * Inserts an ISO (Set-VMDvdDrive -Path), running or not.
     *
     * @param iso the ISO file, as the host sees it
     * @throws NotFoundException when the VM has no DVD drive
     */
    public void insert(Path iso) {
        CimInstance drive = drive();
        CimInstance media = CimInstance.builder(HardDisks.SASD).put("ResourceType", CimValue.uint16(31))
                .put("ResourceSubType", CimValue.string(MEDIA_SUBTYPE)).put("Parent", CimValue.string(VirtualMachines.withNamespace(drive.path()).toString()))
                .put("HostResource", CimValue.strings(List.of(iso.toAbsolutePath().toString()))).build();
        disks.add(vssd(), media, "insert " + iso + " into the DVD drive of " + vm.label());
    }

    /**
     * Ejects the ISO (Set-VMDvdDrive -Path $null).
     *
     * @throws NotFoundException when the VM has no DVD drive or the drive is empty
     */
    public void eject() {
        CimInstance m = mediaSettings();
        if (m == null) throw new NotFoundException("the DVD drive of " + vm.label() + " holds no media");
        disks.remove(List.of(VirtualMachines.withNamespace(m.path())), "eject the DVD of " + vm.label());
    }

    private ObjectPath vssd() {
        return VirtualMachines.withNamespace(vm.systemSettingsInstance().path());
    }

    private CimInstance drive() {
        return session.associators(vssd(), Msvm.SETTING_DATA_COMPONENT, HardDisks.RASD).stream()
                .filter(r -> DRIVE_SUBTYPE.equalsIgnoreCase(r.getString("ResourceSubType"))).findFirst()
                .orElseThrow(() -> new NotFoundException(vm.label() + " has no DVD drive"));
    }

    private CimInstance mediaSettings() {
        String drive = drive().getString("InstanceID").toUpperCase(Locale.ROOT);
        return session.associators(vssd(), Msvm.SETTING_DATA_COMPONENT, HardDisks.SASD).stream()
                .filter(s -> MEDIA_SUBTYPE.equalsIgnoreCase(s.getString("ResourceSubType")) && drive.equals(HardDisks.instanceIdOf(s.getString("Parent"))))
                .findFirst().orElse(null);
    }
}
