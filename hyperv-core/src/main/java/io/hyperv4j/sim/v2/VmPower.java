package io.hyperv4j.sim.v2;

import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.sim.Fabric;
import io.hyperv4j.sim.JobHandler;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimJob;
import io.hyperv4j.sim.SimRandom;
import io.hyperv4j.sim.ShownFlow;
import io.hyperv4j.sim.SimActivity;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.Txn;
import io.hyperv4j.sim.LabJson;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import io.hyperv4j.substrate.FlowNetwork;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Msvm_ComputerSystem.RequestStateChange and Msvm_ShutdownComponent.InitiateShutdown: which
 * requests each power state accepts, the transitional state shown meanwhile, how long it takes,
 * and the job that tracks it (wmi-facts A.1, A.2). A refused request returns its code and
 * changes nothing.
 */
final class VmPower implements JobHandler {
    static final String OPERATION = "v2.vm.power";

    // RequestStateChange return codes (requeststatechange-msvm-computersystem).
    static final int NOT_SUPPORTED = 32770;
    static final int INVALID_PARAMETER = 32773;
    static final int IN_USE = 32774;
    static final int INVALID_STATE = 32775;
    static final int OUT_OF_MEMORY = 32778;
    private static final Duration LOCK = Duration.ofSeconds(30);
    static final long PARENT_RESERVE_MB = io.hyperv4j.sim.HostCapacity.PARENT_RESERVE_MB;

    private final VmTimings timings;

    VmPower(VmTimings timings) {
        this.timings = timings;
    }

    /** A transition: shown state while it runs, final state, how long, and the job's type and caption. */
    private record Plan(PowerState transitional, PowerState target, Duration duration, int jobType, String caption,
                        boolean cancellable, boolean resetsUptime, VmTimings.StorageStep storage) {
        Plan(PowerState transitional, PowerState target, Duration duration, int jobType, String caption,
             boolean cancellable, boolean resetsUptime) {
            this(transitional, target, duration, jobType, caption, cancellable, resetsUptime, null);
        }

        Plan(PowerState transitional, PowerState target, VmTimings.StorageStep storage, int jobType, String caption) {
            this(transitional, target, storage.total(), jobType, caption, true, false, storage);
        }
    }

    /** A save's or restore's memory on its way: its flow on the storage link and the activity showing it. */
    private record Copy(Fabric.Flow flow, ShownFlow shown) {
    }

    /** The job data a save or restore keeps for a copy taken up from a saved lab, and the provider section's field. */
    private static final String COPY_RATE = "copyBytesPerSecond", COPY_AFTER = "copyAfter", COPIES = "stateCopies";
    /** The saves and restores under way, by job id. */
    private final Map<String, Copy> copies = new java.util.concurrent.ConcurrentHashMap<>();

    MethodResult requestStateChange(Txn txn, SimVm vm, int requested) {
        if (vm.isBusy()) return refuse(IN_USE);
        Object plan = plan(vm, requested, txn.lab().random());
        if (plan instanceof Integer code) return refuse(code);
        return begin(txn, vm, requested, (Plan) plan);
    }

    MethodResult initiateShutdown(Txn txn, SimVm vm, boolean force) {
        if (vm.isBusy()) return refuse(IN_USE);
        if (vm.state() != PowerState.RUNNING) return refuse(INVALID_STATE);
        Plan p = new Plan(PowerState.STOPPING, PowerState.OFF, timings.guestShutdown(txn.lab().random(), force), 16,
                "Shutting down virtual machine", false, false);
        begin(txn, vm, 3, p);
        // InitiateShutdown has no Job parameter: it returns 0 once the guest was asked, and the
        // shutdown goes on as a job the caller can find through Msvm_AffectedJobElement.
        return new MethodResult(0, Map.of());
    }

    /** Whether the host's memory holds every active VM, this one (starting) included. */
    private static boolean memoryFits(SimVm vm) {
        return io.hyperv4j.sim.HostCapacity.freeMemoryMb(vm.host(), 0) >= 0;
    }

    /** A guest reboot: the VM itself stays running (its worker process and uptime go on). */
    MethodResult initiateReboot(SimVm vm) {
        if (vm.isBusy()) return refuse(IN_USE);
        return vm.state() == PowerState.RUNNING ? new MethodResult(0, Map.of()) : refuse(INVALID_STATE);
    }

