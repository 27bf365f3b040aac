package io.hyperv4j.scvmm.sim.guest;

import io.hyperv4j.HyperVException;
import io.hyperv4j.cluster.MigrationType;
import io.hyperv4j.job.CompletedOperation;
import io.hyperv4j.job.Operation;
import io.hyperv4j.scvmm.monitor.spi.ManagementServer;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimVm;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The management server of a lab without a host cluster (seed 001's guest cluster: its VMs are no
 * cluster roles): a VM's "owner" is its host, it can be restarted and its service started; a failover
 * or a host migration is refused, saying why (a guest cluster fails over inside its guests).
 */
final class LabManagementServer implements ManagementServer {
    private final GuestWorld guests;

    LabManagementServer(GuestWorld guests) {
        this.guests = guests;
    }

    @Override
    public boolean hasVm(String vm) {
        try {
            guests.simVm(vm);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public Optional<String> owner(String vm) {
        return Optional.of(guests.simVm(vm).host().name());
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
        throw new HyperVException("'" + vm + "' is no role of a host cluster, so it has no other node to fail over to");
    }

    @Override
    public Operation<?> migrate(String vm, MigrationType type) {
        for (GuestCluster c : guests.guestClusters) c.refuseHostMigration(vm);
        throw new HyperVException("'" + vm + "' is no role of a host cluster; this management server moves cluster roles only");
    }

    @Override
    public Operation<?> restart(String vm) {
        SimVm v = guests.simVm(vm);
        if (!guests.reachable(v.host().name())) throw new HyperVException("host " + v.host().name() + " is not responding; cannot restart '" + vm + "'");
        guests.lab().write(Duration.ofMinutes(1), txn -> {
            txn.touch(v);
            if (v.state() == PowerState.RUNNING) v.state(PowerState.OFF, txn.now());
            v.state(PowerState.RUNNING, txn.now());
            v.restartUptime(txn.now());
            return null;
        });
        return new CompletedOperation<>("restart of '" + vm + "'", vm);
    }

    @Override
    public Operation<?> startService(String vm, String service) {
        return guests.started(vm, service);
    }

    @Override
    public Operation<?> stopService(String vm, String service) {
        return guests.stopped(vm, service);
    }

}
