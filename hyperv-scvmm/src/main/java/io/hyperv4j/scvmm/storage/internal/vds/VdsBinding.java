package io.hyperv4j.scvmm.storage.internal.vds;

import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.COM.Unknown;
import com.sun.jna.platform.win32.Guid;
import com.sun.jna.platform.win32.Ole32;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import io.hyperv4j.HyperVTimeoutException;
import io.hyperv4j.NotSupportedException;
import io.hyperv4j.scvmm.storage.HostDisk;
import io.hyperv4j.scvmm.storage.InitiatorId;
import io.hyperv4j.scvmm.storage.Lun;
import io.hyperv4j.scvmm.storage.MappingBinding;
import io.hyperv4j.scvmm.storage.MaskingSet;
import io.hyperv4j.scvmm.storage.Provisioning;
import io.hyperv4j.scvmm.storage.StorageArray;
import io.hyperv4j.scvmm.storage.StoragePool;
import io.hyperv4j.scvmm.storage.StorageRefusedException;
import io.hyperv4j.scvmm.storage.TargetPort;
import io.hyperv4j.scvmm.storage.internal.LuMappingBinding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * LU mapping through the Virtual Disk Service of the local machine and the array vendor's
 * hardware provider (what SCVMM 2008 R2 used): IVdsServiceLoader::LoadService, the hardware
 * providers' subsystems and LUNs, and IVdsLun::SetMask with the LUN's unmasking list (read from
 * VDS_LUN_PROP, changed, written back). Every call runs on one COM thread of its own (MTA) and is
 * bounded by the timeout. VDS has no masking sets, pools of the Storage Management API's kind, or
 * host disk view here; those calls throw NotSupportedException.
 */
public final class VdsBinding implements LuMappingBinding, AutoCloseable {
    static final String CLSID_VDS_LOADER = "{9C38ED61-D565-4728-AEEE-C80952F0ECDE}";
    static final String IID_IVDS_SERVICE_LOADER = "{E0393303-90D4-4A97-AB71-E9B671EE2729}";
    static final String IID_IVDS_HW_PROVIDER = "{D99BDAAE-B13A-4178-9FDB-E27F16B4603E}";
    static final String IID_IVDS_SUB_SYSTEM = "{6FCEE2D3-6D90-4F91-80E2-A5C7CAACA9D8}";
    static final String IID_IVDS_LUN = "{3540A9C7-E60F-4111-A840-8BBA6C2C83D8}";
    /** VDS_QUERY_PROVIDER_FLAG.VDS_QUERY_HARDWARE_PROVIDERS. */
    static final int VDS_QUERY_HARDWARE_PROVIDERS = 0x2;
    private static final int S_OK = 0, CLSCTX_LOCAL_SERVER = 0x4, COINIT_MULTITHREADED = 0;

