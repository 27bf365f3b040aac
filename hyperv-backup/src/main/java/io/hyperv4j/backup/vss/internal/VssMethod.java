package io.hyperv4j.backup.vss.internal;

/**
 * Every COM interface method the requester calls through a vtable: the interface, the method, its
 * vtable index (IUnknown's three come first) and its argument count without {@code this}. The
 * conformance test checks each against Wine's vsbackup.idl and mingw-w64's vss.h / vsbackup.h, so a
 * wrong slot or signature fails the build on any OS.
 */
enum VssMethod {
    RELEASE("IUnknown", "Release", 2, 0),
    INITIALIZE_FOR_BACKUP("IVssBackupComponents", "InitializeForBackup", 5, 1),
    SET_BACKUP_STATE("IVssBackupComponents", "SetBackupState", 6, 4),
    INITIALIZE_FOR_RESTORE("IVssBackupComponents", "InitializeForRestore", 7, 1),
    GATHER_WRITER_METADATA("IVssBackupComponents", "GatherWriterMetadata", 9, 1),
    GET_WRITER_METADATA_COUNT("IVssBackupComponents", "GetWriterMetadataCount", 10, 1),
    GET_WRITER_METADATA("IVssBackupComponents", "GetWriterMetadata", 11, 3),
    FREE_WRITER_METADATA("IVssBackupComponents", "FreeWriterMetadata", 12, 0),
    ADD_COMPONENT("IVssBackupComponents", "AddComponent", 13, 5),
    PREPARE_FOR_BACKUP("IVssBackupComponents", "PrepareForBackup", 14, 1),
    ABORT_BACKUP("IVssBackupComponents", "AbortBackup", 15, 0),
    GATHER_WRITER_STATUS("IVssBackupComponents", "GatherWriterStatus", 16, 1),
    GET_WRITER_STATUS_COUNT("IVssBackupComponents", "GetWriterStatusCount", 17, 1),
    FREE_WRITER_STATUS("IVssBackupComponents", "FreeWriterStatus", 18, 0),
    GET_WRITER_STATUS("IVssBackupComponents", "GetWriterStatus", 19, 6),
    SET_BACKUP_SUCCEEDED("IVssBackupComponents", "SetBackupSucceeded", 20, 6),
    SET_SELECTED_FOR_RESTORE("IVssBackupComponents", "SetSelectedForRestore", 22, 5),
    SAVE_AS_XML("IVssBackupComponents", "SaveAsXML", 26, 1),
    BACKUP_COMPLETE("IVssBackupComponents", "BackupComplete", 27, 1),
    PRE_RESTORE("IVssBackupComponents", "PreRestore", 33, 1),
    POST_RESTORE("IVssBackupComponents", "PostRestore", 34, 1),
    SET_CONTEXT("IVssBackupComponents", "SetContext", 35, 1),
    START_SNAPSHOT_SET("IVssBackupComponents", "StartSnapshotSet", 36, 1),
    ADD_TO_SNAPSHOT_SET("IVssBackupComponents", "AddToSnapshotSet", 37, 3),
    DO_SNAPSHOT_SET("IVssBackupComponents", "DoSnapshotSet", 38, 1),
    DELETE_SNAPSHOTS("IVssBackupComponents", "DeleteSnapshots", 39, 5),
    GET_SNAPSHOT_PROPERTIES("IVssBackupComponents", "GetSnapshotProperties", 42, 2),
    CANCEL("IVssAsync", "Cancel", 3, 0),
    WAIT("IVssAsync", "Wait", 4, 1),
    QUERY_STATUS("IVssAsync", "QueryStatus", 5, 2),
    GET_IDENTITY("IVssExamineWriterMetadata", "GetIdentity", 3, 5),
    GET_FILE_COUNTS("IVssExamineWriterMetadata", "GetFileCounts", 4, 3),
    GET_COMPONENT("IVssExamineWriterMetadata", "GetComponent", 7, 2),
    GET_COMPONENT_INFO("IVssWMComponent", "GetComponentInfo", 3, 1),
    FREE_COMPONENT_INFO("IVssWMComponent", "FreeComponentInfo", 4, 1);

    private final String iface;
    private final String method;
    private final int index;
    private final int arguments;

    VssMethod(String iface, String method, int index, int arguments) {
        this.iface = iface;
        this.method = method;
        this.index = index;
        this.arguments = arguments;
    }

    String iface() {
        return iface;
    }

    String method() {
        return method;
    }

    int index() {
        return index;
    }

    int arguments() {
        return arguments;
    }

    @Override
    public String toString() {
        return iface + "::" + method;
    }
}
