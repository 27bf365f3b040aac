package io.hyperv4j.backup.vss.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.Guid;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import io.hyperv4j.backup.vss.VssBackupType;
import io.hyperv4j.backup.vss.VssComponent;
import io.hyperv4j.backup.vss.VssError;
import io.hyperv4j.backup.vss.VssException;
import io.hyperv4j.backup.vss.VssRequester;
import io.hyperv4j.backup.vss.VssSnapshot;
import io.hyperv4j.backup.vss.VssSnapshotSet;
import io.hyperv4j.backup.vss.VssWriter;
import io.hyperv4j.backup.vss.VssWriterState;
import io.hyperv4j.backup.vss.VssWriterStatus;
import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.wmi.ComThread;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VSS requester on Windows: IVssBackupComponents from vssapi.dll, driven on its own COM thread
 * (the thread model of the WMI transport: one dedicated thread joins the multithreaded apartment and
 * owns every interface pointer). Each IVssAsync is waited for at most the requester's timeout, then
 * cancelled. Every interface pointer it obtains is released exactly once and every BSTR freed,
 * whether the step succeeds, fails or times out; a backup prepared but not completed is aborted on close.
 * <p>Thread-safety: thread-safe (every call runs on the COM thread, one at a time).
 */
public final class WindowsVssRequester implements VssRequester {
    private static final Logger LOG = LoggerFactory.getLogger(WindowsVssRequester.class);

    static final int COINIT_MULTITHREADED = 0x0;
    static final int RPC_C_AUTHN_LEVEL_PKT_PRIVACY = 6;
    static final int RPC_C_IMP_LEVEL_IDENTIFY = 2;
    static final int EOAC_DYNAMIC_CLOAKING = 0x40;
    static final int RPC_E_TOO_LATE = 0x80010119;
    static final int VSS_CTX_BACKUP = 0;
    static final int VSS_OBJECT_SNAPSHOT_SET = 2;
    static final int VSS_S_ASYNC_PENDING = 0x00042309;
    static final int VSS_S_ASYNC_FINISHED = 0x0004230A;
    static final int VSS_S_ASYNC_CANCELLED = 0x0004230B;
    /** HRESULT_FROM_WIN32(WAIT_TIMEOUT): what a wait that ran out may return. */
    static final int WAIT_TIMEOUT_HRESULT = 0x80070102;
    /** Seconds from 1601-01-01 (VSS_TIMESTAMP's epoch, in 100 ns units) to 1970-01-01. */
    private static final long FILETIME_EPOCH_SECONDS = 11_644_473_600L;

    /** GUID_NULL as AddToSnapshotSet's provider: the system chooses the provider. */
    private static final Guid.GUID GUID_NULL = new Guid.GUID();

    private final VssNative api;
    private final Duration timeout;
    private final ComThread com;
    private final Pointer backup;
    private boolean prepared;
    private boolean completed;
    private boolean closed;

    /**
     * Opens a requester on this Windows machine (vssapi.dll; needs administrator rights).
     *
     * @param timeout the longest wait for any one VSS step
     * @return the requester
     * @throws VssException when the VSS backup components cannot be created
     */
    public static WindowsVssRequester open(Duration timeout) {
        return new WindowsVssRequester(VssNative.windows(), timeout);
    }

