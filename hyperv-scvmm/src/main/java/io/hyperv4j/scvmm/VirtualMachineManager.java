package io.hyperv4j.scvmm;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.NotFoundException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.cluster.FailoverCluster;
import io.hyperv4j.cluster.MigrationType;
import io.hyperv4j.job.JobOperation;
import io.hyperv4j.job.Operation;
import io.hyperv4j.scvmm.internal.Advisor;
import io.hyperv4j.scvmm.internal.MappedOperation;
import io.hyperv4j.scvmm.internal.Placement;
import io.hyperv4j.scvmm.spi.VmmBackend;
import io.hyperv4j.scvmm.transfer.NetworkTransferModel;
import io.hyperv4j.scvmm.transfer.SanTransferModel;
import io.hyperv4j.scvmm.transfer.TransferPlan;
import io.hyperv4j.vm.MigrationSpec;
import io.hyperv4j.vm.VirtualMachine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A management server across many hosts, as SCVMM is one: its host groups, hosts and VMs; host
 * ratings for placing a VM; for a VM and a destination, every migration method with why it can or
 * cannot be used and what it costs; and the move itself, by the method asked for or the best one.
 * {@code host.capability(VirtualMachineManager.class)} gives the server that manages the host.
 *
 * <pre>{@code
 * VirtualMachineManager vmm = host1.capability(VirtualMachineManager.class);
 * MoveAdvice advice = vmm.advise("SQL Server", "host2");       // SAN possible, live: not clustered ...
 * MoveResult r = vmm.move("SQL Server", "host2").await();       // the recommended method
 * }</pre>
 * Thread-safety: as safe as its backend; every call reads the server afresh.
 */
public final class VirtualMachineManager {
    private static final Logger LOG = LoggerFactory.getLogger(VirtualMachineManager.class);
    private final VmmBackend backend;
    private final Duration operationTimeout;
    private final Advisor advisor;

    /**
     * A server over {@code backend} with the calibrated SAN and network transfer models.
     *
     * @param backend          what the server knows and does
     * @param operationTimeout the default wait of its moves
     */
    public VirtualMachineManager(VmmBackend backend, Duration operationTimeout) {
        this(backend, operationTimeout, SanTransferModel.calibrated(), NetworkTransferModel.calibrated());
    }

