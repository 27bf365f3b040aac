package io.hyperv4j.scvmm.sim;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.cim.schema.CimPropertyDef;
import io.hyperv4j.cim.schema.CimSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders the SAN as root\Microsoft\Windows\Storage instances, as one host's session sees them:
 * every property of the class present (null where the array has nothing to say), keyed by ObjectId.
 */
final class StorageRenderer {
    static final String NS = "root\\Microsoft\\Windows\\Storage";
    static final String SUBSYSTEM = "MSFT_StorageSubSystem", VIRTUAL_DISK = "MSFT_VirtualDisk", MASKING_SET = "MSFT_MaskingSet",
            INITIATOR_ID = "MSFT_InitiatorId", TARGET_PORT = "MSFT_TargetPort", POOL = "MSFT_StoragePool", DISK = "MSFT_Disk",
            SETTING = "MSFT_StorageSetting", INITIATOR_PORT = "MSFT_InitiatorPort", JOB = "MSFT_StorageJob";
    /** CIM_ConcreteJob's JobState values the simulator uses. */
    static final int JOB_RUNNING = 4, JOB_COMPLETED = 7;
    static final int HOST_TYPE_WINDOWS = 15;
    /** MSFT_Disk.OperationalStatus Online, as Get-Disk shows it. */
    static final int DISK_ONLINE = 0xD010;
    static final long BOOT_DISK_BYTES = 73L * 1000 * 1000 * 1000;

    /** Read on first render, not when a lab is made: most commands never render storage (CimSchema caches it). */
    private static CimSchema schema() {
        return CimSchema.forNamespace(NS);
    }

    // ---- ids ----

    static String subsystemId(SimArray a) { return "{" + a.serial + "}"; }
    static String luId(SimArray a, int lu) { return subsystemId(a) + ":LU:" + lu; }
    static String hostGroupId(SimArray a, SimHostGroup g) { return subsystemId(a) + ":HG:" + g.name; }
    static String initiatorId(SimArray a, String address) { return subsystemId(a) + ":INIT:" + address; }
    static String portId(SimArray a, SimPort p) { return subsystemId(a) + ":PORT:" + p.id; }
    static String raidGroupId(SimArray a, int rg) { return subsystemId(a) + ":RG:" + rg; }
    static String poolId(SimArray a, int pool) { return subsystemId(a) + ":DP:" + pool; }
    static String diskId(String host, int number) { return "{" + host + "}:DISK:" + number; }
    static String luName(int lu) { return "LU" + lu; }

    static ObjectPath path(String server, String cls, String objectId) {
        return new ObjectPath(server, NS, cls, Map.of("ObjectId", objectId));
    }

    /** A builder with every property of the class present and null, its path and ObjectId set. */
    private CimInstance.Builder base(String cls, String server, String objectId, String uniqueId) {
        CimInstance.Builder b = CimInstance.builder(cls).path(path(server, cls, objectId));
        for (CimPropertyDef p : schema().allProperties(cls))
            b.put(p.name(), p.array() ? CimValue.array(p.type(), null) : CimValue.nullOf(p.type()));
        return b.put("ObjectId", CimValue.string(objectId)).put("UniqueId", CimValue.string(uniqueId));
    }

    private static CimValue u16s(int... v) {
        List<Long> l = new ArrayList<>();
        for (int x : v) l.add((long) x);
        return CimValue.array(CimType.UINT16, l);
    }

    // ---- classes ----

