package io.hyperv4j.scvmm.storage.internal.vds;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.platform.win32.Guid;

/** VDS_LUN_PROP (vds.h); its strings belong to the caller, who frees each with CoTaskMemFree. */
@Structure.FieldOrder({"id", "ullSize", "pwszFriendlyName", "pwszIdentification", "pwszUnmaskingList", "ulFlags", "type", "status",
        "health", "TransitionState", "sRebuildPriority"})
public final class VdsLunProp extends Structure {
    public Guid.GUID id;
    public long ullSize;
    public Pointer pwszFriendlyName;
    public Pointer pwszIdentification;
    public Pointer pwszUnmaskingList;
    public int ulFlags;
    public int type;
    public int status;
    public int health;
    public int TransitionState;
    public short sRebuildPriority;
}
