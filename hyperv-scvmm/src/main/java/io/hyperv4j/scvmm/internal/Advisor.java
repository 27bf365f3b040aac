package io.hyperv4j.scvmm.internal;

import io.hyperv4j.cluster.migration.LiveMigrationInput;
import io.hyperv4j.cluster.migration.LiveMigrationModel;
import io.hyperv4j.cluster.migration.LiveMigrationPlan;
import io.hyperv4j.cluster.migration.MigrationLink;
import io.hyperv4j.cluster.migration.QuickMigrationModel;
import io.hyperv4j.cluster.migration.Workload;
import io.hyperv4j.scvmm.MethodAdvice;
import io.hyperv4j.scvmm.MethodRefusal;
import io.hyperv4j.scvmm.MigrationMethod;
import io.hyperv4j.scvmm.MoveAdvice;
import io.hyperv4j.scvmm.VmmHost;
import io.hyperv4j.scvmm.VmmVm;
import io.hyperv4j.scvmm.spi.VmmBackend;
import io.hyperv4j.scvmm.transfer.NetworkTransferModel;
import io.hyperv4j.scvmm.transfer.SanTransferModel;
import io.hyperv4j.scvmm.transfer.TransferPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * For a VM and a destination, which methods can move it and why each other cannot (seed 000
 * Tables 2-1 and 5-1, section 7.5; seed 003's 2008 RTM profile), with the time and downtime each
 * takes by its calibrated model. Reads only what the backend reports.
 */
public final class Advisor {
    private final SanTransferModel san;
    private final NetworkTransferModel network;
    private final LiveMigrationModel live = LiveMigrationModel.calibrated();
    private final QuickMigrationModel quick = QuickMigrationModel.calibrated();

    public Advisor(SanTransferModel san, NetworkTransferModel network) {
        this.san = san;
        this.network = network;
    }

    public SanTransferModel sanModel() {
        return san;
    }

    public NetworkTransferModel networkModel() {
        return network;
    }

    public MoveAdvice advise(VmmBackend b, VmmVm vm, VmmHost from, VmmHost to) {
        List<MethodAdvice> out = new ArrayList<>();
        for (MigrationMethod m : MigrationMethod.values()) out.add(advise(b, vm, from, to, m));
        return new MoveAdvice(vm.name(), from.name(), to.name(), out);
    }

    private MethodAdvice advise(VmmBackend b, VmmVm vm, VmmHost from, VmmHost to, MigrationMethod m) {
        Duration[] cost = cost(b, vm, from, to, m);
        Optional<Refusal> r = refusal(b, vm, from, to, m);
        return new MethodAdvice(m, r.map(Refusal::reason), r.map(Refusal::detail).orElse(possibleBecause(m, vm, from, to)), cost[0], cost[1]);
    }

    /** The plan a SAN or network transfer of the VM to the host follows. */
    public TransferPlan plan(VmmBackend b, VmmVm vm, VmmHost to, MigrationMethod m) {
        return switch (m) {
            case SAN -> san.plan(vm.memoryBytes());
            case NETWORK -> network.plan(Math.max(0, vm.fileBytes() - b.bytesAlreadyCopied(vm, to.name())), vm.configBytes(),
                    vm.memoryBytes(), to.networkBitsPerSecond());
            default -> throw new IllegalArgumentException(m + " is not a transfer the management server runs");
        };
    }

    private Duration[] cost(VmmBackend b, VmmVm vm, VmmHost from, VmmHost to, MigrationMethod m) {
        double bps = Math.min(from.networkBitsPerSecond(), to.networkBitsPerSecond());
        return switch (m) {
            case CLUSTER_LIVE, SHARED_NOTHING_LIVE -> {
                LiveMigrationPlan p = live.plan(LiveMigrationInput.of(vm.memoryBytes(), Workload.SQL_LONG_TRANSACTION, new MigrationLink(bps, MigrationLink.GIGABIT_LAN.roundTrip())));
                Duration storage = m == MigrationMethod.SHARED_NOTHING_LIVE
                        ? Duration.ofNanos(Math.round(vm.fileBytes() / network.copyRate(bps) * 1e9)) : Duration.ZERO;
                yield new Duration[] {p.total().plus(storage), p.blackout()};
            }
            case QUICK -> {
                QuickMigrationModel.Plan p = quick.plan(vm.memoryBytes());
                yield new Duration[] {p.total(), p.outage()};
            }
            case SAN, NETWORK -> {
                TransferPlan p = plan(b, vm, to, m);
                yield new Duration[] {p.total(), p.outage()};
            }
        };
    }

    private record Refusal(MethodRefusal reason, String detail) {}

    private static Optional<Refusal> no(MethodRefusal r, String detail) {
        return Optional.of(new Refusal(r, r.text() + ": " + detail));
    }

    private Optional<Refusal> refusal(VmmBackend b, VmmVm vm, VmmHost from, VmmHost to, MigrationMethod m) {
        if (from.name().equalsIgnoreCase(to.name())) return no(MethodRefusal.SAME_HOST, vm.name() + " is on " + to.name());
        switch (m) {
            case CLUSTER_LIVE, QUICK -> {
                if (from.cluster().isEmpty()) return no(MethodRefusal.NOT_CLUSTERED, from.name() + " is in no cluster");
                if (!from.cluster().equals(to.cluster()))
                    return no(MethodRefusal.NOT_IN_SAME_CLUSTER, to.name() + (to.cluster().map(c -> " is in cluster " + c).orElse(" is in no cluster"))
                            + ", " + vm.name() + " is in cluster " + from.cluster().get());
                if (m == MigrationMethod.CLUSTER_LIVE && (!from.os().liveMigration() || !to.os().liveMigration()))
                    return no(MethodRefusal.PROFILE_TOO_OLD, "live migration needs Windows Server 2008 R2 or later; " + oldest(from, to).name() + " runs " + oldest(from, to).os().caption());
                if (m == MigrationMethod.CLUSTER_LIVE && !vm.running()) return no(MethodRefusal.VM_NOT_RUNNING, vm.name() + " is not running");
                if (!vm.roleMates().isEmpty())
                    return no(MethodRefusal.SHARES_ROLE, vm.name() + "'s cluster disk also holds " + String.join(", ", vm.roleMates())
                            + ", in the same role; move that role with the cluster to move them all");
            }
            case SHARED_NOTHING_LIVE -> {
                if (!from.os().sharedNothing() || !to.os().sharedNothing())
                    return no(MethodRefusal.PROFILE_TOO_OLD, "live migration without a cluster needs Windows Server 2012 or later; "
                            + oldest(from, to).name() + " runs " + oldest(from, to).os().caption());
                if (!b.migrationService(from.name()) || !b.migrationService(to.name()))
                    return no(MethodRefusal.NO_MIGRATION_SERVICE, "neither " + from.name() + " nor " + to.name() + " can be asked to migrate");
                if (!vm.running()) return no(MethodRefusal.VM_NOT_RUNNING, vm.name() + " is not running");
            }
            case SAN -> {
                if (vm.lu().isEmpty()) return no(MethodRefusal.NOT_ON_SAN, vm.name() + "'s files are on " + from.name() + "'s local disks");
                String array = vm.lu().get().substring(0, vm.lu().get().indexOf('/'));
                if (!vm.luNeighbours().isEmpty())
                    return no(MethodRefusal.NOT_ALONE_ON_LU, vm.lu().get() + " also holds " + String.join(", ", vm.luNeighbours()));
                if (!b.luMappingBinding()) return no(MethodRefusal.NO_LU_MAPPING_BINDING, "install a VDS hardware provider or use hosts with the Storage Management API");
                if (!b.hardwareProviderSupports(array)) return no(MethodRefusal.NO_HARDWARE_PROVIDER, "array " + array + " is not supported by the installed provider");
                if (!b.zoned(to.name(), array)) return no(MethodRefusal.DESTINATION_NOT_ZONED, to.name() + " has no path to array " + array);
            }
            case NETWORK -> {
                if (vm.fileBytes() + vm.configBytes() > to.freeDiskBytes())
                    return no(MethodRefusal.NOT_ENOUGH_DISK, vm.name() + " needs " + (vm.fileBytes() + vm.configBytes()) + " bytes, " + to.name() + " has " + to.freeDiskBytes() + " free");
            }
        }
        if (vm.running() && vm.memoryMb() > to.availableMemoryMb())
            return no(MethodRefusal.NOT_ENOUGH_MEMORY, vm.name() + " needs " + vm.memoryMb() + " MB, " + to.name() + " has " + to.availableMemoryMb() + " MB free");
        return Optional.empty();
    }

    private static VmmHost oldest(VmmHost a, VmmHost b) {
        return a.os().compareTo(b.os()) <= 0 ? a : b;
    }

    private static String possibleBecause(MigrationMethod m, VmmVm vm, VmmHost from, VmmHost to) {
        return switch (m) {
            case CLUSTER_LIVE -> "both hosts are nodes of cluster " + from.cluster().orElse("") + "; no downtime beyond the switch-over";
            case SHARED_NOTHING_LIVE -> "both hosts run " + to.os().caption() + " or later; memory and storage move while the VM runs";
            case QUICK -> "both hosts are nodes of cluster " + from.cluster().orElse("") + "; the VM is saved and restored";
            case SAN -> vm.name() + " is alone on " + vm.lu().orElse("") + " and " + to.name() + " is zoned to its array; saved, LU re-mapped, restored";
            case NETWORK -> "needs neither a cluster nor a SAN; long: not for production maintenance windows, fine for dev/test";
        };
    }
}