    /**
     * A server over {@code backend} with these transfer models.
     *
     * @param backend          what the server knows and does
     * @param operationTimeout the default wait of its moves
     * @param san              the SAN transfer model
     * @param network          the network transfer model
     */
    public VirtualMachineManager(VmmBackend backend, Duration operationTimeout, SanTransferModel san, NetworkTransferModel network) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.operationTimeout = Objects.requireNonNull(operationTimeout, "operationTimeout");
        this.advisor = new Advisor(san, network);
    }

    /**
     * Host groups and their hosts (Get-SCVMHostGroup), in name order.
     *
     * @return each group's hosts
     */
    public Map<String, List<String>> hostGroups() {
        Map<String, List<String>> out = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (VmmHost h : hosts()) out.computeIfAbsent(h.hostGroup(), g -> new ArrayList<>()).add(h.name());
        return out;
    }

    /**
     * Get-SCVMHost.
     *
     * @return the hosts, read now
     */
    public List<VmmHost> hosts() {
        return backend.hosts();
    }

    /**
     * One managed host, by name (any case).
     *
     * @param name the host's name
     * @return the host
     * @throws io.hyperv4j.NotFoundException naming the hosts it manages when none is called so
     */
    public VmmHost host(String name) {
        for (VmmHost h : hosts()) if (h.name().equalsIgnoreCase(name)) return h;
        throw new NotFoundException("the management server has no host '" + name + "'; it manages "
                + String.join(", ", hosts().stream().map(VmmHost::name).toList()));
    }

    /**
     * Get-SCVirtualMachine.
     *
     * @return the VMs, read now
     */
    public List<VmmVm> vms() {
        return backend.vms();
    }

    /**
     * The VM by name or id.
     *
     * @param nameOrId the VM's name or id
     * @return the VM
     */
    public VmmVm vm(String nameOrId) {
        List<VmmVm> all = vms();
        for (VmmVm v : all) if (v.id().equalsIgnoreCase(nameOrId)) return v;
        List<VmmVm> named = all.stream().filter(v -> v.name().equalsIgnoreCase(nameOrId)).toList();
        if (named.size() > 1) throw new io.hyperv4j.AmbiguousNameException("'" + nameOrId + "' names " + named.size() + " VMs; use an id",
                named.stream().map(VmmVm::id).toList());
        if (named.isEmpty()) throw new NotFoundException("the management server has no VM '" + nameOrId + "'");
        return named.get(0);
    }

    /**
     * Every host rated for the VM, best first; a zero rating lists its reasons (Get-SCVMHostRating).
     *
     * @param vm the VM's name or id
     * @return the ratings, best first
     */
    public List<HostRating> rate(String vm) {
        return Placement.rateAll(vm(vm), hosts());
    }

    /**
     * Every method for moving the VM to the host: possible or why not, with its expected time and downtime.
     *
     * @param vm          the VM's name or id
     * @param destination the destination host
     * @return the advice
     */
    public MoveAdvice advise(String vm, String destination) {
        VmmVm v = vm(vm);
        return advisor.advise(backend, v, host(v.host()), host(destination));
    }

    /**
     * Moves the VM (Move-SCVirtualMachine) by the possible method with the least downtime.
     *
     * @throws MoveRefusedException when no method can move it (the reason of the last, the others in the message)
     * @param vm          the VM's name or id
     * @param destination the destination host
     * @return the move, yielding how it went
     */
    public Operation<MoveResult> move(String vm, String destination) {
        return start(vm, destination, null);
    }

    /**
     * Moves the VM (Move-SCVirtualMachine) by {@code method}; a method that cannot move it is
     * refused before anything changes.
     *
     * @throws MoveRefusedException with the reason
     * @param vm          the VM's name or id
     * @param destination the destination host
     * @param method      the method
     * @return the move, yielding how it went
     */
    public Operation<MoveResult> move(String vm, String destination, MigrationMethod method) {
        return start(vm, destination, Objects.requireNonNull(method, "method (use move(vm, destination) for the best one)"));
    }

    /** Moves by {@code method}, or by the recommended one when it is null. */
    private Operation<MoveResult> start(String vm, String destination, MigrationMethod method) {
        VmmVm v = vm(vm);
        MoveAdvice advice = advisor.advise(backend, v, host(v.host()), host(destination));
        MethodAdvice chosen;
        String reason;
        if (method == null) {
            chosen = advice.recommended().orElseThrow(() -> refused(advice, advice.methods().get(advice.methods().size() - 1)));
            reason = "least downtime of the possible methods (" + chosen.expectedDowntime().toMillis() / 1000.0 + " s): " + chosen.detail();
        } else {
            chosen = advice.method(method);
            if (!chosen.possible()) throw refused(advice, chosen);
            reason = "asked for: " + chosen.detail();
        }
        LOG.info("moving {} from {} to {} by {}: {}", v.name(), v.host(), destination, chosen.method(), reason);
        Duration timeout = operationTimeout.plus(chosen.expectedTotal().multipliedBy(2));
        String what = chosen.method().transferType() + " move of VM '" + v.name() + "' from " + v.host() + " to " + destination;
        return switch (chosen.method()) {
            case SAN, NETWORK -> transfer(v, destination, chosen, reason, what, timeout);
            case CLUSTER_LIVE, QUICK -> clusterMove(v, destination, chosen, reason, what, timeout);
            case SHARED_NOTHING_LIVE -> sharedNothing(v, destination, chosen, reason, what, timeout);
        };
    }

    private static MoveRefusedException refused(MoveAdvice advice, MethodAdvice m) {
        StringBuilder why = new StringBuilder("cannot move VM '" + advice.vm() + "' from " + advice.from() + " to " + advice.to());
        why.append(" by ").append(m.method().transferType()).append(": ").append(m.detail());
        Map<MigrationMethod, String> others = new LinkedHashMap<>();
        for (MethodAdvice o : advice.methods()) if (o != m) others.put(o.method(), o.possible() ? "possible" : o.detail());
        why.append(" (other methods: ").append(others).append(")");
        return new MoveRefusedException(m.refusal().orElse(MethodRefusal.SAME_HOST), why.toString());
    }

    private Operation<MoveResult> transfer(VmmVm v, String destination, MethodAdvice chosen, String reason, String what, Duration timeout) {
        TransferPlan plan = advisor.plan(backend, v, host(destination), chosen.method());
        ObjectPath job = backend.startTransfer(v, destination, chosen.method(), plan);
        HyperVHost source = backend.connect(v.host());
        AtomicReference<JobOperation<MoveResult>> self = new AtomicReference<>();
        JobOperation<MoveResult> op = JobOperation.track(source.session(), job, what, timeout,
                () -> result(v, destination, chosen.method(), reason, self.get() == null ? null : self.get().lastSeenJob(), plan, job),
                () -> result(v, destination, chosen.method(), reason, null, plan, job), null);
        self.set(op);
        return op;
    }

    private MoveResult result(VmmVm v, String destination, MigrationMethod m, String reason, CimInstance job, TransferPlan plan, ObjectPath path) {
        Instant start = job == null ? backend.now().minus(plan.total()) : job.instant("StartTime").orElse(backend.now().minus(plan.total()));
        // the job's own length: a transfer whose copies shared their links ran longer than planned
        Duration took = job == null ? plan.total() : job.find("ElapsedTime").filter(x -> !x.isNull()).map(x -> x.asDateTime().toDuration()).orElse(plan.total());
        // the outage as it ran, when the backend measured it (a shared copy in a down phase lengthens it)
        return new MoveResult(v.name(), v.host(), destination, m, reason, start, start.plus(took), backend.transferOutage(path).orElse(plan.outage()));
    }

    /** Hyper-V's own shared-nothing live migration: the VM and its storage through the source's migration service. */
    private Operation<MoveResult> sharedNothing(VmmVm v, String destination, MethodAdvice chosen, String reason, String what, Duration timeout) {
        VirtualMachine vm = backend.connect(v.host()).vms().findById(v.id())
                .orElseThrow(() -> new NotFoundException("VM " + v.name() + " (" + v.id() + ") is no longer on " + v.host()));
        Instant start = backend.now();
        return new MappedOperation<>(vm.migrate(MigrationSpec.sharedNothing(destination)), what, timeout,
                done -> new MoveResult(v.name(), v.host(), destination, chosen.method(), reason, start, backend.now(), chosen.expectedDowntime()));
    }

    private Operation<MoveResult> clusterMove(VmmVm v, String destination, MethodAdvice chosen, String reason, String what, Duration timeout) {
        FailoverCluster cluster = backend.connect(v.host()).capability(FailoverCluster.class);
        Instant start = backend.now();
        var op = cluster.groupOfVm(v.id()).move(destination, chosen.method() == MigrationMethod.QUICK ? MigrationType.QUICK : MigrationType.LIVE);
        return new MappedOperation<>(op, what, timeout,
                g -> new MoveResult(v.name(), v.host(), destination, chosen.method(), reason, start, backend.now(), chosen.expectedDowntime()));
    }
}
