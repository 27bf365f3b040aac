package io.hyperv4j.scvmm.storage.internal;

import io.hyperv4j.scvmm.storage.HostDisk;
import io.hyperv4j.scvmm.storage.InitiatorId;
import io.hyperv4j.scvmm.storage.Lun;
import io.hyperv4j.scvmm.storage.MappingBinding;
import io.hyperv4j.scvmm.storage.MaskingSet;
import io.hyperv4j.scvmm.storage.StorageArray;
import io.hyperv4j.scvmm.storage.StoragePool;
import io.hyperv4j.scvmm.storage.TargetPort;
import java.util.List;

/**
 * One Windows interface that maps LUs: the Storage Management API or the Virtual Disk Service.
 * {@link io.hyperv4j.scvmm.storage.SanStorage} holds one and adds the rules both share. A binding
 * that cannot do something throws {@link io.hyperv4j.NotSupportedException} saying why.
 */
public interface LuMappingBinding {
    MappingBinding kind();

    List<StorageArray> arrays();

    List<Lun> luns();

    List<MaskingSet> maskingSets();

    List<InitiatorId> initiatorIds();

    List<TargetPort> targetPorts();

    List<StoragePool> pools();

    /** A new LU of {@code sizeBytes} in the pool; an operation, since a fixed LU is formatted first. */
    io.hyperv4j.job.Operation<Lun> createLun(StoragePool pool, String friendlyName, long sizeBytes, java.time.Duration timeout);

    /** Shows the LU to these initiators (and keeps it shown to those that already see it). */
    void map(Lun lun, List<String> initiators);

    /** Hides the LU from these initiators. */
    void unmap(Lun lun, List<String> initiators);

    /** The connected host's own initiators (HBA port WWPNs, iSCSI initiator names). */
    List<String> localInitiators();

    /** The connected host's disks, as of its last rescan. */
    List<HostDisk> disks();

    /** Has the connected host look for new disks. */
    void rescan();
}