    CimInstance subsystem(SimArray a, String server) {
        CimInstance.Builder b = base(SUBSYSTEM, server, subsystemId(a), a.naa(0).substring(0, 16));
        b.put("FriendlyName", CimValue.string(a.name)).put("Description", CimValue.string("Hitachi " + a.model))
                .put("Name", CimValue.string(a.model + "_" + a.serial)).put("NameFormat", CimValue.uint16(1))
                .put("HealthStatus", CimValue.uint16(0)).put("OperationalStatus", u16s(2)).put("CurrentCacheLevel", CimValue.uint16(3))
                .put("Manufacturer", CimValue.string("HITACHI")).put("Model", CimValue.string(a.model))
                .put("SerialNumber", CimValue.string(Long.toString(a.serial))).put("FirmwareVersion", CimValue.string(a.firmware))
                .put("AutomaticClusteringEnabled", CimValue.bool(false)).put("PhysicalDisksPerStoragePoolMin", CimValue.uint16(2));
        for (String f : List.of("SupportsMirrorLocal", "SupportsCloneLocal", "SupportsVirtualDiskCreation", "SupportsAutomaticStoragePoolSelection",
                "SupportsMaskingVirtualDiskToHosts", "MaskingClientSelectableDeviceNumbers"))
            b.put(f, CimValue.bool(true));
        for (String f : List.of("SupportsMirrorRemote", "SupportsSnapshotLocal", "SupportsSnapshotRemote", "SupportsCloneRemote",
                "SupportsVirtualDiskModification", "SupportsVirtualDiskDeletion", "SupportsVirtualDiskCapacityExpansion",
                "SupportsVirtualDiskCapacityReduction", "SupportsVirtualDiskRepair", "SupportsVolumeCreation", "SupportsStoragePoolCreation",
                "SupportsStoragePoolDeletion", "SupportsStoragePoolFriendlyNameModification", "SupportsStoragePoolAddPhysicalDisk",
                "SupportsStoragePoolRemovePhysicalDisk", "SupportsMultipleResiliencySettingsPerStoragePool", "SupportsStorageTierCreation",
                "SupportsStorageTierDeletion", "SupportsStorageTierResize", "SupportsStorageTierFriendlyNameModification",
                "SupportsStorageTieredVirtualDiskCreation", "MaskingOneInitiatorIdPerView"))
            b.put(f, CimValue.bool(false));
        return b.put("ReplicasPerSourceSnapshotMax", CimValue.uint16(0)).put("ReplicasPerSourceCloneMax", CimValue.uint16(1))
                .put("ReplicasPerSourceMirrorMax", CimValue.uint16(0)).put("MaskingValidInitiatorIdTypes", u16s(2, 5))
                .put("MaskingPortsPerView", CimValue.uint16(3)).put("MaskingMapCountMax", CimValue.uint16(0))
                .put("DataTieringType", CimValue.uint16(1)).put("iSCSITargetCreationScheme", CimValue.uint16(0))
                .put("NumberOfSlots", CimValue.uint32(120)).put("SupportedHostType", u16s(2, HOST_TYPE_WINDOWS, 20)).build();
    }

    CimInstance virtualDisk(SimArray a, SimLu lu, String server) {
        long allocated = lu.thin() ? lu.written.cardinality() * a.pageBytes : lu.bytes;
        return base(VIRTUAL_DISK, server, luId(a, lu.number), a.naa(lu.number))
                .put("FriendlyName", CimValue.string(lu.name)).put("Name", CimValue.string(luName(lu.number)))
                .put("NameFormat", CimValue.uint16(2)).put("UniqueIdFormat", CimValue.uint16(3))
                .put("Usage", CimValue.uint16(2)).put("HealthStatus", CimValue.uint16(0)).put("OperationalStatus", u16s(2))
                .put("ResiliencySettingName", CimValue.string(lu.thin() ? "DP" : a.raidGroups.get(lu.raidGroup).level.name()))
                .put("Size", CimValue.uint64(lu.bytes)).put("AllocatedSize", CimValue.uint64(allocated))
                .put("LogicalSectorSize", CimValue.uint64(512)).put("PhysicalSectorSize", CimValue.uint64(512))
                .put("FootprintOnPool", CimValue.uint64(allocated)).put("ProvisioningType", CimValue.uint16(lu.thin() ? 1 : 2))
                .put("NumberOfDataCopies", CimValue.uint16(1)).put("PhysicalDiskRedundancy", CimValue.uint16(1))
                .put("RequestNoSinglePointOfFailure", CimValue.bool(true)).put("Access", CimValue.uint16(2))
                .put("IsSnapshot", CimValue.bool(false)).put("IsManualAttach", CimValue.bool(false))
                .put("IsDeduplicationEnabled", CimValue.bool(false)).put("IsEnclosureAware", CimValue.bool(false))
                .put("NumberOfAvailableCopies", CimValue.uint16(1)).put("DetachedReason", CimValue.uint16(0)).build();
    }

