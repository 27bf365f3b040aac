package io.hyperv4j.scvmm.sim;

import io.hyperv4j.scvmm.MethodRefusal;
import io.hyperv4j.scvmm.MoveRefusedException;
import io.hyperv4j.scvmm.transfer.NetworkTransferModel;
import io.hyperv4j.scvmm.transfer.SanTransferModel;
import io.hyperv4j.scvmm.transfer.TransferPlan;
import io.hyperv4j.sim.Fabric;
import io.hyperv4j.sim.HostCapacity;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.Scheduler;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.SimActivity;
import io.hyperv4j.sim.SimJob;
import io.hyperv4j.sim.SimNetworkAdapter;
import io.hyperv4j.substrate.FlowNetwork;
import io.hyperv4j.substrate.StorageModel;
import io.hyperv4j.scvmm.transfer.SaveRestore;
import io.hyperv4j.sim.SimVm;
import io.hyperv4j.sim.Txn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated management server running SAN and network transfers on the lab clock. A transfer
 * is a job on the source host (Msvm_ConcreteJob, so clients follow, wait for and cancel it like any
 * host job); each phase of its plan changes the lab when it begins (the VM saved, the LU hidden from
 * the source and shown to the destination, the destination's rescan, the VM registered there and
 * restored) and is published on the lab's activity log, as live migration's phases are. A network
 * transfer copies the VM's real files into the destination's folder as its copy phase goes on.
 */
final class VmmEngine {
    private static final Logger LOG = LoggerFactory.getLogger(VmmEngine.class);
    /** Activity kinds are these and a phase's name ({@link SimActivity#SAN_TRANSFER}, {@link SimActivity#NETWORK_TRANSFER}: the contract). */
    static final String SAN_JOB = SimActivity.SAN_TRANSFER.substring(0, SimActivity.SAN_TRANSFER.length() - 1),
            NETWORK_JOB = SimActivity.NETWORK_TRANSFER.substring(0, SimActivity.NETWORK_TRANSFER.length() - 1);
    static final String COPY_TICKS_KEY = "copyTicks";
    static final int COPY_TICKS = 20;
    private static final Duration LOCK = Duration.ofMinutes(1);

    private final Lab lab;
    private final VmmModel model;
    private final SanModel san;
    private final Map<String, Transfer> inFlight = new ConcurrentHashMap<>();
    /** Measured outages of the transfers that ended, by job id. */
    private final Map<String, Duration> outages = new ConcurrentHashMap<>();

    VmmEngine(Lab lab, VmmModel model, SanModel san) {
        this.lab = lab;
        this.model = model;
        this.san = san;
        lab.claims().register(host -> {
            long mb = 0;
            for (Transfer t : inFlight.values())
                if (t.wasRunning && t.to.equalsIgnoreCase(host) && !arrived(t)) mb += lab.vm(t.vmId).memoryMb();
            return mb;
        });
    }

    SanModel san() {
        return san;
    }

    /** One transfer in flight: its job, plan, and how far its phases have gone. */
    static final class Transfer {
        final String jobId, vmId, from, to, kind;
        final TransferPlan plan;
        final Instant start;
        final boolean wasRunning;
        final String array;
        final int lu;
        final List<Scheduler.Task> tasks = new ArrayList<>();
        int entered = -1;
        long realTotal, realAtStart;
        Path sourceDir;
        /** Whether its copies run on the lab's fabric (false for one taken up from a saved lab: it keeps its plan). */
        boolean onFabric;
        /** How much later than planned the phases after the last copy begin (the copies shared their links). */
        Duration shift = Duration.ZERO;
        /** The last phase whose copy has ended on the fabric, and the copy running now. */
        int copiedThrough = -1;
        Fabric.Flow flow;
        /** Bytes the current copy had moved when the lab was saved (it goes on with the rest when loaded). */
        long copyDone;
        /** When the VM stopped answering (the first down phase began), and how long it was down, measured. */
        Instant downFrom;
        Duration outage;

        Transfer(String jobId, String vmId, String from, String to, String kind, TransferPlan plan, Instant start, boolean wasRunning,
                 String array, int lu) {
            this.jobId = jobId;
            this.vmId = vmId;
            this.from = from;
            this.to = to;
            this.kind = kind;
            this.plan = plan;
            this.start = start;
            this.wasRunning = wasRunning;
            this.array = array;
            this.lu = lu;
        }

        String phase(int i) {
            return plan.phases().get(i).name();
        }
    }