    /** The plan for a request from the VM's current state, or the code that refuses it. */
    private Object plan(SimVm vm, int requested, SimRandom r) {
        PowerState s = vm.state();
        switch (requested) {
            case 2: // Enabled: start, restore from saved, or resume from paused
                return switch (s) {
                    case OFF -> new Plan(PowerState.STARTING, PowerState.RUNNING, timings.start(r), 12,
                            "Starting virtual machine", true, false);
                    case SAVED -> new Plan(PowerState.STARTING, PowerState.RUNNING, timings.restore(r, vm.memoryMb()), 15,
                            "Restoring virtual machine");
                    case PAUSED -> resume();
                    default -> INVALID_STATE;
                };
            case 3: // Disabled: turn off (from saved: discard the saved state)
                return switch (s) {
                    case RUNNING, PAUSED, SAVED -> new Plan(PowerState.STOPPING, PowerState.OFF, timings.turnOff(), 13,
                            "Turning off virtual machine", false, false);
                    default -> INVALID_STATE;
                };
            case 6, 32773: // Offline / Saving: save
                return switch (s) {
                    case RUNNING, PAUSED -> new Plan(PowerState.SAVING, PowerState.SAVED, timings.save(r, vm.memoryMb()), 14,
                            "Saving virtual machine");
                    default -> INVALID_STATE;
                };
            case 9, 32776: // Quiesce / Pausing: pause
                return s == PowerState.RUNNING
                        ? new Plan(PowerState.PAUSING, PowerState.PAUSED, timings.pause(), 26, "Pausing virtual machine", false, false)
                        : INVALID_STATE;
            case 32777: // Resuming
                return s == PowerState.PAUSED ? resume() : INVALID_STATE;
            case 10, 11: // Reboot, Reset: a hard reset of a running VM
                return s == PowerState.RUNNING
                        ? new Plan(PowerState.STARTING, PowerState.RUNNING, timings.reset(), requested == 10 ? 29 : 28,
                        "Resetting virtual machine", false, true)
                        : INVALID_STATE;
            case 4: // Shut Down: "valid in V1 only"; v2 shuts down through Msvm_ShutdownComponent
                return INVALID_STATE;
            case 1, 7, 8, 32779, 32780: // Other, Test, Defer, FastSaved, FastSaving: not offered by this host
                return NOT_SUPPORTED;
            default:
                if (requested >= 32781 && requested <= 32792) return NOT_SUPPORTED; // critical variants
                return INVALID_PARAMETER;
        }
    }

    private Plan resume() {
        return new Plan(PowerState.RESUMING, PowerState.RUNNING, timings.resume(), 27, "Resuming virtual machine", false, false);
    }

    private MethodResult begin(Txn txn, SimVm vm, int requested, Plan p) {
        txn.touch(vm);
        PowerState from = vm.state();
        vm.requestedState(requested);
        vm.state(p.transitional(), txn.now());
        Map<String, String> data = new java.util.HashMap<>(Map.of("from", from.name(), "to", p.target().name(),
                "resetUptime", Boolean.toString(p.resetsUptime())));
        if (p.storage() != null) { // what a copy taken up from a saved lab needs besides the bytes it had left
            data.put(COPY_RATE, Double.toString(p.storage().bytesPerSecond()));
            data.put(COPY_AFTER, p.storage().after().toString());
        }
        SimJob job = txn.lab().jobs().submit(txn, vm.host(), new SimJob.JobSpec(OPERATION, p.jobType(), p.caption(),
                p.caption() + " '" + vm.name() + "'", p.cancellable(), vm.id(), p.duration(), data));
        vm.busyJobId(job.id());
        if (p.storage() != null && p.storage().bytes() > 0) copy(txn.lab(), vm, job, p.storage().bytes());
        return new MethodResult(4096, Map.of("Job", CimValue.ref(V2.job(vm.host().name(), job.id()))));
    }

    /**
     * A save or restore's memory crosses the VM's storage link as a flow (shared with every other
     * save, restore, migration and I/O there) and is shown on the lab's activity log at the flow's
     * rate ({@link SimActivity#STATE_SAVE} / {@link SimActivity#STATE_RESTORE}); the job ends the state
     * overhead after its bytes are through, so it lasts longer while the storage is shared and shorter
     * once it is not. {@code bytes} is the VM's memory, or what a copy taken up from a saved lab had left.
     */
    private void copy(Lab lab, SimVm vm, SimJob job, long bytes) {
        double demand = Double.parseDouble(job.data(COPY_RATE));
        Duration after = Duration.parse(job.data(COPY_AFTER));
        boolean save = !PowerState.SAVED.name().equals(job.data("from"));
        String link = lab.fabric().vmStorageLink(vm), id = job.id();
        ShownFlow shown = new ShownFlow(lab, save ? SimActivity.STATE_SAVE : SimActivity.STATE_RESTORE, vm.id(), vm.host().name(), null, link);
        Fabric.Flow flow = lab.fabric().start(new FlowNetwork.FlowSpec((save ? "vm/save/" : "vm/restore/") + vm.name(), bytes, demand, 1 << 20,
                List.of(link)), at -> copies.remove(id), f -> {
                    shown.accept(f);
                    f.projectedEnd().ifPresent(end -> lab.write(LOCK, t -> {
                        SimJob j = lab.job(id);
                        if (j != null && !j.state().isTerminal() && j.started() != null && !end.isBefore(j.started()))
                            lab.jobs().reschedule(t, j, Duration.between(j.started(), end).plus(after));
                        return null;
                    }));
                });
        copies.put(id, new Copy(flow, shown));
    }

