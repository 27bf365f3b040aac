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
 * A generation 1 VM has its drive from New-VM; a generation 2 VM gets one with {@link #add()}
 * (Add-VMDvdDrive: a drive on a free SCSI slot, which also becomes a boot source) and loses it with
 * {@link #remove()}.
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

    /**
     * Add-VMDvdDrive: a DVD drive on the first SCSI controller with a free slot (generation 2 VMs;
     * the VM must be off).
     *
     * @throws io.hyperv4j.InvalidParameterException when the VM has no SCSI controller with a free slot,
     *         or the host refuses a further drive
     */
    public void add() {
        String attempted = "add a DVD drive to " + vm.label();
        CimInstance controller = disks.freeController(vssd(), ControllerType.SCSI);
        if (controller == null)
            throw new io.hyperv4j.InvalidParameterException("Cannot " + attempted + ": no SCSI controller with a free slot", 4, "Invalid Parameter");
        CimInstance drive = disks.template(HardDisks.RASD, DRIVE_SUBTYPE, 16)
                .put("Parent", CimValue.string(VirtualMachines.withNamespace(controller.path()).toString())).build();
        disks.add(vssd(), drive, attempted);
    }

    /**
     * Remove-VMDvdDrive: removes the drive and the media in it (the VM must be off).
     *
     * @throws NotFoundException when the VM has no DVD drive
     */
    public void remove() {
        disks.remove(List.of(VirtualMachines.withNamespace(drive().path())), "remove the DVD drive of " + vm.label());
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