    WindowsVssRequester(VssNative api, Duration timeout) {
        this.api = Objects.requireNonNull(api, "api");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() >= 0xFFFFFFFFL)
            throw new IllegalArgumentException("timeout " + timeout + " must be positive and finite");
        this.com = new ComThread("hyperv4j-vss", apartment(api), timeout);
        try {
            this.backup = onCom("CreateVssBackupComponents", () -> {
                PointerByReference p = new PointerByReference();
                check(api.vssapi().CreateVssBackupComponentsInternal(p), "CreateVssBackupComponents");
                return p.getValue();
            });
        } catch (RuntimeException e) {
            com.close();
            throw e;
        }
    }

    private static ComThread.Apartment apartment(VssNative api) {
        return new ComThread.Apartment() {
            @Override
            public void enter() {
                int hr = api.ole32().CoInitializeEx(Pointer.NULL, COINIT_MULTITHREADED);
                if (hr < 0) throw new VssException("CoInitializeEx failed: " + hex(hr), hr);
                hr = api.ole32().CoInitializeSecurity(Pointer.NULL, -1, Pointer.NULL, Pointer.NULL, RPC_C_AUTHN_LEVEL_PKT_PRIVACY,
                        RPC_C_IMP_LEVEL_IDENTIFY, Pointer.NULL, EOAC_DYNAMIC_CLOAKING, Pointer.NULL);
                if (hr < 0 && hr != RPC_E_TOO_LATE) { // too late: the process set its security already (e.g. a WMI session)
                    api.ole32().CoUninitialize();
                    throw new VssException("CoInitializeSecurity failed: " + hex(hr), hr);
                }
            }

            @Override
            public void leave() {
                api.ole32().CoUninitialize();
            }
        };
    }

    @Override
    public List<VssWriter> gatherWriterMetadata(VssBackupType type) {
        return onCom("GatherWriterMetadata", () -> {
            check(call(backup, VssMethod.INITIALIZE_FOR_BACKUP, Pointer.NULL), "InitializeForBackup");
            check(call(backup, VssMethod.SET_CONTEXT, VSS_CTX_BACKUP), "SetContext");
            check(call(backup, VssMethod.SET_BACKUP_STATE, 1, 0, type.value(), 0), "SetBackupState");
            return writers();
        });
    }

    /** GatherWriterMetadata and every writer's identity and components (on the COM thread). */
    private List<VssWriter> writers() {
        await(VssMethod.GATHER_WRITER_METADATA, "GatherWriterMetadata");
        IntByReference count = new IntByReference();
        check(call(backup, VssMethod.GET_WRITER_METADATA_COUNT, count), "GetWriterMetadataCount");
        List<VssWriter> writers = new ArrayList<>();
        try {
            for (int i = 0; i < count.getValue(); i++) {
                Memory instance = new Memory(16);
                PointerByReference metadata = new PointerByReference();
                check(call(backup, VssMethod.GET_WRITER_METADATA, i, instance, metadata), "GetWriterMetadata");
                try {
                    writers.add(writer(metadata.getValue()));
                } finally {
                    release(metadata.getValue());
                }
            }
        } finally {
            check(call(backup, VssMethod.FREE_WRITER_METADATA), "FreeWriterMetadata");
        }
        return writers;
    }

    private VssWriter writer(Pointer metadata) {
        Memory instance = new Memory(16);
        Memory writer = new Memory(16);
        PointerByReference name = new PointerByReference();
        check(call(metadata, VssMethod.GET_IDENTITY, instance, writer, name, new IntByReference(), new IntByReference()), "GetIdentity");
        String writerName = bstr(name.getValue());
        IntByReference include = new IntByReference();
        IntByReference exclude = new IntByReference();
        IntByReference components = new IntByReference();
        check(call(metadata, VssMethod.GET_FILE_COUNTS, include, exclude, components), "GetFileCounts of " + writerName);
        List<VssComponent> out = new ArrayList<>();
        for (int c = 0; c < components.getValue(); c++) {
            PointerByReference component = new PointerByReference();
            check(call(metadata, VssMethod.GET_COMPONENT, c, component), "GetComponent of " + writerName);
            try {
                PointerByReference info = new PointerByReference();
                check(call(component.getValue(), VssMethod.GET_COMPONENT_INFO, info), "GetComponentInfo of " + writerName);
                try {
                    VssStructs.ComponentInfo i = new VssStructs.ComponentInfo(info.getValue());
                    out.add(new VssComponent(i.type, text(i.bstrLogicalPath), text(i.bstrComponentName), text(i.bstrCaption), i.bSelectable != 0));
                } finally {
                    check(call(component.getValue(), VssMethod.FREE_COMPONENT_INFO, info.getValue()), "FreeComponentInfo of " + writerName);
                }
            } finally {
                release(component.getValue());
            }
        }
        return new VssWriter(uuid(writer), uuid(instance), writerName, out);
    }

    @Override
    public void addComponent(VssWriter writer, VssComponent component) {
        onCom("AddComponent", () -> check(call(backup, VssMethod.ADD_COMPONENT, guid(writer.instanceId()), guid(writer.writerId()),
                component.type(), logicalPath(component), new WString(component.name())), "AddComponent " + component.name() + " of " + writer.name()));
    }

    @Override
    public VssSnapshotSet createSnapshotSet(List<String> volumes) {
        if (volumes.isEmpty()) throw new IllegalArgumentException("a snapshot set needs at least one volume");
        return onCom("DoSnapshotSet", () -> {
            Memory setId = new Memory(16);
            check(call(backup, VssMethod.START_SNAPSHOT_SET, setId), "StartSnapshotSet");
            List<Memory> ids = new ArrayList<>();
            for (String v : volumes) {
                Memory id = new Memory(16);
                check(call(backup, VssMethod.ADD_TO_SNAPSHOT_SET, new WString(v), new Guid.GUID.ByValue(GUID_NULL), id), "AddToSnapshotSet " + v);
                ids.add(id);
            }
            prepared = true;
            await(VssMethod.PREPARE_FOR_BACKUP, "PrepareForBackup");
            await(VssMethod.DO_SNAPSHOT_SET, "DoSnapshotSet");
            List<VssSnapshot> snapshots = new ArrayList<>();
            for (Memory id : ids) {
                VssStructs.SnapshotProp prop = new VssStructs.SnapshotProp();
                check(call(backup, VssMethod.GET_SNAPSHOT_PROPERTIES, new Guid.GUID.ByValue(new Guid.GUID(id)), prop.getPointer()),
                        "GetSnapshotProperties");
                try {
                    prop.read();
                    snapshots.add(new VssSnapshot(uuid(prop.m_SnapshotId), uuid(prop.m_SnapshotSetId), wide(prop.m_pwszOriginalVolumeName),
                            wide(prop.m_pwszSnapshotDeviceObject), uuid(prop.m_ProviderId), prop.m_lSnapshotAttributes,
                            instant(prop.m_tsCreationTimestamp)));
                } finally {
                    api.vssapi().VssFreeSnapshotPropertiesInternal(prop.getPointer());
                }
            }
            return new VssSnapshotSet(uuid(setId), snapshots);
        });
    }

    @Override
    public List<VssWriterStatus> writerStatus() {
        return onCom("GatherWriterStatus", () -> {
            await(VssMethod.GATHER_WRITER_STATUS, "GatherWriterStatus");
            IntByReference count = new IntByReference();
            check(call(backup, VssMethod.GET_WRITER_STATUS_COUNT, count), "GetWriterStatusCount");
            List<VssWriterStatus> out = new ArrayList<>();
            try {
                for (int i = 0; i < count.getValue(); i++) {
                    Memory instance = new Memory(16);
                    Memory writer = new Memory(16);
                    PointerByReference name = new PointerByReference();
                    IntByReference state = new IntByReference();
                    IntByReference failure = new IntByReference();
                    check(call(backup, VssMethod.GET_WRITER_STATUS, i, instance, writer, name, state, failure), "GetWriterStatus");
                    out.add(new VssWriterStatus(uuid(writer), uuid(instance), bstr(name.getValue()), VssWriterState.of(state.getValue()),
                            failure.getValue()));
                }
            } finally {
                check(call(backup, VssMethod.FREE_WRITER_STATUS), "FreeWriterStatus");
            }
            return out;
        });
    }

    @Override
    public void backupComplete() {
        onCom("BackupComplete", () -> {
            await(VssMethod.BACKUP_COMPLETE, "BackupComplete");
            completed = true;
            return null;
        });
    }

    @Override
    public void setBackupSucceeded(VssWriter writer, VssComponent component, boolean succeeded) {
        onCom("SetBackupSucceeded", () -> check(call(backup, VssMethod.SET_BACKUP_SUCCEEDED, guid(writer.instanceId()), guid(writer.writerId()),
                component.type(), logicalPath(component), new WString(component.name()), succeeded ? 1 : 0),
                "SetBackupSucceeded " + component.name() + " of " + writer.name()));
    }

    @Override
    public String backupDocument() {
        return onCom("SaveAsXML", () -> {
            PointerByReference xml = new PointerByReference();
            check(call(backup, VssMethod.SAVE_AS_XML, xml), "SaveAsXML");
            return bstr(xml.getValue());
        });
    }

    @Override
    public List<VssWriter> initializeForRestore(String backupDocument) {
        Objects.requireNonNull(backupDocument, "backupDocument");
        return onCom("InitializeForRestore", () -> {
            Pointer xml = api.oleAut32().SysAllocString(new WString(backupDocument));
            if (xml == null) throw new VssException("InitializeForRestore: no memory for the document", VssError.UNEXPECTED, VssError.UNEXPECTED.hresult());
            try {
                check(call(backup, VssMethod.INITIALIZE_FOR_RESTORE, xml), "InitializeForRestore");
            } finally {
                api.oleAut32().SysFreeString(xml);
            }
            return writers();
        });
    }

    @Override
    public void selectForRestore(VssWriter writer, VssComponent component) {
        onCom("SetSelectedForRestore", () -> check(call(backup, VssMethod.SET_SELECTED_FOR_RESTORE, guid(writer.writerId()), component.type(),
                logicalPath(component), new WString(component.name()), 1), "SetSelectedForRestore " + component.name() + " of " + writer.name()));
    }

    @Override
    public void preRestore() {
        onCom("PreRestore", () -> {
            await(VssMethod.PRE_RESTORE, "PreRestore");
            return null;
        });
    }

    @Override
    public void postRestore() {
        onCom("PostRestore", () -> {
            await(VssMethod.POST_RESTORE, "PostRestore");
            return null;
        });
    }

    private static WString logicalPath(VssComponent component) {
        return component.logicalPath() == null || component.logicalPath().isEmpty() ? null : new WString(component.logicalPath());
    }

    @Override
    public void deleteSnapshotSet(VssSnapshotSet set) {
        onCom("DeleteSnapshots", () -> check(call(backup, VssMethod.DELETE_SNAPSHOTS, guid(set.id()), VSS_OBJECT_SNAPSHOT_SET, 1,
                new IntByReference(), new Memory(16)), "DeleteSnapshots of set " + set.id()));
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        com.close(Duration.ofSeconds(10), () -> {
            if (prepared && !completed) {
                int hr = call(backup, VssMethod.ABORT_BACKUP);
                if (hr < 0) LOG.warn("AbortBackup failed: {}", hex(hr));
            }
            release(backup);
        });
    }

    // ---------------------------------------------------------------- COM plumbing (on the COM thread)

    /** Starts an asynchronous step, waits for it at most the timeout (cancelling it then), releases it. */
    private void await(VssMethod start, String what) {
        PointerByReference async = new PointerByReference();
        check(call(backup, start, async), what);
        Pointer a = async.getValue();
        try {
            int hr = call(a, VssMethod.WAIT, (int) timeout.toMillis());
            if (hr < 0 && hr != WAIT_TIMEOUT_HRESULT) throw new VssException(what + ": IVssAsync::Wait failed: " + hex(hr), hr);
            IntByReference status = new IntByReference();
            check(call(a, VssMethod.QUERY_STATUS, status, Pointer.NULL), what + ": IVssAsync::QueryStatus");
            int s = status.getValue();
            if (hr == WAIT_TIMEOUT_HRESULT || s == VSS_S_ASYNC_PENDING) {
                int c = call(a, VssMethod.CANCEL);
                if (c < 0) LOG.warn("{}: IVssAsync::Cancel failed: {}", what, hex(c));
                throw new VssException(what + " did not finish within " + timeout + "; it was cancelled", VssError.TIMEOUT, 0);
            }
            if (s == VSS_S_ASYNC_CANCELLED) throw new VssException(what + " was cancelled", s);
            if (s < 0) throw new VssException(what + " failed: " + describe(s), s);
        } finally {
            release(a);
        }
    }

    private int call(Pointer object, VssMethod method, Object... args) {
        if (args.length != method.arguments())
            throw new IllegalArgumentException(method + " takes " + method.arguments() + " arguments, not " + args.length);
        return api.invoke(object, method, args);
    }

    private void release(Pointer p) {
        if (p != null) api.invoke(p, VssMethod.RELEASE, new Object[0]);
    }

    private String bstr(Pointer p) {
        if (p == null) return null;
        try {
            return p.getWideString(0);
        } finally {
            api.oleAut32().SysFreeString(p);
        }
    }

    private <T> T onCom(String operation, Callable<T> task) {
        if (closed) throw new VssException(operation + ": the requester is closed", VssError.BAD_STATE, VssError.BAD_STATE.hresult());
        try {
            return com.call(operation, timeout.multipliedBy(3).plusSeconds(30), task);
        } catch (CimException e) {
            if (e.error() == CimError.TIMED_OUT) throw new VssException(e.getMessage(), VssError.TIMEOUT, 0);
            throw e;
        }
    }

    private static Void check(int hr, String what) {
        if (hr < 0) throw new VssException(what + " failed: " + describe(hr), hr);
        return null;
    }

    private static String describe(int hr) {
        return VssError.of(hr).map(e -> "VSS_E_" + e.name() + " (" + hex(hr) + ")").orElse(hex(hr));
    }

    private static String hex(int hr) {
        return String.format("0x%08X", hr);
    }

    private static String text(Pointer p) {
        return p == null ? "" : p.getWideString(0);
    }

    private static String wide(Pointer p) {
        return p == null ? null : p.getWideString(0);
    }

    private static Guid.GUID.ByValue guid(UUID u) {
        return new Guid.GUID.ByValue(Guid.GUID.fromString("{" + u + "}"));
    }

    private static UUID uuid(Pointer p) {
        return uuid(new Guid.GUID(p));
    }

    private static UUID uuid(Guid.GUID g) {
        String s = g.toGuidString();
        return UUID.fromString(s.substring(1, s.length() - 1));
    }

    private static Instant instant(long timestamp) {
        long seconds = Math.floorDiv(timestamp, 10_000_000L) - FILETIME_EPOCH_SECONDS;
        return Instant.ofEpochSecond(seconds, Math.floorMod(timestamp, 10_000_000L) * 100);
    }
}