    CimInstance maskingSet(SimArray a, SimHostGroup g, String server) {
        return base(MASKING_SET, server, hostGroupId(a, g), hostGroupId(a, g))
                .put("FriendlyName", CimValue.string(g.friendlyName)).put("Name", CimValue.string(g.name))
                .put("HostType", CimValue.uint16(g.hostType)).build();
    }

    CimInstance initiatorId(SimArray a, String address, int hostType, String server) {
        return base(INITIATOR_ID, server, initiatorId(a, address), address)
                .put("InitiatorAddress", CimValue.string(address)).put("Type", CimValue.uint16(SanModel.isIscsi(address) ? 5 : 2))
                .put("HostType", u16s(hostType)).put("OtherHostTypeDescription", CimValue.strings(List.of())).build();
    }

    CimInstance targetPort(SimArray a, SimPort p, String server) {
        return base(TARGET_PORT, server, portId(a, p), p.address)
                .put("FriendlyName", CimValue.string("CTL" + p.controller + " Port " + p.id))
                .put("PortAddress", CimValue.string(p.address)).put("NodeAddress", CimValue.string(p.iscsi ? p.address : a.naa(0).substring(8, 24)))
                .put("StorageControllerId", CimValue.string("CTL" + p.controller)).put("Role", CimValue.uint16(3))
                .put("UsageRestriction", CimValue.uint16(4)).put("HealthStatus", CimValue.uint16(0)).put("OperationalStatus", u16s(2))
                .put("ConnectionType", CimValue.uint16(p.iscsi ? 4 : 2)).put("LinkTechnology", CimValue.uint16(p.iscsi ? 2 : 4))
                .put("Speed", CimValue.uint64(p.bitsPerSecond)).put("MaxSpeed", CimValue.uint64(p.bitsPerSecond))
                .put("NetworkAddresses", CimValue.strings(List.of())).put("PortNumbers", u16s(p.iscsi ? 3260 : 0))
                .put("PortType", CimValue.uint16(p.iscsi ? 0 : 10)).build();
    }

    CimInstance raidGroupPool(SimArray a, SimRaidGroup g, String server) {
        return pool(a, raidGroupId(a, g.id), "RG" + String.format("%03d", g.id), g.capacity(), a.raidGroupUsed(g.id), 2, g.level.name(), server);
    }

    CimInstance dpPool(SimArray a, int pool, String server) {
        return pool(a, poolId(a, pool), a.pools.get(pool), a.poolCapacity(pool), a.poolUsed(pool), 1, "DP", server);
    }

    private CimInstance pool(SimArray a, String id, String name, long size, long allocated, int provisioning, String resiliency, String server) {
        return base(POOL, server, id, id).put("FriendlyName", CimValue.string(name)).put("Name", CimValue.string(name))
                .put("Usage", CimValue.uint16(2)).put("IsPrimordial", CimValue.bool(false)).put("HealthStatus", CimValue.uint16(0))
                .put("OperationalStatus", u16s(2)).put("Size", CimValue.uint64(size)).put("AllocatedSize", CimValue.uint64(allocated))
                .put("LogicalSectorSize", CimValue.uint64(512)).put("PhysicalSectorSize", CimValue.uint64(512))
                .put("ProvisioningTypeDefault", CimValue.uint16(provisioning)).put("SupportedProvisioningTypes", u16s(provisioning))
                .put("ResiliencySettingNameDefault", CimValue.string(resiliency)).put("IsReadOnly", CimValue.bool(false))
                .put("IsClustered", CimValue.bool(false)).put("SupportsDeduplication", CimValue.bool(false))
                .put("ThinProvisioningAlertThresholds", provisioning == 1 ? u16s(70) : u16s())
                .put("ClearOnDeallocate", CimValue.bool(false)).put("IsPowerProtected", CimValue.bool(true))
                .put("EnclosureAwareDefault", CimValue.bool(false)).build();
    }