    /** Starts a checked transfer of the VM to {@code to}; returns the job. Runs under the lab lock. */
    SimJob start(Txn txn, SimVm vm, SimHost to, boolean sanTransfer, TransferPlan plan) {
        String from = vm.host().name();
        String[] lu = sanTransfer ? luOf(vm) : null;
        if (sanTransfer && lu == null) throw new IllegalStateException("VM " + vm.name() + " runs from no LU");
        if (vm.isBusy()) throw new IllegalStateException("VM " + vm.name() + " is busy with job " + vm.busyJobId());
        checkRoom(vm, to, sanTransfer ? 0 : plan.phases().stream().mapToLong(TransferPlan.Phase::bytes).sum());
        String caption = (sanTransfer ? "Moving virtual machine by SAN transfer" : "Moving virtual machine by network transfer");
        SimJob job = lab.jobs().submit(txn, vm.host(), new SimJob.JobSpec(sanTransfer ? SAN_JOB : NETWORK_JOB, 0, caption,
                caption + ": '" + vm.name() + "' from " + from + " to " + to.name(), !sanTransfer, vm.id(), plan.total(), Map.of()));
        txn.touch(vm);
        vm.busyJobId(job.id());
        Transfer t = new Transfer(job.id(), vm.id(), from, to.name(), sanTransfer ? SAN_JOB : NETWORK_JOB, plan, txn.now(),
                vm.state() == PowerState.RUNNING, lu == null ? null : lu[0], lu == null ? -1 : Integer.parseInt(lu[1]));
        t.sourceDir = model.filesOf(vm.id()).dir();
        if (!sanTransfer && t.sourceDir != null) {
            List<Path> files = sourceFiles(t);
            t.realTotal = ResumableCopy.total(files);
            t.realAtStart = ResumableCopy.arrived(files, model.vmDir(t.to, t.vmId));
        }
        t.onFabric = true;
        inFlight.put(job.id(), t);
        schedule(t, txn.now());
        return job;
    }

    /**
     * Schedules the phases not yet begun and the copy steps still ahead of {@code now}. On the
     * fabric, phases after a copy wait for its end: scheduling stops at the first copy not yet over
     * and goes on from {@link #copied} (shifted by how late the copy ended).
     */
    private void schedule(Transfer t, Instant now) {
        Duration at = Duration.ZERO;
        for (int i = 0; i < t.plan.phases().size(); i++) {
            int phase = i;
            TransferPlan.Phase p = t.plan.phases().get(i);
            Instant begins = t.start.plus(at).plus(t.shift);
            if (i > t.entered) t.tasks.add(lab.clock().scheduleAt(begins, when -> step(t, phase)));
            if (p.name().equals(NetworkTransferModel.COPY))
                for (int k = 1; k < COPY_TICKS; k++) {
                    long target = t.realAtStart + (t.realTotal - t.realAtStart) * k / COPY_TICKS;
                    Instant tick = begins.plus(p.duration().multipliedBy(k).dividedBy(COPY_TICKS));
                    if (tick.isAfter(now)) t.tasks.add(lab.clock().scheduleAt(tick, when -> copy(t, target)));
                }
            at = at.plus(p.duration());
            if (t.onFabric && flows(t, p) && i > t.copiedThrough) return;
        }
    }

    /**
     * A copy phase begins on the fabric: its bytes cross the source's VM folder (the disk under the
     * running VM) and both hosts' adapters, shared with every other flow there; alone it runs at the
     * plan's rate (the plan's serial read-then-send rate is its demand), shared it runs slower.
     */
    private void startCopy(Transfer t, int phase) {
        TransferPlan.Phase p = t.plan.phases().get(phase);
        if (storagePhase(t, p)) {
            startStorageCopy(t, phase);
            return;
        }
        SimHost from = lab.host(t.from), to = lab.host(t.to);
        Fabric fabric = lab.fabric();
        String network = networkOf(from);
        String disk = Fabric.storage(t.from + "/VM folder"), out = Fabric.adapter(t.from, network), in = Fabric.adapter(t.to, network);
        fabric.link(disk, NetworkTransferModel.Parameters.CALIBRATED.sourceReadBytesPerSecond(), Double.POSITIVE_INFINITY);
        fabric.link(out, adapterBytesPerSecond(from), Double.POSITIVE_INFINITY);
        fabric.link(in, adapterBytesPerSecond(to), Double.POSITIVE_INFINITY);
        double demand = p.bytes() / Math.max(1e-9, p.duration().toNanos() / 1e9);
        Instant plannedEnd = t.start.plus(t.plan.startOf(p.name())).plus(p.duration()).plus(t.shift);
        t.flow = fabric.start(new FlowNetwork.FlowSpec(t.kind + "/" + p.name(), Math.max(0, p.bytes() - t.copyDone), demand, 1 << 20, List.of(disk, out, in)),
                at -> copied(t, phase, plannedEnd, at, Duration.ZERO),
                f -> f.projectedEnd().ifPresent(end -> lab.write(LOCK, txn -> {
                    if (live(t)) rateChanged(txn, t, phase, f.rate(), end);
                    return null;
                })));
    }

