package io.hyperv4j.perf.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * A simulated host's counters: the activities on it put load on it over time, and the host
 * integrates that load into raw counters exactly as Windows accumulates them (processor run time in
 * 100 ns, operations, bytes, disk latency in performance-counter ticks, queue-length time
 * products). Pure model: time comes from whoever calls {@link #advanceTo}.
 * <p>Thread-safety: thread-safe; activities, VMs and integration are guarded by the model's monitor.
 */
public final class HostModel {
    /** Performance frequency of the simulated hosts (10 MHz, as QueryPerformanceFrequency reports on current Windows). */
    public static final long PERF_FREQUENCY = 10_000_000L;

    private final HostSpec spec;
    private final long bootMillis;
    private final List<Activity> activities = new ArrayList<>();
    private final List<VmModel> vms = new ArrayList<>();
    private Load load;
    private long nowMillis;
    private volatile boolean answering = true;

    // accumulators, in the units the raw counters use
    private double lpGuest100ns;
    private double lpHypervisor100ns;
    private double rootBusy100ns;
    private double pages;
    private double[] diskReads, diskWrites, diskReadTicks, diskWriteTicks, diskReadBytes, diskWriteBytes, diskQueue100ns, diskBusy100ns;
    private double[] nicSent, nicReceived, adapterSent, adapterReceived;
    private double[] vpGuest100ns, vpHypervisor100ns, vnicSent, vnicReceived, vhdReadBytes, vhdWriteBytes, vhdReads, vhdWrites;

    /**
     * A host with no activity, booted (and its counters starting) at {@code bootMillis}.
     *
     * @param spec       its hardware
     * @param bootMillis its boot time, in the model's milliseconds
     */
    public HostModel(HostSpec spec, long bootMillis) {
        this.spec = spec;
        this.bootMillis = bootMillis;
        this.nowMillis = bootMillis;
        int d = spec.disks().size();
        diskReads = new double[d];
        diskWrites = new double[d];
        diskReadTicks = new double[d];
        diskWriteTicks = new double[d];
        diskReadBytes = new double[d];
        diskWriteBytes = new double[d];
        diskQueue100ns = new double[d];
        diskBusy100ns = new double[d];
        nicSent = new double[spec.nics().size()];
        nicReceived = new double[spec.nics().size()];
        adapterSent = new double[spec.hostAdapters().size()];
        adapterReceived = new double[spec.hostAdapters().size()];
        resizeVms();
    }

    /**
     * Its hardware.
     *
     * @return the spec
     */
    public HostSpec spec() {
        return spec;
    }

    /**
     * Its name, as in counter paths.
     *
     * @return the name
     */
    public String name() {
        return spec.name();
    }

    /**
     * Adds an activity; it counts from the current time on.
     *
     * @param activity the activity
     * @return this host
     */
    public synchronized HostModel add(Activity activity) {
        activities.add(activity);
        if (activity instanceof VmModel vm && !vms.contains(vm)) {
            vms.add(vm);
            resizeVms();
        }
        return this;
    }

    /**
     * The VMs among its activities, in the order added.
     *
     * @return a copy of the list
     */
    public synchronized List<VmModel> vms() {
        return List.copyOf(vms);
    }

    /** Adds {@code perVp} of each virtual processor's time, and its hypervisor overhead, to every VM running here at {@code tMillis}. */
    void addGuestCpu(long tMillis, double perVp, Load load) {
        for (int i = 0; i < vms.size(); i++) {
            VmModel vm = vms.get(i);
            if (vm.stateOn(name(), tMillis) != VmPresence.RUNNING) continue;
            double add = perVp, overhead = vm.workload().hypervisorOverhead();
            load.vmGuestPerVp[i] += add;
            load.vmHypervisorPerVp[i] += add * overhead;
            load.guestLp += add * vm.virtualProcessors();
            load.hypervisorLp += add * vm.virtualProcessors() * overhead;
        }
    }

    int vmIndex(VmModel vm) {
        for (int i = 0; i < vms.size(); i++) if (vms.get(i) == vm) return i;
        return -1;
    }

    int findDisk(String instance) {
        if (instance == null) return -1;
        for (int i = 0; i < spec.disks().size(); i++) if (spec.disks().get(i).equalsIgnoreCase(instance)) return i;
        return -1;
    }

    /**
     * Whether the host answers counter reads; a host that does not is a host that stopped answering.
     *
     * @return whether it answers
     */
    public boolean answering() {
        return answering;
    }

    /**
     * Makes the host stop (false) or resume (true) answering counter reads.
     *
     * @param value whether it answers
     */
    public void setAnswering(boolean value) {
        answering = value;
    }

    /**
     * The time the counters are integrated to.
     *
     * @return the time, in the model's milliseconds
     */
    public synchronized long nowMillis() {
        return nowMillis;
    }

    /**
     * Integrates every activity's load up to {@code tMillis} (earlier times are ignored).
     *
     * @param tMillis the time to integrate to
     */
    public synchronized void advanceTo(long tMillis) {
        while (nowMillis < tMillis) {
            long next = tMillis;
            for (int i = 0; i < activities.size(); i++) next = Math.min(next, Math.max(nowMillis + 1, activities.get(i).nextChange(nowMillis)));
            loadAt(nowMillis);
            integrate(load, (next - nowMillis) / 1000.0);
            nowMillis = next;
        }
    }

    /** The summed load at {@code tMillis} (a view reused by the next call). */
    synchronized Load loadAt(long tMillis) {
        load.clear();
        for (int i = 0; i < activities.size(); i++) activities.get(i).apply(tMillis, this, load);
        return load;
    }

    private void integrate(Load l, double dt) {
        double t100 = dt * 1e7;
        int lps = spec.logicalProcessors();
        double guest = Math.min(l.guestLp, lps);
        double hyp = Math.min(l.hypervisorLp, lps - guest);
        lpGuest100ns += guest * t100;
        lpHypervisor100ns += hyp * t100;
        rootBusy100ns += Math.min(l.guestRootLp, lps) * t100;
        pages += l.pagesPerSec * dt;
        for (int d = 0; d < diskReads.length; d++) {
            diskReads[d] += l.diskReads[d] * dt;
            diskWrites[d] += l.diskWrites[d] * dt;
            diskReadTicks[d] += l.diskReadSeconds[d] * dt * PERF_FREQUENCY;
            diskWriteTicks[d] += l.diskWriteSeconds[d] * dt * PERF_FREQUENCY;
            diskReadBytes[d] += l.diskReadBytes[d] * dt;
            diskWriteBytes[d] += l.diskWriteBytes[d] * dt;
            double queue = l.diskReadSeconds[d] + l.diskWriteSeconds[d];
            diskQueue100ns[d] += queue * t100;
            diskBusy100ns[d] += Math.min(1.0, queue) * t100;
        }
        for (int n = 0; n < nicSent.length; n++) {
            nicSent[n] += l.nicSent[n] * dt;
            nicReceived[n] += l.nicReceived[n] * dt;
        }
        for (int a = 0; a < adapterSent.length; a++) {
            adapterSent[a] += l.hostAdapterSent[a] * dt;
            adapterReceived[a] += l.hostAdapterReceived[a] * dt;
        }
        for (int v = 0; v < vpGuest100ns.length; v++) {
            vpGuest100ns[v] += l.vmGuestPerVp[v] * t100;
            vpHypervisor100ns[v] += l.vmHypervisorPerVp[v] * t100;
            vnicSent[v] += l.vnicSent[v] * dt;
            vnicReceived[v] += l.vnicReceived[v] * dt;
            vhdReadBytes[v] += l.vhdReadBytes[v] * dt;
            vhdWriteBytes[v] += l.vhdWriteBytes[v] * dt;
            vhdReads[v] += l.vhdReads[v] * dt;
            vhdWrites[v] += l.vhdWrites[v] * dt;
        }
    }

    private void resizeVms() {
        int n = vms.size();
        load = new Load(spec.disks().size(), spec.nics().size(), spec.hostAdapters().size(), n);
        vpGuest100ns = grow(vpGuest100ns, n);
        vpHypervisor100ns = grow(vpHypervisor100ns, n);
        vnicSent = grow(vnicSent, n);
        vnicReceived = grow(vnicReceived, n);
        vhdReadBytes = grow(vhdReadBytes, n);
        vhdWriteBytes = grow(vhdWriteBytes, n);
        vhdReads = grow(vhdReads, n);
        vhdWrites = grow(vhdWrites, n);
    }

    private static double[] grow(double[] a, int n) {
        double[] b = new double[n];
        if (a != null) System.arraycopy(a, 0, b, 0, Math.min(a.length, n));
        return b;
    }

    // ---- raw values, read by the counter source while it holds this host's lock (one lock per collection) ----

    /** 100 ns since boot: the system time base. */
    long elapsed100ns() {
        return (nowMillis - bootMillis) * 10_000L;
    }

    /** Performance-counter ticks since boot. */
    long perfTime() {
        return (nowMillis - bootMillis) * (PERF_FREQUENCY / 1000);
    }

    long epochMillis() {
        return nowMillis;
    }

    double lpGuest100ns() {
        return lpGuest100ns;
    }

    double lpHypervisor100ns() {
        return lpHypervisor100ns;
    }

    double rootBusy100ns() {
        return rootBusy100ns;
    }

    double pages() {
        return pages;
    }

    double diskReads(int d) {
        return diskReads[d];
    }

    double diskWrites(int d) {
        return diskWrites[d];
    }

    double diskReadTicks(int d) {
        return diskReadTicks[d];
    }

    double diskWriteTicks(int d) {
        return diskWriteTicks[d];
    }

    double diskReadBytes(int d) {
        return diskReadBytes[d];
    }

    double diskWriteBytes(int d) {
        return diskWriteBytes[d];
    }

    double diskQueue100ns(int d) {
        return diskQueue100ns[d];
    }

    double diskBusy100ns(int d) {
        return diskBusy100ns[d];
    }

    double nicSent(int n) {
        return nicSent[n];
    }

    double nicReceived(int n) {
        return nicReceived[n];
    }

    double adapterSent(int a) {
        return adapterSent[a];
    }

    double adapterReceived(int a) {
        return adapterReceived[a];
    }

    double vpGuest100ns(int v) {
        return vpGuest100ns[v];
    }

    double vpHypervisor100ns(int v) {
        return vpHypervisor100ns[v];
    }

    double vnicSent(int v) {
        return vnicSent[v];
    }

    double vnicReceived(int v) {
        return vnicReceived[v];
    }

    double vhdReadBytes(int v) {
        return vhdReadBytes[v];
    }

    double vhdWriteBytes(int v) {
        return vhdWriteBytes[v];
    }

    double vhdReads(int v) {
        return vhdReads[v];
    }

    double vhdWrites(int v) {
        return vhdWrites[v];
    }

    /** Instantaneous values at the current time. */
    Load current() {
        return loadAt(nowMillis);
    }

    /** Whether VM {@code v} is on this host now (its instances exist). */
    boolean vmPresent(int v) {
        return v >= 0 && v < vms.size() && vms.get(v).stateOn(name(), nowMillis) != VmPresence.ABSENT;
    }

    int vmVirtualProcessors(int v) {
        return vms.get(v).virtualProcessors();
    }

    int vmCount() {
        return vms.size();
    }
}