    CimInstance disk(HostSan h, HostDisk d, SimArray a, String server) {
        SimLu lu = a.lus.get(d.lu);
        boolean iscsi = false;
        for (SanModel.LuPath p : SanModel.paths(h, a, d.lu)) iscsi |= h.initiators.getOrDefault(p.initiator(), false);
        return base(DISK, server, diskId(h.host, d.number), a.naa(d.lu))
                .put("Path", CimValue.string("\\\\?\\mpio#disk&ven_hitachi&prod_df600f&rev_0000#" + a.naa(d.lu).toLowerCase() + "#{53f56307-b6bf-11d0-94f2-00a0c91efb8b}"))
                .put("Location", CimValue.string(a.name + " LU " + d.lu)).put("FriendlyName", CimValue.string("HITACHI DF600F Multi-Path Disk Device"))
                .put("UniqueIdFormat", CimValue.uint16(3)).put("Number", CimValue.uint32(d.number))
                .put("SerialNumber", CimValue.string(a.serial + String.format("%04X", d.lu))).put("FirmwareVersion", CimValue.string("0000"))
                .put("Manufacturer", CimValue.string("HITACHI")).put("Model", CimValue.string("DF600F"))
                .put("Size", CimValue.uint64(lu.bytes)).put("AllocatedSize", CimValue.uint64(0))
                .put("LogicalSectorSize", CimValue.uint32(512)).put("PhysicalSectorSize", CimValue.uint32(512))
                .put("LargestFreeExtent", CimValue.uint64(lu.bytes)).put("NumberOfPartitions", CimValue.uint32(0))
                .put("ProvisioningType", CimValue.uint16(lu.thin() ? 1 : 2)).put("OperationalStatus", CimValue.uint16(DISK_ONLINE))
                .put("HealthStatus", CimValue.uint16(0)).put("BusType", CimValue.uint16(iscsi ? 9 : 6)).put("PartitionStyle", CimValue.uint16(0))
                .put("IsOffline", CimValue.bool(!d.online)).put("IsReadOnly", CimValue.bool(false)).put("IsSystem", CimValue.bool(false))
                .put("IsClustered", CimValue.bool(false)).put("IsBoot", CimValue.bool(false)).put("BootFromDisk", CimValue.bool(false)).build();
    }

    CimInstance bootDisk(String host, String server) {
        return base(DISK, server, diskId(host, 0), "LOCAL-" + host)
                .put("Path", CimValue.string("\\\\?\\scsi#disk&ven_lsi&prod_logical_volume#0&0000#{53f56307-b6bf-11d0-94f2-00a0c91efb8b}"))
                .put("FriendlyName", CimValue.string("LSI Logical Volume")).put("UniqueIdFormat", CimValue.uint16(0))
                .put("Number", CimValue.uint32(0)).put("Manufacturer", CimValue.string("LSI")).put("Model", CimValue.string("Logical Volume"))
                .put("Size", CimValue.uint64(BOOT_DISK_BYTES)).put("AllocatedSize", CimValue.uint64(BOOT_DISK_BYTES))
                .put("LogicalSectorSize", CimValue.uint32(512)).put("PhysicalSectorSize", CimValue.uint32(512))
                .put("LargestFreeExtent", CimValue.uint64(0)).put("NumberOfPartitions", CimValue.uint32(2))
                .put("ProvisioningType", CimValue.uint16(2)).put("OperationalStatus", CimValue.uint16(DISK_ONLINE))
                .put("HealthStatus", CimValue.uint16(0)).put("BusType", CimValue.uint16(8)).put("PartitionStyle", CimValue.uint16(1))
                .put("IsOffline", CimValue.bool(false)).put("IsReadOnly", CimValue.bool(false)).put("IsSystem", CimValue.bool(true))
                .put("IsClustered", CimValue.bool(false)).put("IsBoot", CimValue.bool(true)).put("BootFromDisk", CimValue.bool(true)).build();
    }