    private final Duration timeout;
    private final ExecutorService com = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hyperv4j-vds-com");
        t.setDaemon(true);
        return t;
    });

    public VdsBinding(Duration timeout) {
        this.timeout = timeout;
        onCom(() -> {
            int hr = Ole32.INSTANCE.CoInitializeEx(null, COINIT_MULTITHREADED).intValue();
            if (hr < 0) throw failure("CoInitializeEx", hr);
            return null;
        });
    }

    @Override
    public MappingBinding kind() {
        return MappingBinding.VIRTUAL_DISK_SERVICE;
    }

    /** A COM object and its vtable calls, each checked against {@link VdsMethod}'s argument count. */
    private static final class Com extends Unknown {
        Com(Pointer p) {
            super(p);
        }

        int call(VdsMethod m, Object... args) {
            if (args.length != m.arguments) throw new IllegalArgumentException(m.iface + "::" + m.method + " takes " + m.arguments + " arguments");
            Object[] full = new Object[args.length + 1];
            full[0] = getPointer();
            System.arraycopy(args, 0, full, 1, args.length);
            return _invokeNativeInt(m.index, full);
        }

        Com as(String iid) {
            PointerByReference out = new PointerByReference();
            check("QueryInterface " + iid, call(VdsMethod.QUERY_INTERFACE, new Guid.REFIID(new Guid.IID(iid)), out));
            return new Com(out.getValue());
        }

        void free() {
            call(VdsMethod.RELEASE);
        }
    }

    private static void check(String what, int hr) {
        if (hr < 0) throw failure(what, hr);
    }

    private static StorageRefusedException failure(String what, int hr) {
        return new StorageRefusedException("the Virtual Disk Service refused " + what + ": HRESULT 0x" + Integer.toHexString(hr).toUpperCase(),
                hr & 0xFFFFFFFFL, VdsErrors.reason(hr).name());
    }

    private <T> T onCom(Callable<T> body) {
        var f = com.submit(body);
        try {
            return f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new HyperVTimeoutException("the Virtual Disk Service did not answer within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HyperVTimeoutException("interrupted while waiting for the Virtual Disk Service");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        }
    }

    private static Com service() {
        PointerByReference p = new PointerByReference();
        check("CoCreateInstance(VdsLoader)", Ole32.INSTANCE.CoCreateInstance(new Guid.CLSID(CLSID_VDS_LOADER), null, CLSCTX_LOCAL_SERVER,
                new Guid.IID(IID_IVDS_SERVICE_LOADER), p).intValue());
        Com loader = new Com(p.getValue());
        try {
            PointerByReference s = new PointerByReference();
            check("LoadService", loader.call(VdsMethod.LOAD_SERVICE, (WString) null, s));
            Com service = new Com(s.getValue());
            check("WaitForServiceReady", service.call(VdsMethod.WAIT_FOR_SERVICE_READY));
            return service;
        } finally {
            loader.free();
        }
    }

    /** Every object of an IEnumVdsObject, as the interface asked for; the enumerator is released. */
    private static List<Com> each(Com enumerator, String iid) {
        List<Com> out = new ArrayList<>();
        try {
            while (true) {
                PointerByReference item = new PointerByReference();
                IntByReference fetched = new IntByReference();
                int hr = enumerator.call(VdsMethod.NEXT, 1, item, fetched);
                check("IEnumVdsObject::Next", hr);
                if (hr != S_OK || fetched.getValue() == 0) return out;
                Com unknown = new Com(item.getValue());
                try {
                    out.add(unknown.as(iid));
                } finally {
                    unknown.free();
                }
            }
        } finally {
            enumerator.free();
        }
    }

    private static String text(Pointer p) {
        if (p == null) return "";
        String s = p.getWideString(0);
        Ole32.INSTANCE.CoTaskMemFree(p);
        return s;
    }

    private record Found(Lun lun, Com handle) {}

    /** Walks providers, subsystems and LUNs; {@code keep} names the LUN whose handle stays open (else all are released). */
    private static List<Found> walk(String keep) {
        List<Found> out = new ArrayList<>();
        Com service = service();
        try {
            PointerByReference e = new PointerByReference();
            check("QueryProviders", service.call(VdsMethod.QUERY_PROVIDERS, VDS_QUERY_HARDWARE_PROVIDERS, e));
            for (Com provider : each(new Com(e.getValue()), IID_IVDS_HW_PROVIDER)) {
                try {
                    PointerByReference se = new PointerByReference();
                    check("QuerySubSystems", provider.call(VdsMethod.QUERY_SUB_SYSTEMS, se));
                    for (Com sub : each(new Com(se.getValue()), IID_IVDS_SUB_SYSTEM)) {
                        try {
                            VdsSubSystemProp sp = new VdsSubSystemProp();
                            check("IVdsSubSystem::GetProperties", sub.call(VdsMethod.SUB_SYSTEM_GET_PROPERTIES, sp));
                            sp.read();
                            String array = sp.id.toGuidString();
                            text(sp.pwszFriendlyName);
                            text(sp.pwszIdentification);
                            PointerByReference le = new PointerByReference();
                            check("QueryLuns", sub.call(VdsMethod.QUERY_LUNS, le));
                            for (Com lun : each(new Com(le.getValue()), IID_IVDS_LUN)) {
                                VdsLunProp lp = new VdsLunProp();
                                check("IVdsLun::GetProperties", lun.call(VdsMethod.LUN_GET_PROPERTIES, lp));
                                lp.read();
                                String name = text(lp.pwszFriendlyName);
                                Lun l = new Lun(lp.id.toGuidString(), array, name, name, text(lp.pwszIdentification), lp.ullSize, lp.ullSize,
                                        Provisioning.UNKNOWN, lp.health);
                                text(lp.pwszUnmaskingList);
                                boolean kept = l.objectId().equals(keep);
                                out.add(new Found(l, kept ? lun : null));
                                if (!kept) lun.free();
                            }
                        } finally {
                            sub.free();
                        }
                    }
                } finally {
                    provider.free();
                }
            }
        } finally {
            service.free();
        }
        return out;
    }

    @Override
    public List<Lun> luns() {
        return onCom(() -> walk(null).stream().map(Found::lun).toList());
    }

    @Override
    public List<StorageArray> arrays() {
        return onCom(() -> {
            List<StorageArray> out = new ArrayList<>();
            for (Found f : walk(null))
                if (out.stream().noneMatch(a -> a.objectId().equals(f.lun().arrayObjectId())))
                    out.add(new StorageArray(f.lun().arrayObjectId(), "", "", "", "", 0, ""));
            return out;
        });
    }

    /** Reads the LUN's unmasking list, changes it, writes it back with IVdsLun::SetMask. */
    private void setMask(Lun lun, java.util.function.UnaryOperator<UnmaskingList> change) {
        onCom(() -> {
            Com handle = null;
            for (Found f : walk(lun.objectId())) if (f.handle() != null) handle = f.handle();
            if (handle == null) throw new StorageRefusedException("the Virtual Disk Service no longer lists LUN " + lun.name(), 50000, "VIRTUAL_DISK_NOT_FOUND");
            try {
                VdsLunProp lp = new VdsLunProp();
                check("IVdsLun::GetProperties", handle.call(VdsMethod.LUN_GET_PROPERTIES, lp));
                lp.read();
                text(lp.pwszFriendlyName);
                text(lp.pwszIdentification);
                UnmaskingList next = change.apply(UnmaskingList.parse(text(lp.pwszUnmaskingList)));
                check("IVdsLun::SetMask", handle.call(VdsMethod.SET_MASK, new WString(next.text())));
                return null;
            } finally {
                handle.free();
            }
        });
    }

    @Override
    public void map(Lun lun, List<String> initiators) {
        setMask(lun, l -> l.with(initiators));
    }

    @Override
    public void unmap(Lun lun, List<String> initiators) {
        setMask(lun, l -> l.without(initiators));
    }

    @Override
    public void rescan() {
        onCom(() -> {
            Com service = service();
            try {
                check("IVdsService::Reenumerate", service.call(VdsMethod.REENUMERATE));
                check("IVdsService::Refresh", service.call(VdsMethod.REFRESH));
            } finally {
                service.free();
            }
            return null;
        });
    }

    private static NotSupportedException unsupported(String what) {
        return new NotSupportedException(what + " is not available through the Virtual Disk Service binding; use the Storage Management API (Windows Server 2012 and later)");
    }

    @Override public List<MaskingSet> maskingSets() { throw unsupported("masking sets"); }
    @Override public List<InitiatorId> initiatorIds() { throw unsupported("the array's initiator list"); }
    @Override public List<TargetPort> targetPorts() { throw unsupported("target ports"); }
    @Override public List<StoragePool> pools() { throw unsupported("storage pools"); }
    @Override
    public io.hyperv4j.job.Operation<Lun> createLun(StoragePool pool, String friendlyName, long sizeBytes, Duration timeout) {
        throw unsupported("creating LUs");
    }
    @Override public List<String> localInitiators() { throw unsupported("the host's initiator ports"); }
    @Override public List<HostDisk> disks() { throw unsupported("the host's disk list"); }

    @Override
    public void close() {
        onCom(() -> {
            Ole32.INSTANCE.CoUninitialize();
            return null;
        });
        com.shutdownNow();
    }
}
