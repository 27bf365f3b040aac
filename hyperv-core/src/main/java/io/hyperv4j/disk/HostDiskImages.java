package io.hyperv4j.disk;

import io.hyperv4j.HyperVException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.CimXml;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.internal.disk.DiskRefusal;
import io.hyperv4j.internal.disk.DiskSettingData;
import io.hyperv4j.job.MethodCall;
import io.hyperv4j.job.Operation;
import io.hyperv4j.job.ReturnCodes;
import io.hyperv4j.vhd.DiskInfo;
import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vhd.VhdType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** {@link DiskImages} through a host's Msvm_ImageManagementService (paths are the host's). */
final class HostDiskImages implements DiskImages {
    static final String NAMESPACE = "root\\virtualization\\v2";
    static final String SERVICE = "Msvm_ImageManagementService";

    private final CimSession session;
    private final Duration timeout;
    private volatile ObjectPath service;

    HostDiskImages(CimSession session, Duration timeout) {
        this.session = Objects.requireNonNull(session, "session");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public Operation<Path> create(Path path, DiskSpec spec) {
        String attempted = "create virtual hard disk '" + path + "'";
        return call("CreateVirtualHardDisk", attempted, path)
                .with("VirtualDiskSettingData", embedded(request(attempted, path, spec)))
                .invoke(r -> path);
    }

    @Override
    public DiskInfo inspect(Path path) {
        String attempted = "inspect virtual hard disk '" + path + "'";
        CimInstance sd = CimXml.readInstance(call("GetVirtualHardDiskSettingData", attempted, path)
                .with("Path", CimValue.string(path.toString()))
                .invoke(r -> r.get("SettingData").asString()).await());
        CimInstance state = CimXml.readInstance(call("GetVirtualHardDiskState", attempted, path)
                .with("Path", CimValue.string(path.toString()))
                .invoke(r -> r.get("State").asString()).await());
        return DiskSettingData.info(sd, state);
    }

    @Override
    public Operation<Path> resize(Path path, long newSize) {
        return call("ResizeVirtualHardDisk", "resize virtual hard disk '" + path + "' to " + newSize + " bytes", path)
                .with("Path", CimValue.string(path.toString()))
                .with("MaxInternalSize", CimValue.uint64(newSize))
                .invoke(r -> path);
    }

    @Override
    public Operation<Path> convert(Path source, Path destination, VhdFormat format, VhdType type) {
        String attempted = "convert virtual hard disk '" + source + "' to '" + destination + "'";
        return call("ConvertVirtualHardDisk", attempted, destination)
                .with("SourcePath", CimValue.string(source.toString()))
                .with("VirtualDiskSettingData", embedded(request(attempted, destination,
                        new DiskSpec(format, type, 0, 0, 0, 0, null, null))))
                .invoke(r -> destination);
    }

    @Override
    public Operation<Path> compact(Path path) {
        return call("CompactVirtualHardDisk", "compact virtual hard disk '" + path + "'", path)
                .with("Path", CimValue.string(path.toString()))
                .with("Mode", CimValue.uint16(0)) // Full
                .invoke(r -> path);
    }

    @Override
    public Operation<Path> merge(Path child, Path destination) {
        return call("MergeVirtualHardDisk", "merge virtual hard disk '" + child + "' into '" + destination + "'", destination)
                .with("SourcePath", CimValue.string(child.toString()))
                .with("DestinationPath", CimValue.string(destination.toString()))
                .invoke(r -> destination);
    }

    @Override
    public Operation<Path> setParent(Path child, Path newParent) {
        // Only ParentPath may change in one call (MSDOCS SetVirtualHardDiskSettingData); Path names the child.
        CimInstance sd = CimInstance.builder(DiskSettingData.SETTING_DATA)
                .put("Path", CimValue.string(child.toString()))
                .put("ParentPath", CimValue.string(newParent.toString()))
                .build();
        return call("SetVirtualHardDiskSettingData", "set the parent of virtual hard disk '" + child + "' to '" + newParent + "'", child)
                .with("VirtualDiskSettingData", embedded(sd))
                .invoke(r -> child);
    }

    @Override
    public Operation<Path> validate(Path path) {
        return call("ValidateVirtualHardDisk", "validate virtual hard disk '" + path + "'", path)
                .with("Path", CimValue.string(path.toString()))
                .onJobFailure(e -> new InvalidDiskException("'" + path + "' is not valid: " + e.errorDescription(), e))
                .invoke(r -> path);
    }

    private MethodCall call(String method, String attempted, Path path) {
        return MethodCall.on(session, service(), method, ReturnCodes.Family.MSVM)
                .attempting(attempted)
                .timeout(timeout);
    }

    /** The setting data to send; what has no Hyper-V code (a raw image) is refused here, as the host would (32773). */
    private static CimInstance request(String attempted, Path path, DiskSpec spec) {
        try {
            return DiskSettingData.request(path, spec);
        } catch (DiskRefusal r) {
            throw LocalDiskImages.refusal(attempted, r);
        }
    }

    private static CimValue embedded(CimInstance i) {
        return CimValue.string(CimXml.writeInstance(i)); // as Hyper-V clients send it: GetText_(1)
    }

    private ObjectPath service() {
        ObjectPath p = service;
        if (p == null) {
            List<CimInstance> found = session.query(NAMESPACE, "SELECT * FROM " + SERVICE);
            if (found.isEmpty())
                throw new HyperVException("Host " + session.host() + " has no " + SERVICE + ": is the Hyper-V role installed?");
            ObjectPath f = found.get(0).path();
            service = p = f.namespace() == null ? new ObjectPath(f.server(), NAMESPACE, f.className(), f.keys()) : f;
        }
        return p;
    }
}
