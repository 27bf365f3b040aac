package io.hyperv4j.scvmm.sim;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.cluster.sim.ClusterLab;
import io.hyperv4j.cluster.sim.ClusterProfile;
import io.hyperv4j.cluster.sim.SimCluster;
import io.hyperv4j.scvmm.HostOs;
import io.hyperv4j.scvmm.MigrationMethod;
import io.hyperv4j.scvmm.VmmHost;
import io.hyperv4j.scvmm.VmmVm;
import io.hyperv4j.scvmm.spi.VmmBackend;
import io.hyperv4j.scvmm.transfer.TransferPlan;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.SimJob;
import io.hyperv4j.sim.SimNetworkAdapter;
import io.hyperv4j.sim.SimVm;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The simulated management server as the typed API sees it: reads of the lab's model, transfers on its engine. */
final class SimVmmBackend implements VmmBackend {
    /** What one running virtual processor adds to a host's processor use, in logical processors. */
    static final double VCPU_LOAD = 0.5;
    static final double DEFAULT_NETWORK = 1e9;
    private static final Duration LOCK = Duration.ofMinutes(1);
    private final Lab lab;
    private final VmmProvider provider;
    /** One session per managed host, kept while the server is (a move's job is followed on its source's). */
    private final Map<String, HyperVHost> sessions = new java.util.concurrent.ConcurrentHashMap<>();

    SimVmmBackend(Lab lab, VmmProvider provider) {
        this.lab = lab;
        this.provider = provider;
    }

    @Override
    public Instant now() {
        return lab.clock().now();
    }

    @Override
    public List<VmmHost> hosts() {
        VmmModel m = provider.model();
        ClusterLab clusters = ClusterLab.of(lab);
        return lab.read(LOCK, () -> {
            List<VmmHost> out = new ArrayList<>();
            for (SimHost h : lab.hosts()) {
                SimCluster c = clusters.engine().clusterOf(h.name());
                double cpu = 0;
                long files = 0;
                for (SimVm vm : h.vms()) {
                    if (vm.state().isActive()) cpu += vm.processors() * VCPU_LOAD;
                    files += m.filesOf(vm.id()).nominalBytes() + m.filesOf(vm.id()).configBytes();
                }
                double bps = h.networkAdapters().stream().mapToDouble(SimNetworkAdapter::bitsPerSecond).max().orElse(DEFAULT_NETWORK);
                out.add(new VmmHost(h.name(), m.hostGroupOf(h.name()), Optional.ofNullable(c).map(SimCluster::name), osOf(m, c, h.name()),
                        h.poweredOn(), h.logicalProcessors(), h.memoryMb(),
                        Math.max(0, h.memoryMb() - VmmModel.PARENT_RESERVE_MB - h.memoryInUseMb()), Math.min(1, cpu / h.logicalProcessors()),
                        Math.max(0, m.capacityOf(h.name()) - files), bps, 0));
            }
            return out;
        });
    }

    /** A cluster node runs its cluster's operating system (seed 003's 2008 RTM cluster: quick migration only); another host the one set for it. */
    private static HostOs osOf(VmmModel m, SimCluster c, String host) {
        if (c == null) return HostOs.valueOf(m.osOf(host));
        ClusterProfile p = c.profile();
        // a profile of a later version than the three the server tells apart has all they have
        return ClusterProfile.known(p.name()).isPresent() ? HostOs.parse(p.name()) : p.liveMigration() ? HostOs.WS2012 : HostOs.WS2008;
    }