    private void endCopy(SimJob job, Instant at) {
        Copy c = copies.remove(job.id());
        if (c == null) return;
        c.flow().close();
        c.shown().end(at);
    }

    /** The bytes each save or restore under way has left, by job id, so a loaded lab takes them up where they were. */
    void save(ObjectNode into) {
        ObjectNode left = JsonNodeFactory.instance.objectNode();
        copies.forEach((id, c) -> {
            if (c.flow().isRunning()) left.put(id, Math.max(0, (long) Math.ceil(c.flow().spec().bytes() - c.flow().moved())));
        });
        if (!left.isEmpty()) into.set(COPIES, left);
    }

    /**
     * Takes up the saves and restores a lab was saved in the middle of, as flows with the bytes they
     * had left, once every provider has loaded (a clustered VM's storage link is the cluster's).
     */
    void load(Lab lab, LabJson from) {
        if (!from.has(COPIES)) return;
        LabJson section = from.object(COPIES);
        Map<String, Long> left = new java.util.LinkedHashMap<>();
        for (String id : section.fields().keySet()) {
            if (!LabJson.GUID.matcher(id).matches()) throw section.invalid(id, "expected a job id (GUID)");
            left.put(id, section.integer(id, 0, Long.MAX_VALUE));
        }
        lab.clock().scheduleAt(lab.clock().now(), at -> lab.write(LOCK, t -> {
            left.forEach((id, bytes) -> {
                SimJob job = lab.job(id);
                SimVm vm = job == null ? null : lab.vm(job.affectedVmId());
                if (vm != null && !job.state().isTerminal() && job.data(COPY_RATE) != null && bytes > 0) copy(lab, vm, job, bytes);
            });
            return null;
        }));
    }

    @Override
    public void complete(Txn txn, SimJob job) {
        endCopy(job, txn.now());
        SimVm vm = txn.lab().vm(job.affectedVmId());
        if (vm == null) return;
        txn.touch(vm);
        PowerState from = PowerState.valueOf(job.data("from"));
        if ((from == PowerState.OFF || from == PowerState.SAVED) && !memoryFits(vm)) {
            vm.state(from, txn.now());
            txn.lab().jobs().fail(txn, job, OUT_OF_MEMORY, "'" + vm.name() + "' failed to start.",
                    "Not enough memory in the system to start the virtual machine '" + vm.name() + "' ("
                            + vm.memoryMb() + " MB needed; host " + vm.host().name() + " has "
                            + (vm.host().memoryMb() - PARENT_RESERVE_MB) + " MB for virtual machines).");
            return;
        }
        if ((from == PowerState.OFF || from == PowerState.SAVED) && !ServiceSettings.numaSpanning(txn.lab(), vm.host())
                && NumaTopology.of(vm.host()).spans(vm)) {
            // NumaSpanningEnabled False: "memory can be allocated only from the NUMA node assigned to the virtual machine"
            vm.state(from, txn.now());
            txn.lab().jobs().fail(txn, job, OUT_OF_MEMORY, "'" + vm.name() + "' failed to start.",
                    "Not enough memory in the system to start the virtual machine '" + vm.name() + "' (" + vm.memoryMb()
                            + " MB needed in one NUMA node; NUMA spanning is disabled on " + vm.host().name() + ").");
            return;
        }
        String unopenable = from == PowerState.OFF || from == PowerState.SAVED ? unopenableDisk(txn, vm) : null;
        if (unopenable != null) {
            // Hyper-V: the start job ends in error 32768 and its description names the attachment.
            vm.state(from, txn.now());
            txn.lab().jobs().fail(txn, job, 32768, "'" + vm.name() + "' failed to start.",
                    "'" + vm.name() + "' failed to start. " + unopenable);
            return;
        }
        vm.state(PowerState.valueOf(job.data("to")), txn.now());
        if (Boolean.parseBoolean(job.data("resetUptime"))) vm.restartUptime(txn.now());
    }

    private static String unopenableDisk(Txn txn, SimVm vm) {
        io.hyperv4j.sim.v2.storage.VmStorage st = io.hyperv4j.sim.v2.storage.StorageModel.of(txn.lab()).find(vm.id());
        return st == null ? null : st.unopenableDisk();
    }

    @Override
    public void cancelled(Txn txn, SimJob job) {
        endCopy(job, txn.now());
        SimVm vm = txn.lab().vm(job.affectedVmId());
        if (vm == null) return;
        txn.touch(vm);
        vm.state(PowerState.valueOf(job.data("from")), txn.now());
    }

    static MethodResult refuse(int code) {
        return new MethodResult(code, Map.of());
    }
}