    /** Whether a phase runs as a flow on the fabric: a network copy, or a SAN save or restore. */
    private static boolean flows(Transfer t, TransferPlan.Phase p) {
        return p.bytes() > 0 || storagePhase(t, p);
    }

    /** A SAN transfer's save or restore of the VM's memory to or from its LU. */
    private static boolean storagePhase(Transfer t, TransferPlan.Phase p) {
        return t.array != null && t.wasRunning && (p.name().equals(SanTransferModel.SAVE) || p.name().equals(SanTransferModel.RESTORE));
    }

    /**
     * A SAN save or restore begins: the VM's memory crosses its LU's link (its throughput and IOPS)
     * at the storage model's save or restore rate, shared with every other save, restore and I/O on
     * the LU; the phase's fixed work follows the copy. Alone, the phase takes what the plan says; the
     * activity spans the phase, as before.
     */
    private void startStorageCopy(Transfer t, int phase) {
        TransferPlan.Phase p = t.plan.phases().get(phase);
        String link = san.luLink(san.array(t.array), t.lu);
        long bytes = lab.vm(t.vmId).memoryMb() << 20;
        StorageModel storage = SaveRestore.CALIBRATED.storage();
        boolean save = p.name().equals(SanTransferModel.SAVE);
        Duration copy = save ? storage.save(bytes) : storage.restore(bytes), fixed = p.duration().minus(copy);
        if (fixed.isNegative()) fixed = Duration.ZERO;
        Duration after = fixed;
        Instant copyEnd = t.start.plus(t.plan.startOf(p.name())).plus(copy).plus(t.shift);
        t.flow = lab.fabric().start(new FlowNetwork.FlowSpec(t.kind + "/" + p.name(), Math.max(0, bytes - t.copyDone), save ? storage.saveBytesPerSecond() : storage.restoreBytesPerSecond(),
                        1 << 20, List.of(link)),
                at -> copied(t, phase, copyEnd, at, after),
                f -> f.projectedEnd().ifPresent(end -> lab.write(LOCK, txn -> {
                    if (live(t)) rateChanged(txn, t, phase, 0, end.plus(after));
                    return null;
                })));
    }

    /**
     * A copy's rate changed (it started, or another flow joined or left its links): the job ends
     * later or sooner, and the activity counters read shows the new rate from now.
     */
    private void rateChanged(Txn txn, Transfer t, int phase, double rate, Instant end) {
        lab.jobs().reschedule(txn, lab.job(t.jobId), Duration.between(t.start, end).plus(rest(t, phase)));
        Instant now = txn.now();
        lab.activities().endAll(t.vmId, now);
        if (end.isAfter(now)) lab.activities().publish(t.kind + "/" + t.phase(phase), t.vmId, t.from, t.to, "", rate, now, end);
    }

    /** How long the phases after {@code phase} take by the plan. */
    private static Duration rest(Transfer t, int phase) {
        Duration d = Duration.ZERO;
        for (int i = phase + 1; i < t.plan.phases().size(); i++) d = d.plus(t.plan.phases().get(i).duration());
        return d;
    }

    /** A copy's bytes are through: the rest of its phase ({@code after}) and the phases after it run from now. */
    private void copied(Transfer t, int phase, Instant plannedEnd, Instant at, Duration after) {
        lab.write(LOCK, txn -> {
            if (!live(t)) return null;
            t.flow = null;
            t.copyDone = 0;
            t.copiedThrough = phase;
            t.shift = t.shift.plus(Duration.between(plannedEnd, at));
            lab.jobs().reschedule(txn, lab.job(t.jobId), Duration.between(t.start, at).plus(after).plus(rest(t, phase)));
            t.tasks.forEach(Scheduler.Task::cancel);
            t.tasks.clear();
            schedule(t, at);
            return null;
        });
    }

