package io.hyperv4j.backup.vss.internal;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.platform.win32.Guid;

/** The VSS structures the requester reads, laid out by JNA for the platform; field order checked against mingw-w64's headers. */
final class VssStructs {
    private VssStructs() {}

    /** VSS_SNAPSHOT_PROP (vss.h), filled by GetSnapshotProperties and freed with VssFreeSnapshotPropertiesInternal. */
    @Structure.FieldOrder({"m_SnapshotId", "m_SnapshotSetId", "m_lSnapshotsCount", "m_pwszSnapshotDeviceObject",
            "m_pwszOriginalVolumeName", "m_pwszOriginatingMachine", "m_pwszServiceMachine", "m_pwszExposedName",
            "m_pwszExposedPath", "m_ProviderId", "m_lSnapshotAttributes", "m_tsCreationTimestamp", "m_eStatus"})
    public static final class SnapshotProp extends Structure {
        public Guid.GUID m_SnapshotId;
        public Guid.GUID m_SnapshotSetId;
        public int m_lSnapshotsCount;
        public Pointer m_pwszSnapshotDeviceObject;
        public Pointer m_pwszOriginalVolumeName;
        public Pointer m_pwszOriginatingMachine;
        public Pointer m_pwszServiceMachine;
        public Pointer m_pwszExposedName;
        public Pointer m_pwszExposedPath;
        public Guid.GUID m_ProviderId;
        public int m_lSnapshotAttributes;
        public long m_tsCreationTimestamp;
        public int m_eStatus;

        public SnapshotProp() {
        }

        public SnapshotProp(Pointer p) {
            super(p);
            read();
        }
    }

    /** VSS_COMPONENTINFO (vsbackup.h), returned by IVssWMComponent::GetComponentInfo and freed by FreeComponentInfo. */
    @Structure.FieldOrder({"type", "bstrLogicalPath", "bstrComponentName", "bstrCaption", "pbIcon", "cbIcon", "bRestoreMetadata",
            "bNotifyOnBackupComplete", "bSelectable", "bSelectableForRestore", "dwComponentFlags", "cFileCount", "cDatabases",
            "cLogFiles", "cDependencies"})
    public static final class ComponentInfo extends Structure {
        public int type;
        public Pointer bstrLogicalPath;
        public Pointer bstrComponentName;
        public Pointer bstrCaption;
        public Pointer pbIcon;
        public int cbIcon;
        public byte bRestoreMetadata;
        public byte bNotifyOnBackupComplete;
        public byte bSelectable;
        public byte bSelectableForRestore;
        public int dwComponentFlags;
        public int cFileCount;
        public int cDatabases;
        public int cLogFiles;
        public int cDependencies;

        public ComponentInfo() {
        }

        public ComponentInfo(Pointer p) {
            super(p);
            read();
        }
    }
}
