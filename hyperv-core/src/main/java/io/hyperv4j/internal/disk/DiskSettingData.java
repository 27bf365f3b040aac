package io.hyperv4j.internal.disk;

import io.hyperv4j.cim.CimDateTime;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.vhd.DiskInfo;
import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vhd.VhdType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

/**
 * Msvm_VirtualHardDiskSettingData and Msvm_VirtualHardDiskState (MSDOCS HyperV_v2) in both
 * directions: Type 2 Fixed, 3 Dynamic, 4 Differencing; Format 2 VHD, 3 VHDX (4 VHDSet is not
 * supported here); sizes in bytes.
 */
public final class DiskSettingData {
    public static final String SETTING_DATA = "Msvm_VirtualHardDiskSettingData";
    public static final String STATE = "Msvm_VirtualHardDiskState";

    private DiskSettingData() {}

    public static int typeCode(VhdType t) {
        return switch (t) {
            case FIXED -> 2;
            case DYNAMIC -> 3;
            case DIFFERENCING -> 4;
        };
    }

    public static int formatCode(VhdFormat f) {
        return switch (f) {
            case VHD -> 2;
            case VHDX -> 3;
            case RAW -> throw new DiskRefusal(DiskRefusal.INVALID_PARAMETER, "raw images have no Hyper-V format code");
        };
    }

    public static VhdType type(long code) {
        return switch ((int) code) {
            case 2 -> VhdType.FIXED;
            case 3 -> VhdType.DYNAMIC;
            case 4 -> VhdType.DIFFERENCING;
            default -> throw new DiskRefusal(DiskRefusal.INVALID_PARAMETER,
                    SETTING_DATA + ".Type " + code + " is not 2 (Fixed), 3 (Dynamic) or 4 (Differencing)");
        };
    }

    public static VhdFormat format(long code) {
        return switch ((int) code) {
            case 2 -> VhdFormat.VHD;
            case 3 -> VhdFormat.VHDX;
            case 4 -> throw new DiskRefusal(DiskRefusal.NOT_SUPPORTED, SETTING_DATA + ".Format 4 (VHDSet) is not supported");
            default -> throw new DiskRefusal(DiskRefusal.INVALID_PARAMETER,
                    SETTING_DATA + ".Format " + code + " is not 2 (VHD) or 3 (VHDX)");
        };
    }

    /** The setting data a client sends to create (or convert to) a disk at {@code path}. */
    public static CimInstance request(Path path, DiskSpec spec) {
        CimInstance.Builder b = CimInstance.builder(SETTING_DATA)
                .put("Type", CimValue.uint16(typeCode(spec.type())))
                .put("Format", CimValue.uint16(formatCode(spec.format())))
                .put("Path", CimValue.string(path.toString()))
                .put("MaxInternalSize", CimValue.uint64(spec.size()))
                .put("BlockSize", CimValue.uint32(spec.blockSize()))
                .put("LogicalSectorSize", CimValue.uint32(spec.logicalSectorSize()))
                .put("PhysicalSectorSize", CimValue.uint32(spec.physicalSectorSize()));
        b.put("ParentPath", spec.parent() == null ? CimValue.nullOf(CimType.STRING) : CimValue.string(spec.parent().toString()));
        return b.build();
    }

    /** Reads a request: the disk's path and what to make. Bad codes or sizes are refusals (32773). */
    public static DiskSpec spec(CimInstance sd) {
        VhdType type = type(integer(sd, "Type", -1));
        VhdFormat format = format(integer(sd, "Format", -1));
        String parent = text(sd, "ParentPath");
        if (type == VhdType.DIFFERENCING && (parent == null || parent.isBlank()))
            throw new DiskRefusal(DiskRefusal.INVALID_PARAMETER, "a differencing disk (Type 4) needs a ParentPath");
        long size = integer(sd, "MaxInternalSize", 0);
        if (type == VhdType.DIFFERENCING) size = 0; // from the parent (Hyper-V ignores it too)
        return new DiskSpec(format, type, size, integer(sd, "BlockSize", 0), (int) integer(sd, "LogicalSectorSize", 0),
                (int) integer(sd, "PhysicalSectorSize", 0), type == VhdType.DIFFERENCING ? Path.of(parent) : null, null);
    }

