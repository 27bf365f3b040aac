package io.hyperv4j.backup.vss.internal;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.Guid;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A recording stand-in for vssapi.dll and the COM objects it hands out. Each interface pointer is a
 * real block of native memory with a reference count; every call is recorded; BSTRs, component
 * infos and snapshot properties it hands out are tracked until freed. {@link #problems()} lists
 * what the requester got wrong: a release of a released object, an object never released, a BSTR
 * freed twice or never. A script decides how each asynchronous step ends.
 */
final class FakeVss implements VssNative {
    /** How an IVssAsync ends: finished, failed with an HRESULT, or never (still pending at the wait's end). */
    record Outcome(int status) {
        static final Outcome FINISHED = new Outcome(WindowsVssRequester.VSS_S_ASYNC_FINISHED);
        static final Outcome PENDING = new Outcome(WindowsVssRequester.VSS_S_ASYNC_PENDING);
    }

    static final UUID HYPERV = UUID.fromString("66841cd4-6ded-4f4b-8f17-fd23f8ddc3de");
    static final UUID INSTANCE = UUID.fromString("11111111-2222-3333-4444-555555555555");
    static final UUID SET = UUID.fromString("aaaaaaaa-0000-0000-0000-000000000001");
    static final UUID SNAPSHOT = UUID.fromString("aaaaaaaa-0000-0000-0000-000000000002");

    final List<String> calls = new ArrayList<>();
    final Map<VssMethod, Outcome> outcomes = new HashMap<>();
    /** An HRESULT a synchronous method returns instead of S_OK. */
    final Map<VssMethod, Integer> failures = new HashMap<>();
    private final Map<Long, Obj> objects = new LinkedHashMap<>();
    private final Set<Long> bstrs = new HashSet<>();
    private final Set<Long> infos = new HashSet<>();
    private final Set<Long> props = new HashSet<>();
    private final List<String> problems = new ArrayList<>();
    private final List<Memory> keep = new ArrayList<>();
    int coInitialized;
    /** The document InitializeForRestore was given. */
    String restoreDocument;
    private int componentInfos;

    private static final class Obj {
        final String kind;
        final VssMethod async;
        int refs = 1;

        Obj(String kind, VssMethod async) {
            this.kind = kind;
            this.async = async;
        }
    }

    private Pointer object(String kind, VssMethod async) {
        Memory m = new Memory(Native.POINTER_SIZE);
        keep.add(m);
        objects.put(Pointer.nativeValue(m), new Obj(kind, async));
        return m;
    }

    private Pointer bstr(String s) {
        Memory m = new Memory((s.length() + 1L) * Native.WCHAR_SIZE);
        m.setWideString(0, s);
        keep.add(m);
        bstrs.add(Pointer.nativeValue(m));
        return m;
    }

    /** What the requester left wrong so far, plus every object still referenced. */
    List<String> problems() {
        List<String> out = new ArrayList<>(problems);
        objects.forEach((p, o) -> {
            if (o.refs != 0) out.add(o.kind + " still has " + o.refs + " reference(s)");
        });
        if (!bstrs.isEmpty()) out.add(bstrs.size() + " BSTR(s) never freed");
        if (!infos.isEmpty()) out.add(infos.size() + " component info(s) never freed");
        if (!props.isEmpty()) out.add(props.size() + " snapshot propert(ies) never freed");
        if (coInitialized != 0) out.add("the COM thread left " + coInitialized + " CoInitializeEx unbalanced");
        return out;
    }

    long count(String call) {
        return calls.stream().filter(call::equals).count();
    }

    int objectsMade() {
        return objects.size();
    }

    @Override
    public VssApi vssapi() {
        return new VssApi() {
            @Override
            public int CreateVssBackupComponentsInternal(PointerByReference backup) {
                calls.add("CreateVssBackupComponents");
                backup.setValue(object("IVssBackupComponents", null));
                return 0;
            }

            @Override
            public void VssFreeSnapshotPropertiesInternal(Pointer prop) {
                calls.add("VssFreeSnapshotProperties");
                if (!props.remove(Pointer.nativeValue(prop))) problems.add("snapshot properties freed that were not handed out");
            }
        };
    }

    @Override
    public Ole32 ole32() {
        return new Ole32() {
            @Override
            public int CoInitializeEx(Pointer reserved, int coInit) {
                calls.add("CoInitializeEx");
                coInitialized++;
                return 0;
            }

            @Override
            public int CoInitializeSecurity(Pointer sd, int n, Pointer list, Pointer r1, int authn, int imp, Pointer auth, int caps, Pointer r3) {
                calls.add("CoInitializeSecurity");
                return WindowsVssRequester.RPC_E_TOO_LATE; // as in a process whose WMI session set it already
            }

            @Override
            public void CoUninitialize() {
                calls.add("CoUninitialize");
                coInitialized--;
            }
        };
    }

    @Override
    public OleAut32 oleAut32() {
        return new OleAut32() {
            @Override
            public Pointer SysAllocString(WString text) {
                calls.add("SysAllocString");
                return bstr(text.toString());
            }

            @Override
            public void SysFreeString(Pointer bstr) {
                if (!bstrs.remove(Pointer.nativeValue(bstr))) problems.add("SysFreeString of a BSTR not handed out or freed twice");
            }
        };
    }

    @Override
    public synchronized int invoke(Pointer object, VssMethod method, Object[] args) {
        Obj o = objects.get(Pointer.nativeValue(object));
        if (o == null || o.refs <= 0) {
            problems.add(method + " on " + (o == null ? "an unknown pointer" : "a released " + o.kind));
            return 0x80004003; // E_POINTER
        }
        if (!method.iface().equals("IUnknown") && !method.iface().equals(o.kind))
            problems.add(method + " called on an " + o.kind);
        calls.add(method.method());
        Integer failure = failures.get(method);
        if (failure != null) return failure;
        switch (method) {
            case RELEASE -> o.refs--;
            case GATHER_WRITER_METADATA, PREPARE_FOR_BACKUP, DO_SNAPSHOT_SET, GATHER_WRITER_STATUS, BACKUP_COMPLETE, PRE_RESTORE, POST_RESTORE ->
                    ((PointerByReference) args[0]).setValue(object("IVssAsync", method));
            case QUERY_STATUS -> ((IntByReference) args[0]).setValue(outcomes.getOrDefault(o.async, Outcome.FINISHED).status());
            case GET_WRITER_METADATA_COUNT, GET_WRITER_STATUS_COUNT -> ((IntByReference) args[0]).setValue(1);
            case GET_WRITER_METADATA -> {
                guid((Pointer) args[1], INSTANCE);
                ((PointerByReference) args[2]).setValue(object("IVssExamineWriterMetadata", null));
            }
            case GET_IDENTITY -> {
                guid((Pointer) args[0], INSTANCE);
                guid((Pointer) args[1], HYPERV);
                ((PointerByReference) args[2]).setValue(bstr("Microsoft Hyper-V VSS Writer"));
            }
            case GET_FILE_COUNTS -> ((IntByReference) args[2]).setValue(2);
            case GET_COMPONENT -> ((PointerByReference) args[1]).setValue(object("IVssWMComponent", null));
            case GET_COMPONENT_INFO -> {
                boolean first = componentInfos++ % 2 == 0;
                VssStructs.ComponentInfo i = new VssStructs.ComponentInfo();
                i.type = 2;
                i.bstrComponentName = bstr(first ? "4F1D1A1B-0000-0000-0000-000000000001" : "4F1D1A1B-0000-0000-0000-000000000002");
                i.bstrCaption = bstr(first ? "Backup Using Child Partition Snapshot\\web01" : "Backup Using Saved State\\db01");
                i.bSelectable = 1;
                i.write();
                infos.add(Pointer.nativeValue(i.getPointer()));
                keep.add((Memory) i.getPointer());
                ((PointerByReference) args[0]).setValue(i.getPointer());
            }
            case FREE_COMPONENT_INFO -> {
                Pointer p = (Pointer) args[0];
                if (!infos.remove(Pointer.nativeValue(p))) problems.add("FreeComponentInfo of an info not handed out");
                VssStructs.ComponentInfo i = new VssStructs.ComponentInfo(p);
                bstrs.remove(Pointer.nativeValue(i.bstrComponentName)); // the info owns its strings
                bstrs.remove(Pointer.nativeValue(i.bstrCaption));
            }
            case START_SNAPSHOT_SET -> guid((Pointer) args[0], SET);
            case SAVE_AS_XML -> ((PointerByReference) args[0]).setValue(bstr("<BACKUP_COMPONENTS xmlns=\"x-schema:#VssComponentMetadata\"/>"));
            case INITIALIZE_FOR_RESTORE -> {
                if (!bstrs.contains(Pointer.nativeValue((Pointer) args[0]))) problems.add("InitializeForRestore without a BSTR");
                restoreDocument = ((Pointer) args[0]).getWideString(0);
            }
            case ADD_TO_SNAPSHOT_SET -> {
                if (!(args[0] instanceof WString) || !(args[1] instanceof Guid.GUID.ByValue)) problems.add("AddToSnapshotSet arguments");
                guid((Pointer) args[2], SNAPSHOT);
            }
            case GET_SNAPSHOT_PROPERTIES -> {
                VssStructs.SnapshotProp p = new VssStructs.SnapshotProp((Pointer) args[1]);
                p.m_SnapshotId = Guid.GUID.fromString("{" + SNAPSHOT + "}");
                p.m_SnapshotSetId = Guid.GUID.fromString("{" + SET + "}");
                p.m_lSnapshotsCount = 1;
                p.m_pwszOriginalVolumeName = wide("C:\\");
                p.m_pwszSnapshotDeviceObject = wide("\\\\?\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy7");
                p.m_tsCreationTimestamp = 133_000_000_000_000_000L;
                p.write();
                props.add(Pointer.nativeValue((Pointer) args[1]));
            }
            case GET_WRITER_STATUS -> {
                guid((Pointer) args[1], INSTANCE);
                guid((Pointer) args[2], HYPERV);
                ((PointerByReference) args[3]).setValue(bstr("Microsoft Hyper-V VSS Writer"));
                ((IntByReference) args[4]).setValue(1);
            }
            default -> { }
        }
        return 0;
    }

    private Pointer wide(String s) {
        Memory m = new Memory((s.length() + 1L) * Native.WCHAR_SIZE);
        m.setWideString(0, s);
        keep.add(m);
        return m;
    }

    private static void guid(Pointer p, UUID u) {
        Guid.GUID g = Guid.GUID.fromString("{" + u + "}");
        g.write(); // the structure's memory layout (Data1..Data3 little-endian), as VSS writes a VSS_ID
        p.write(0, g.getPointer().getByteArray(0, 16), 0, 16);
    }
}
