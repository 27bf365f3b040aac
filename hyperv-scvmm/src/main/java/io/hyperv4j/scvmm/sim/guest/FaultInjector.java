package io.hyperv4j.scvmm.sim.guest;

import io.hyperv4j.InvalidParameterException;
import io.hyperv4j.cluster.sim.ClusterLab;
import io.hyperv4j.cluster.sim.SimCluster;
import io.hyperv4j.cluster.sim.SimNode;

/**
 * Injects seed 001's faults into a lab: a host that stops (every hardware row but the LAN board, the
 * host OS, the hypervisor) goes down, and its cluster fails its roles over after the heartbeat
 * threshold; a failed LAN board cuts the host off while it keeps running (its cluster sees the
 * client network partitioned, and keeps the node for its heartbeats on the cluster network); guest faults go to the
 * guest. Everything is checked before anything changes.
 */
public final class FaultInjector {
    private final ClusterLab cluster;
    private final GuestWorld guests;

    /**
     * An injector for a lab's clusters and guests.
     *
     * @param cluster the lab's clusters
     * @param guests  the lab's guests
     */
    public FaultInjector(ClusterLab cluster, GuestWorld guests) {
        this.cluster = cluster;
        this.guests = guests;
    }

    /**
     * Injects a fault into a host.
     *
     * @param location the fault (a host fault)
     * @param host     the host
     * @throws InvalidParameterException when the fault is a guest's, or the host is unknown or already down
     */
    public void injectHost(FaultLocation location, String host) {
        if (location.scope() != FaultLocation.Scope.HOST)
            throw new InvalidParameterException("fault " + location.cliName() + " is injected into a VM (--vm), not a host");
        if (cluster.lab().host(host) == null) throw new InvalidParameterException("the lab has no host '" + host + "'");
        SimCluster c = cluster.read(e -> e.clusterOf(host));
        SimNode n = c == null ? null : c.node(host);
        if (n != null && !n.isUpOrPaused()) throw new InvalidParameterException("host " + host + " is already down");
        switch (location) {
            case LAN_BOARD -> {
                guests.isolate(host);
                if (n != null) cluster.losePublicAdapter(host);
            }
            case POWER_OFF, POWER_SUPPLY -> powerOff(host, n);
            default -> stop(host, n);
        }
    }

    /**
     * Injects a fault into a VM's guest; {@link FaultLocation#GUEST_OS} is a crash.
     *
     * @param location the fault (a guest fault)
     * @param vm       the VM
     * @throws InvalidParameterException when the fault is a host's, or the VM has no guest service
     */
    public void injectVm(FaultLocation location, String vm) {
        injectVm(location, vm, false);
    }

    /**
     * Injects a fault into a VM's guest.
     *
     * @param location the fault (a guest fault)
     * @param vm       the VM
     * @param hang     for {@link FaultLocation#GUEST_OS}: a hang that still answers heartbeats rather than a crash
     * @throws InvalidParameterException when the fault is a host's, or the VM has no guest service
     */
    public void injectVm(FaultLocation location, String vm, boolean hang) {
        if (location.scope() != FaultLocation.Scope.VM)
            throw new InvalidParameterException("fault " + location.cliName() + " is injected into a host (--host), not a VM");
        guests.serviceState(vm); // refuses an unknown VM before anything changes
        guests.inject(vm, switch (location) {
            case RESOURCE_SHORTAGE -> GuestFault.RESOURCE_SHORTAGE;
            case GUEST_OS -> hang ? GuestFault.GUEST_OS_HANG : GuestFault.GUEST_OS_CRASH;
            default -> GuestFault.APPLICATION;
        });
    }

    /**
     * The paper's own fault: an operator stops the service gracefully (Running, Stopping, Stopped, with
     * the stop control and the stop in the guest's event log), instead of the service dying at once.
     *
     * @param vm the VM whose service stops
     * @throws InvalidParameterException when the VM has no guest service or cannot be reached
     */
    public void stopService(String vm) {
        guests.stop(vm, guests.service(vm));
    }

    private void powerOff(String host, SimNode node) {
        if (node != null) cluster.powerOff(host);
        else stopStandalone(host);
    }

    private void stop(String host, SimNode node) {
        if (node != null) cluster.loseHeartbeat(host);
        else stopStandalone(host);
    }

    /** A host outside any cluster: its VMs stop and nothing restarts them. */
    private void stopStandalone(String host) {
        var lab = cluster.lab();
        lab.write(java.time.Duration.ofMinutes(1), txn -> {
            for (var vm : lab.host(host).vms()) {
                txn.touch(vm);
                vm.state(io.hyperv4j.sim.PowerState.OFF, txn.now());
            }
            return null;
        });
    }
}