    /** What GetVirtualHardDiskSettingData returns for a disk. */
    public static CimInstance settingData(DiskInfo d) {
        String id = d.diskIdentifier() == null ? null : d.diskIdentifier().toString().toUpperCase();
        return CimInstance.builder(SETTING_DATA)
                .put("InstanceID", CimValue.string("Microsoft:" + (id == null ? d.path().toString() : id)))
                .put("ElementName", CimValue.string(String.valueOf(d.path().getFileName())))
                .put("Type", CimValue.uint16(typeCode(d.vhdType())))
                .put("Format", CimValue.uint16(formatCode(d.vhdFormat())))
                .put("Path", CimValue.string(d.path().toString()))
                .put("ParentPath", d.parentPath() == null ? CimValue.nullOf(CimType.STRING) : CimValue.string(d.parentPath().toString()))
                .put("MaxInternalSize", CimValue.uint64(d.size()))
                .put("BlockSize", CimValue.uint32(d.blockSize()))
                .put("LogicalSectorSize", CimValue.uint32(d.logicalSectorSize()))
                .put("PhysicalSectorSize", CimValue.uint32(d.physicalSectorSize()))
                .put("VirtualDiskId", id == null ? CimValue.nullOf(CimType.STRING) : CimValue.string(id))
                .build();
    }

    /** What GetVirtualHardDiskState returns: Alignment 1 (4 KB) for VHDX, whose structures are 1 MB aligned. */
    public static CimInstance state(DiskInfo d, Instant modified) {
        CimInstance.Builder b = CimInstance.builder(STATE)
                .put("FileSize", CimValue.uint64(d.fileSize()))
                .put("InUse", CimValue.bool(false))
                .put("PhysicalSectorSize", CimValue.uint32(d.physicalSectorSize()))
                .put("Alignment", CimValue.uint32(d.vhdFormat() == VhdFormat.VHDX ? 1 : 0))
                .put("Timestamp", CimValue.datetime(CimDateTime.of(modified)));
        b.put("MinInternalSize", d.minimumSize() == null ? CimValue.nullOf(CimType.UINT64) : CimValue.uint64(d.minimumSize()));
        b.put("FragmentationPercentage", d.fragmentationPercentage() == null ? CimValue.nullOf(CimType.UINT32)
                : CimValue.uint32(d.fragmentationPercentage()));
        return b.build();
    }

    /** Get-VHD's view from the two embedded instances. */
    public static DiskInfo info(CimInstance sd, CimInstance state) {
        String parent = text(sd, "ParentPath");
        String id = text(sd, "VirtualDiskId");
        Long min = state == null ? null : nullableInteger(state, "MinInternalSize");
        Long frag = state == null ? null : nullableInteger(state, "FragmentationPercentage");
        return new DiskInfo(Path.of(text(sd, "Path")), format(integer(sd, "Format", -1)), type(integer(sd, "Type", -1)),
                integer(sd, "MaxInternalSize", 0), state == null ? 0 : integer(state, "FileSize", 0), min,
                (int) integer(sd, "LogicalSectorSize", 0), (int) integer(sd, "PhysicalSectorSize", 0),
                integer(sd, "BlockSize", 0), parent == null || parent.isBlank() ? null : Path.of(parent),
                id == null || id.isBlank() ? null : UUID.fromString(id.replace("{", "").replace("}", "")),
                frag == null ? null : frag.intValue());
    }

    /** A string property, or null. */
    public static String text(CimInstance i, String prop) {
        return i.getString(prop);
    }

    private static long integer(CimInstance i, String prop, long dflt) {
        Long v = nullableInteger(i, prop);
        return v == null ? dflt : v;
    }

    private static Long nullableInteger(CimInstance i, String prop) {
        CimValue v = i.find(prop).orElse(null);
        if (v == null) return null;
        if (v.type().isInteger()) return v.asLong();
        try {
            return Long.parseUnsignedLong(v.asString().trim());
        } catch (NumberFormatException e) {
            throw new DiskRefusal(DiskRefusal.INVALID_PARAMETER, i.className() + "." + prop + " is not a number: '" + v.asString() + "'");
        }
    }
}