    /** The network a standalone host's transfers cross: its fastest adapter's, else its LAN. */
    private static String networkOf(SimHost h) {
        return h == null ? "LAN" : h.networkAdapters().stream().max(java.util.Comparator.comparingLong(SimNetworkAdapter::bitsPerSecond))
                .map(SimNetworkAdapter::network).filter(n -> !n.isEmpty()).orElse("LAN");
    }

    private static double adapterBytesPerSecond(SimHost h) {
        return (h == null ? SimVmmBackend.DEFAULT_NETWORK
                : h.networkAdapters().stream().mapToDouble(SimNetworkAdapter::bitsPerSecond).max().orElse(SimVmmBackend.DEFAULT_NETWORK)) / 8;
    }

    /**
     * Refuses a transfer the destination has no room for, with the numbers, before anything moves:
     * a running VM needs the memory and processors ({@link HostCapacity}, counting what transfers
     * and cluster moves under way to it have claimed); a network transfer's copies need the
     * destination's folder to hold them besides what transfers under way will write there.
     */
    private void checkRoom(SimVm vm, SimHost to, long copyBytes) {
        String what = "cannot move VM '" + vm.name() + "' to " + to.name() + ": ";
        if (vm.state() == PowerState.RUNNING) {
            if (vm.processors() > to.logicalProcessors())
                throw new MoveRefusedException(MethodRefusal.NOT_ENOUGH_PROCESSORS, what + HostCapacity.shortfall(to, vm.name(), 0, vm.processors(), 0).orElseThrow());
            HostCapacity.shortfall(lab, to, vm.name(), vm.memoryMb(), vm.processors())
                    .ifPresent(why -> { throw new MoveRefusedException(MethodRefusal.NOT_ENOUGH_MEMORY, what + why); });
        }
        if (copyBytes == 0) return;
        long used = 0, coming = 0;
        for (SimVm there : to.vms()) used += model.filesOf(there.id()).nominalBytes() + model.filesOf(there.id()).configBytes();
        for (Transfer t : inFlight.values())
            if (t.to.equalsIgnoreCase(to.name()) && t.kind.equals(NETWORK_JOB) && !arrived(t))
                coming += t.plan.phases().stream().mapToLong(TransferPlan.Phase::bytes).sum();
        long free = model.capacityOf(to.name()) - used - coming;
        if (copyBytes > free)
            throw new MoveRefusedException(MethodRefusal.NOT_ENOUGH_DISK, what + String.format(java.util.Locale.ROOT,
                    "its copies need %,d bytes; %s's VM folder holds %,d, of which %,d are its VMs' files and %,d are on their way from transfers under way",
                    copyBytes, to.name(), model.capacityOf(to.name()), used, coming));
    }

    /** Whether the transfer's VM is on its destination already (or gone). */
    private boolean arrived(Transfer t) {
        SimVm vm = lab.vm(t.vmId);
        return vm == null || vm.host().name().equalsIgnoreCase(t.to);
    }

    /** Transfers in flight, for the lab file. */
    List<Transfer> inFlight() {
        return List.copyOf(inFlight.values());
    }

    /**
     * Takes up a transfer saved with the lab: a copy under way goes on on the fabric with the bytes
     * it had left (sharing its links as any copy), and the phases after it follow it; a transfer
     * saved before its copies ran on the fabric goes on by its plan.
     */
    void resume(Transfer t) {
        SimJob job = lab.job(t.jobId);
        if (job == null || job.state().isTerminal()) return;
        inFlight.put(t.jobId, t);
        schedule(t, lab.clock().now());
        if (t.onFabric && t.entered > t.copiedThrough && flows(t, t.plan.phases().get(t.entered))) startCopy(t, t.entered);
    }

    /** Bytes the copy under way has moved (with those moved before a reload), for the lab file. */
    static long copyDone(Transfer t) {
        Fabric.Flow f = t.flow;
        return f == null ? 0 : t.copyDone + (long) f.moved();
    }

    /**
     * How long the VM of a transfer job did not answer, measured from its phases as they ran (a copy
     * that shared its links lengthens it); empty while it runs or for a job of no transfer.
     */
    java.util.Optional<Duration> outage(String jobId) {
        return java.util.Optional.ofNullable(outages.get(jobId));
    }

    /** The VM's LU as {array, lu number}, or null when it runs from none. */
    String[] luOf(SimVm vm) {
        HostSan h = san.host(vm.host().name());
        String key = h == null ? null : h.vmsOnLu.get(vm.id());
        if (key == null) return null;
        int slash = key.lastIndexOf('/');
        return new String[] {key.substring(0, slash), key.substring(slash + 1)};
    }

