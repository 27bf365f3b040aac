package io.hyperv4j.scvmm.storage;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.NotSupportedException;
import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.scvmm.storage.internal.StorageManagementBinding;
import io.hyperv4j.spi.HostCapability;

/**
 * Gives a host its {@link SanStorage} ({@code host.capability(SanStorage.class)}) over the Storage
 * Management API when the host serves root\Microsoft\Windows\Storage (the simulator, Windows
 * Server 2012 and later); on the local machine without it (Windows Server 2008 R2), over the
 * Virtual Disk Service. Found by {@link java.util.ServiceLoader}, never called by users.
 */
public final class SanStorageCapability implements HostCapability<SanStorage> {

    @Override
    public Class<SanStorage> type() {
        return SanStorage.class;
    }

    @Override
    public SanStorage open(HyperVHost host) {
        try {
            host.session().query(StorageManagementBinding.NS, "SELECT ObjectId FROM MSFT_StorageSubSystem"); // Windows lists its own subsystem too
        } catch (CimException e) {
            if (e.error() != CimError.INVALID_NAMESPACE && e.error() != CimError.INVALID_CLASS) throw e;
            String target = host.uri().getHost() == null ? host.uri().getSchemeSpecificPart() : host.uri().getHost();
            boolean local = ".".equals(target) || "localhost".equalsIgnoreCase(target) || "//.".equals(target);
            if (local && System.getProperty("os.name", "").startsWith("Windows"))
                return SanStorage.virtualDiskService(host.options().operationTimeout()); // Windows Server 2008 R2: VDS
            throw new NotSupportedException("host " + host.name() + " has no Storage Management API (root\\Microsoft\\Windows\\Storage): "
                    + e.getMessage() + "; on Windows Server 2008 R2 use the Virtual Disk Service binding");
        }
        return new SanStorage(host.name(), new StorageManagementBinding(host.session()), host.options().operationTimeout());
    }
}
