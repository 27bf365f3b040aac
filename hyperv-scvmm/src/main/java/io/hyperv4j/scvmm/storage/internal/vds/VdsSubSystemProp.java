package io.hyperv4j.scvmm.storage.internal.vds;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.platform.win32.Guid;

/** VDS_SUB_SYSTEM_PROP (vds.h); its strings belong to the caller, who frees each with CoTaskMemFree. */
@Structure.FieldOrder({"id", "pwszFriendlyName", "pwszIdentification", "ulFlags", "ulStripeSizeFlags", "status", "health",
        "sNumberOfInternalBuses", "sMaxNumberOfSlotsEachBus", "sMaxNumberOfControllers", "sRebuildPriority"})
public final class VdsSubSystemProp extends Structure {
    public Guid.GUID id;
    public Pointer pwszFriendlyName;
    public Pointer pwszIdentification;
    public int ulFlags;
    public int ulStripeSizeFlags;
    public int status;
    public int health;
    public short sNumberOfInternalBuses;
    public short sMaxNumberOfSlotsEachBus;
    public short sMaxNumberOfControllers;
    public short sRebuildPriority;
}