    /** The host's own initiator port (an HBA port's WWPN, or its iSCSI initiator name). */
    CimInstance initiatorPort(String host, String address, boolean iscsi, int index, String server) {
        CimInstance.Builder b = CimInstance.builder(INITIATOR_PORT).path(path(server, INITIATOR_PORT, "{" + host + "}:INITPORT:" + address));
        for (CimPropertyDef p : schema().allProperties(INITIATOR_PORT))
            b.put(p.name(), p.array() ? CimValue.array(p.type(), null) : CimValue.nullOf(p.type()));
        String node = iscsi ? address : "20" + address.substring(2);
        return b.put("ObjectId", CimValue.string("{" + host + "}:INITPORT:" + address)).put("PortAddress", CimValue.string(address))
                .put("NodeAddress", CimValue.string(node)).put("InstanceName", CimValue.string((iscsi ? "ROOT\\ISCSIPRT\\0000_0" : "PCI\\VEN_10DF&DEV_F100\\") + index))
                .put("AlternatePortAddress", CimValue.strings(List.of())).put("AlternateNodeAddress", CimValue.strings(List.of()))
                .put("PortType", CimValue.uint16(iscsi ? 2 : 5)).put("ConnectionType", CimValue.uint16(iscsi ? 2 : 1))
                .put("OperationalStatus", u16s(2)).build();
    }

    CimInstance job(SimStorageJob j, java.time.Instant now, String server) {
        boolean done = j.completed;
        java.time.Instant end = done ? j.ends : now;
        return base(JOB, server, j.id, j.id).put("Name", CimValue.string("CreateVirtualDisk")).put("Description", CimValue.string(j.description))
                .put("ElapsedTime", CimValue.datetime(io.hyperv4j.cim.CimDateTime.interval(java.time.Duration.between(j.started, end))))
                .put("ErrorCode", CimValue.uint16(0)).put("ErrorDescription", CimValue.string(""))
                .put("JobState", CimValue.uint16(done ? JOB_COMPLETED : JOB_RUNNING)).put("JobStatus", CimValue.string(done ? "Completed" : "Running"))
                .put("LocalOrUtcTime", CimValue.uint16(2)).put("OperationalStatus", done ? u16s(2, 17) : u16s(2))
                .put("StatusDescriptions", CimValue.strings(List.of(done ? "Completed" : "Running")))
                .put("PercentComplete", CimValue.uint16(done ? 100 : j.percent(now)))
                .put("StartTime", CimValue.datetime(io.hyperv4j.cim.CimDateTime.of(j.started)))
                .put("TimeBeforeRemoval", CimValue.datetime(io.hyperv4j.cim.CimDateTime.interval(java.time.Duration.ofMinutes(5))))
                .put("TimeOfLastStateChange", CimValue.datetime(io.hyperv4j.cim.CimDateTime.of(done ? j.ends : j.started)))
                .put("TimeSubmitted", CimValue.datetime(io.hyperv4j.cim.CimDateTime.of(j.started)))
                .put("DeleteOnCompletion", CimValue.bool(false)).put("IsBackgroundTask", CimValue.bool(false)).build();
    }

    CimInstance setting(String server) {
        CimInstance.Builder b = CimInstance.builder(SETTING).path(new ObjectPath(server, NS, SETTING, Map.of()));
        return b.put("NewDiskPolicy", CimValue.uint16(1)).put("ScrubPolicy", CimValue.uint32(0)).build();
    }

    // ---- associations ----

    static CimInstance association(String cls, String server, String a, ObjectPath pa, String b, ObjectPath pb) {
        return CimInstance.builder(cls).path(new ObjectPath(server, NS, cls, Map.of(a, pa, b, pb)))
                .put(a, CimValue.ref(pa)).put(b, CimValue.ref(pb)).build();
    }
}