    /** The other VMs (names) on the same LU as this one, on any host. */
    List<String> luNeighbours(SimVm vm) {
        String[] lu = luOf(vm);
        List<String> out = new ArrayList<>();
        if (lu == null) return out;
        String key = SanModel.luKey(lu[0], Integer.parseInt(lu[1]));
        for (HostSan h : san.hosts.values())
            for (var e : h.vmsOnLu.entrySet())
                if (e.getValue().equals(key) && !e.getKey().equalsIgnoreCase(vm.id())) {
                    SimVm other = lab.vm(e.getKey());
                    out.add(other == null ? e.getKey() : other.name());
                }
        return out;
    }

    List<Path> sourceFiles(Transfer t) {
        return model.filesOf(t.vmId).files().stream().map(f -> t.sourceDir.resolve(f.name())).toList();
    }

    private boolean live(Transfer t) {
        SimJob job = lab.job(t.jobId);
        return job != null && !job.state().isTerminal() && inFlight.get(t.jobId) == t;
    }

    private void copy(Transfer t, long target) {
        if (!live(t) || t.sourceDir == null) return;
        ResumableCopy.copyUpTo(sourceFiles(t), model.vmDir(t.to, t.vmId), target);
    }

    private void step(Transfer t, int phase) {
        lab.write(LOCK, txn -> {
            if (live(t)) advance(txn, t, phase);
            return null;
        });
    }

    /** Applies every phase's start up to {@code phase} that has not been applied. */
    private void advance(Txn txn, Transfer t, int phase) {
        while (t.entered < phase) {
            t.entered++;
            TransferPlan.Phase p = t.plan.phases().get(t.entered);
            enter(txn, t, p.name());
            Instant begins = phaseStart(t, t.entered);
            if (p.down() && t.downFrom == null) t.downFrom = begins;
            if (!p.down() && t.downFrom != null && t.outage == null) t.outage = Duration.between(t.downFrom, begins);
            if (t.onFabric && flows(t, p)) {
                if (t.entered > t.copiedThrough) startCopy(t, t.entered); // publishes its activity at each rate it gets
            } else if (!p.duration().isZero())
                lab.activities().publish(t.kind + "/" + p.name(), t.vmId, t.from, t.to, "",
                        p.bytes() / Math.max(1e-9, p.duration().toNanos() / 1e9), begins, begins.plus(p.duration()));
        }
    }

    /** When a phase begins: by the plan, shifted by how late the copies before it ended. */
    private static Instant phaseStart(Transfer t, int phase) {
        return t.start.plus(t.plan.startOf(t.plan.phases().get(phase).name())).plus(t.shift);
    }

    private void enter(Txn txn, Transfer t, String phase) {
        SimVm vm = lab.vm(t.vmId);
        Instant now = txn.now();
        switch (phase) {
            case SanTransferModel.SAVE -> state(txn, vm, t, PowerState.SAVING, now);
            case SanTransferModel.UNMAP -> {
                state(txn, vm, t, PowerState.SAVED, now);
                if (t.array != null) san.releaseVm(txn, san.requireHost(t.from), t.vmId);
            }
            case SanTransferModel.MAP -> unmapFromSource(txn, t);
            case SanTransferModel.RESCAN -> mapToDestination(txn, t);
            case SanTransferModel.IMPORT -> {
                if (t.array != null) san.rescan(txn, san.requireHost(t.to));
                else if (t.sourceDir != null) {
                    Path to = model.vmDir(t.to, t.vmId);
                    ResumableCopy.commit(sourceFiles(t), to);
                    VmmModel.VmFiles f = model.filesOf(t.vmId);
                    model.files.put(t.vmId.toUpperCase(java.util.Locale.ROOT), new VmmModel.VmFiles(to, f.files(), f.configBytes()));
                }
            }
            case NetworkTransferModel.COPY_STATE -> state(txn, vm, t, PowerState.SAVED, now);
            case SanTransferModel.RESTORE -> {
                vm = HyperVImport.relocate(txn, vm, lab.host(t.to), model.filesOf(t.vmId).dir());
                if (t.array == null && san.host(t.from) != null) san.releaseVm(txn, san.requireHost(t.from), t.vmId);
                if (t.array != null) san.runVmFrom(txn, san.requireHost(t.to), san.array(t.array), t.lu, t.vmId);
                state(txn, vm, t, PowerState.RESUMING, now);
            }
            case SanTransferModel.REFRESH, NetworkTransferModel.CLEANUP -> {
                state(txn, vm, t, PowerState.RUNNING, now);
                if (phase.equals(NetworkTransferModel.CLEANUP)) deleteSource(t);
            }
            default -> { } // Validate, CopyFiles: nothing changes in the lab when they begin
        }
        if (phase.equals(NetworkTransferModel.SAVE) && t.sourceDir != null) ResumableCopy.copyUpTo(sourceFiles(t), model.vmDir(t.to, t.vmId), Long.MAX_VALUE);
    }

