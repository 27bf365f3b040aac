package io.hyperv4j.scvmm.monitor;

import io.hyperv4j.HyperVException;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.cluster.MigrationType;
import io.hyperv4j.job.Operation;
import io.hyperv4j.scvmm.monitor.spi.ManagementServer;
import io.hyperv4j.scvmm.monitor.spi.ServiceControl;
import io.hyperv4j.vm.VirtualMachine;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The management server of hosts without a host cluster (seed 001's guest cluster: its VMs are no
 * cluster roles), through the typed VM API: a VM's "owner" is the host it runs on; it can be restarted
 * (a reset) and its service started or stopped; a failover or a host migration is refused, saying why
 * (a guest cluster fails over inside its guests).
 */
public final class HostManagementServer implements ManagementServer {
    private final List<HyperVHost> hosts;
    private final ServiceControl services;
    private final Predicate<String> hostReachable;

    /**
     * A server acting on the VMs of {@code hosts}.
     *
     * @param hosts         the hosts
     * @param services      how services in a guest are started and stopped
     * @param hostReachable whether the server reaches a host now
     */
    public HostManagementServer(List<HyperVHost> hosts, ServiceControl services, Predicate<String> hostReachable) {
        this.hosts = List.copyOf(hosts);
        this.services = Objects.requireNonNull(services, "services");
        this.hostReachable = Objects.requireNonNull(hostReachable, "hostReachable");
    }

    private record Found(HyperVHost host, VirtualMachine vm) {
    }

    private Optional<Found> find(String vm) {
        if (vm == null) return Optional.empty();
        for (HyperVHost h : hosts) {
            List<VirtualMachine> vms = h.vms().findByName(vm);
            if (!vms.isEmpty()) return Optional.of(new Found(h, vms.get(0)));
        }
        return Optional.empty();
    }

    private Found vm(String vm) {
        return find(vm).orElseThrow(() -> new io.hyperv4j.NotFoundException("no host of the management server has a VM '" + vm + "'"));
    }

    @Override
    public boolean hasVm(String vm) {
        return find(vm).isPresent();
    }

    @Override
    public Optional<String> owner(String vm) {
        return Optional.of(vm(vm).host().name());
    }

    @Override
    public boolean moving(String vm) {
        return false;
    }

    @Override
    public List<Instant> ownerChangesSince(String vm, Instant since) {
        return List.of();
    }

    @Override
    public Operation<?> failover(String vm) {
        vm(vm);
        throw new HyperVException("'" + vm + "' is no role of a host cluster, so it has no other node to fail over to");
    }

    @Override
    public Operation<?> migrate(String vm, MigrationType type) {
        vm(vm);
        throw new HyperVException("'" + vm + "' is no role of a host cluster; this management server moves no VM between hosts");
    }

    @Override
    public Operation<?> restart(String vm) {
        Found f = vm(vm);
        if (!hostReachable.test(f.host().name())) throw new HyperVException("host " + f.host().name() + " is not responding; cannot restart '" + vm + "'");
        return f.vm().reset();
    }

    @Override
    public Operation<?> startService(String vm, String service) {
        return services.started(vm, service);
    }

    @Override
    public Operation<?> stopService(String vm, String service) {
        return services.stopped(vm, service);
    }
}
