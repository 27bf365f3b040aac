package io.hyperv4j.scvmm.spi;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.scvmm.MigrationMethod;
import io.hyperv4j.scvmm.VmmHost;
import io.hyperv4j.scvmm.VmmVm;
import io.hyperv4j.scvmm.transfer.TransferPlan;
import java.util.List;

/**
 * What a management server knows and does, behind {@link io.hyperv4j.scvmm.VirtualMachineManager}:
 * its hosts and VMs, its SAN facts, and the transfers it runs. A binding implements it (the
 * simulator's server, found as a host capability); users never call it.
 */
public interface VmmBackend {
    /**
     * The server's clock (the lab's, for a simulated one).
     *
     * @return the time now
     */
    java.time.Instant now();

    /**
     * The managed hosts.
     *
     * @return the hosts
     */
    List<VmmHost> hosts();

    /**
     * The managed VMs.
     *
     * @return the VMs
     */
    List<VmmVm> vms();

    /**
     * A session on one managed host, for the moves its own services perform (cluster migrations).
     *
     * @param host the host's name
     * @return the connected host; the caller closes it
     */
    HyperVHost connect(String host);

    /**
     * Whether the server can re-map LUs at all (a VDS hardware provider installed, or the Storage Management API).
     *
     * @return whether it can
     */
    boolean luMappingBinding();

    /**
     * Whether the server's hardware provider supports the array.
     *
     * @param array the array's name
     * @return whether it is supported
     */
    boolean hardwareProviderSupports(String array);

    /**
     * Whether the host's initiators are cabled and zoned to one of the array's ports.
     *
     * @param host  the host's name
     * @param array the array's name
     * @return whether they are zoned
     */
    boolean zoned(String host, String array);

    /**
     * Whether the host's Msvm_VirtualSystemMigrationService takes and sends migrations
     * (EnableVirtualSystemMigration).
     *
     * @param host the host's name
     * @return whether it serves it
     */
    boolean migrationService(String host);

    /**
     * Starts a SAN or network transfer that the caller has checked, following {@code plan}; returns
     * the job (a CIM_ConcreteJob on the source host) that reports its progress and end.
     *
     * @param vm          the VM
     * @param destination the destination host
     * @param method      SAN or network transfer
     * @param plan        the phases to follow
     * @return the job's path
     */
    ObjectPath startTransfer(VmmVm vm, String destination, MigrationMethod method, TransferPlan plan);

    /**
     * What is already on the destination of an earlier, interrupted network transfer of the VM (bytes of its files).
     *
     * @param vm          the VM
     * @param destination the destination host
     * @return the bytes already there, 0 when none
     */
    long bytesAlreadyCopied(VmmVm vm, String destination);

    /**
     * How long the VM of an ended transfer job did not answer, as it ran (a copy that shared its
     * links with other moves lengthens it); empty when the backend cannot tell, and then the plan's
     * outage is reported.
     *
     * @param job the job {@link #startTransfer} returned
     * @return the measured outage, or empty
     */
    default java.util.Optional<java.time.Duration> transferOutage(ObjectPath job) {
        return java.util.Optional.empty();
    }
}