    private static void state(Txn txn, SimVm vm, Transfer t, PowerState s, Instant now) {
        if (!t.wasRunning || vm == null) return;
        txn.touch(vm);
        vm.state(s, now);
    }

    private void unmapFromSource(Txn txn, Transfer t) {
        SimArray a = san.array(t.array);
        HostSan src = san.requireHost(t.from);
        for (SimHostGroup g : List.copyOf(a.hostGroups.values()))
            if (g.hostLunOf(t.lu) != null && g.initiators.stream().anyMatch(src.initiators::containsKey))
                san.removeLus(txn, a, g, List.of(t.lu));
    }

    private void mapToDestination(Txn txn, Transfer t) {
        SimArray a = san.array(t.array);
        HostSan dst = san.requireHost(t.to);
        for (SimHostGroup g : a.hostGroups.values())
            if (g.initiators.stream().anyMatch(dst.initiators::containsKey)) {
                if (g.hostLunOf(t.lu) == null) san.addLus(txn, a, g, List.of(t.lu), List.of());
                return;
            }
        List<String> ports = new ArrayList<>();
        for (String link : dst.links) {
            String[] l = link.split("\\|");
            if (l[1].equalsIgnoreCase(a.name) && !ports.contains(l[2])) ports.add(a.ports.get(l[2]).address());
        }
        san.createHostGroup(txn, a, t.to, ports, List.copyOf(dst.initiators.keySet()), StorageRenderer.HOST_TYPE_WINDOWS, List.of(t.lu), List.of());
    }

    private void deleteSource(Transfer t) {
        Path dir = t.sourceDir;
        if (dir == null || !Files.isDirectory(dir) || dir.equals(model.filesOf(t.vmId).dir())) return;
        try (Stream<Path> files = Files.walk(dir)) { // with the definition an import left in Virtual Machines
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
        } catch (IOException e) {
            throw new UncheckedIOException("deleting the source files in " + dir + ": " + e.getMessage(), e);
        }
    }

    void completed(Txn txn, SimJob job) {
        Transfer t = inFlight.get(job.id());
        if (t == null) {
            LOG.warn("transfer job {} ended but its plan was lost (the lab was reloaded while it ran)", job.id());
            return;
        }
        advance(txn, t, t.plan.phases().size() - 1);
        if (t.outage == null) t.outage = t.downFrom == null ? Duration.ZERO : Duration.between(t.downFrom, txn.now());
        outages.put(t.jobId, t.outage);
        end(t);
    }

    /** A client cancelled a network transfer: the VM runs on the source again, the copied bytes stay for a resume. */
    void cancel(Txn txn, SimJob job) {
        Transfer t = inFlight.get(job.id());
        if (t == null) return;
        end(t);
        SimVm vm = lab.vm(t.vmId);
        if (vm != null && !vm.host().name().equalsIgnoreCase(t.from)) {
            if (vm.state() != PowerState.OFF && vm.state() != PowerState.SAVED) { // resuming on the destination: saved again to go back
                txn.touch(vm);
                vm.state(PowerState.SAVED, txn.now());
            }
            vm = HyperVImport.relocate(txn, vm, lab.host(t.from), model.filesOf(t.vmId).dir());
        }
        VmmModel.VmFiles f = model.filesOf(t.vmId);
        if (t.sourceDir != null && !t.sourceDir.equals(f.dir())) // imported already: the VM's files are the source's again; the copies stay for a resume
            model.files.put(t.vmId.toUpperCase(java.util.Locale.ROOT), new VmmModel.VmFiles(t.sourceDir, f.files(), f.configBytes()));
        state(txn, vm, t, PowerState.RUNNING, txn.now());
        lab.activities().endAll(t.vmId, txn.now());
    }

    private void end(Transfer t) {
        inFlight.remove(t.jobId);
        t.tasks.forEach(Scheduler.Task::cancel);
        if (t.flow != null) t.flow.close();
        t.flow = null;
    }
}
