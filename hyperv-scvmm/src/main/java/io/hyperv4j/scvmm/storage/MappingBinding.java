package io.hyperv4j.scvmm.storage;

/** Which Windows interface maps LUs for a {@link SanStorage}. */
public enum MappingBinding {
    /** The Storage Management API (root\Microsoft\Windows\Storage, Windows Server 2012 and later) over the host's CIM session. */
    STORAGE_MANAGEMENT_API,
    /** The Virtual Disk Service and the array vendor's hardware provider (what SCVMM 2008 R2 used), over COM on the local machine. */
    VIRTUAL_DISK_SERVICE
}