    @Override
    public List<VmmVm> vms() {
        VmmModel m = provider.model();
        VmmEngine e = provider.engine();
        ClusterLab clusters = ClusterLab.of(lab);
        return lab.read(LOCK, () -> {
            List<VmmVm> out = new ArrayList<>();
            for (SimHost h : lab.hosts())
                for (SimVm vm : h.vms()) {
                    SimCluster c = clusters.engine().clusterOf(h.name());
                    io.hyperv4j.cluster.sim.SimGroup role = c == null ? null : c.groupOfVm(vm.id());
                    List<String> mates = role == null ? List.of() : role.vmIds().stream().filter(id -> !id.equalsIgnoreCase(vm.id()))
                            .map(id -> Optional.ofNullable(lab.vm(id)).map(SimVm::name).orElse(id)).toList();
                    String[] lu = e.luOf(vm);
                    VmmModel.VmFiles f = m.filesOf(vm.id());
                    out.add(new VmmVm(vm.id(), vm.name(), h.name(), vm.state() == PowerState.RUNNING, vm.processors(), vm.memoryMb(),
                            f.nominalBytes(), f.configBytes(), Optional.ofNullable(lu).map(l -> l[0] + "/" + l[1]), e.luNeighbours(vm), mates));
                }
            return out;
        });
    }

    @Override
    public HyperVHost connect(String host) {
        return sessions.computeIfAbsent(host.toLowerCase(java.util.Locale.ROOT), h -> lab.connect(host));
    }

    @Override
    public boolean luMappingBinding() {
        return lab.read(LOCK, () -> provider.model().luMapping());
    }

    @Override
    public boolean hardwareProviderSupports(String array) {
        SanModel san = provider.engine().san();
        return lab.read(LOCK, () -> provider.model().hardwareProvider() && san.arrays().containsKey(array) && san.array(array).vdsHardwareProvider());
    }

    @Override
    public boolean zoned(String host, String array) {
        SanModel san = provider.engine().san();
        return lab.read(LOCK, () -> {
            HostSan h = san.host(host);
            return h != null && san.arrays().containsKey(array) && SanModel.connected(h, san.array(array));
        });
    }

    @Override
    public boolean migrationService(String host) {
        // Hyper-V's own answer: the host's Msvm_VirtualSystemMigrationServiceSettingData (Enable-VMMigration)
        return connect(host).session().query("root\\virtualization\\v2", "SELECT * FROM Msvm_VirtualSystemMigrationServiceSettingData").stream()
                .anyMatch(s -> s.booleanOr("EnableVirtualSystemMigration", false));
    }

    @Override
    public ObjectPath startTransfer(VmmVm vm, String destination, MigrationMethod method, TransferPlan plan) {
        if (method != MigrationMethod.SAN && method != MigrationMethod.NETWORK)
            throw new IllegalArgumentException(method + " is not a transfer the management server runs");
        SimJob job = lab.write(LOCK, txn -> {
            SimVm v = lab.vm(vm.id());
            SimHost to = lab.host(destination);
            if (v == null || to == null || !v.host().name().equalsIgnoreCase(vm.host()))
                throw new IllegalStateException("VM " + vm.name() + " is no longer on " + vm.host() + ", or " + destination + " is gone");
            return provider.engine().start(txn, v, to, method == MigrationMethod.SAN, plan);
        });
        return ObjectPath.of("root\\virtualization\\v2", "Msvm_ConcreteJob", Map.of("InstanceID", job.id()));
    }

    @Override
    public java.util.Optional<java.time.Duration> transferOutage(ObjectPath job) {
        Object id = job.key("InstanceID");
        return id == null ? java.util.Optional.empty() : provider.engine().outage(id.toString());
    }

    @Override
    public long bytesAlreadyCopied(VmmVm vm, String destination) {
        VmmModel m = provider.model();
        return lab.read(LOCK, () -> {
            SimVm v = lab.vm(vm.id());
            if (v == null) return 0L;
            if (m.filesOf(v.id()).dir() == null) return 0L;
            List<Path> files = m.filesOf(v.id()).paths();
            Path to = m.vmDir(destination, v.id());
            long real = ResumableCopy.total(files);
            return real == 0 ? 0L : (long) (m.filesOf(v.id()).nominalBytes() * ((double) ResumableCopy.arrived(files, to) / real));
        });
    }
}
