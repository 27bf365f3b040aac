package io.hyperv4j.perf.sim;

import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.CounterSetDefinition;
import io.hyperv4j.perf.sampler.SamplingClock;
import io.hyperv4j.perf.source.CounterDescriptor;
import io.hyperv4j.perf.source.CounterSource;
import io.hyperv4j.perf.source.HostUnavailableException;
import io.hyperv4j.perf.source.RawReader;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Counters of a host of the simulator's {@link Lab}, on the lab's clock. The counter model
 * ({@link HostModel}) follows the lab: its processors and memory, its VMs and their power states
 * (a running VM runs its workload, a paused one holds memory with idle processors, a saved or off
 * one is not there), and a powered-off host does not answer. Changes are picked up at each read and
 * take effect from the time the lab records for them (a VM's last state change), so only the last
 * change of a VM between two reads is seen.
 * <p>The model also follows the lab's {@link io.hyperv4j.sim.ActivityLog}: each phase of a live
 * migration a provider publishes there (setup, pre-copy rounds, pause, cleanup) adds its load to the
 * source or destination from the phase's start, as {@link MoveLoads.LiveMigration#phase} costs it,
 * cut short if the lab ends the phase early. The phases of a management server's SAN and network
 * transfers ({@link io.hyperv4j.sim.SimActivity#SAN_TRANSFER}, {@link io.hyperv4j.sim.SimActivity#NETWORK_TRANSFER})
 * load the hosts the same way, as {@link MoveLoads.SanTransfer#phase} and {@link MoveLoads.NetworkTransfer#phase}
 * cost them: the save's writes and the restore's reads, the copies' reads, bytes and writes at the
 * rate the lab gives them. A VM's own saves and restores (v2 saved state, a quick migration's;
 * {@link io.hyperv4j.sim.SimActivity#STATE_SAVE}, {@link io.hyperv4j.sim.SimActivity#STATE_RESTORE}) write and
 * read the disk holding the state at their flow's rate, as {@link MoveLoads.SanTransfer#state} costs them. Data-protection jobs ({@link io.hyperv4j.sim.SimActivity#BACKUP}) and CSV
 * redirection ({@link io.hyperv4j.sim.SimActivity#CSV_REDIRECTED}) load them as {@link BackupLoads#phase} costs
 * them. Other load goes through {@link #model()}.
 * <p>Thread-safety: as {@link io.hyperv4j.perf.source.CounterSource} asks, one sampler thread uses a
 * source; the model it shares with other threads (activities added through {@link #model()}) is
 * guarded by the model's own lock.
 */
public final class LabCounterSource implements CounterSource {
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(30);
    private final Lab lab;
    private final String hostName;
    private final Function<io.hyperv4j.sim.SimVm, VmWorkload> workloads;
    private final java.util.function.ToDoubleFunction<io.hyperv4j.sim.SimVm> rootMemoryMb;
    private final MoveLoads.LiveMigration liveMigration;
    private final MoveLoads.SanTransfer sanTransfer;
    private final MoveLoads.NetworkTransfer networkTransfer;
    private final BackupLoads backup;
    /** The lab activities already in the model, by id, so a phase cut short can be cut here too. */
    private final Map<Long, CutShort> phases = new HashMap<>();
    private final HostModel model;
    private final SimulatedCounterSource counters;
    private final Map<String, VmModel> vms = new HashMap<>();
    private final Map<String, VmPresence> lastState = new HashMap<>();

    private LabCounterSource(Builder b) {
        this.lab = b.lab;
        this.hostName = b.spec.name();
        this.workloads = b.workloads;
        this.rootMemoryMb = b.rootMemoryMb;
        this.liveMigration = b.liveMigration;
        this.sanTransfer = b.sanTransfer;
        this.networkTransfer = b.networkTransfer;
        this.backup = b.backup;
        model = new HostModel(b.spec, lab.clock().now().toEpochMilli());
        model.add(b.background);
        counters = new SimulatedCounterSource(model, clock());
        sync();
    }

    /**
     * Counters of the lab's host {@code hostName}. By default: one system disk "0 C:" and the lab
     * host's network adapters ({@link #nics}); every VM idles ({@link #IDLE_VM}); a VM's memory all counts
     * against the management OS's available memory; the host's own activity is a quiet management
     * OS ({@link Background#quietHost}); migrations cost what {@link #DEFAULT_LIVE_MIGRATION} says.
     *
     * @throws io.hyperv4j.perf.PerfException when the lab has no such host
     * @param lab      the lab
     * @param hostName the lab host whose counters to read
     * @return a builder with those defaults
     */
    public static Builder builder(Lab lab, String hostName) {
        return new Builder(lab, hostName);
    }

    /** What a lab host's counter model is made of; every part has a default. */
    public static final class Builder {
        private final Lab lab;
        private HostSpec spec;
        private Function<io.hyperv4j.sim.SimVm, VmWorkload> workloads = vm -> IDLE_VM;
        private java.util.function.ToDoubleFunction<io.hyperv4j.sim.SimVm> rootMemoryMb = vm -> vm.memoryMb();
        private Background background;
        private MoveLoads.LiveMigration liveMigration = DEFAULT_LIVE_MIGRATION;
        private MoveLoads.SanTransfer sanTransfer = Seed000Workloads.SAN_TRANSFER;
        private MoveLoads.NetworkTransfer networkTransfer = Seed000Workloads.NETWORK_TRANSFER;
        private BackupLoads backup = Seed004Workloads.BACKUP;

        private Builder(Lab lab, String hostName) {
            this.lab = java.util.Objects.requireNonNull(lab, "lab");
            io.hyperv4j.sim.SimHost h = lab.read(LOCK_TIMEOUT, () -> lab.host(hostName));
            if (h == null) throw new io.hyperv4j.perf.PerfException("the lab has no host '" + hostName + "'");
            long memory = h.memoryMb();
            spec = new HostSpec(h.name(), h.logicalProcessors(), memory, memory * 2, List.of("0 C:"), nics(lab, hostName), List.of("Management"));
            background = Background.quietHost(memory);
        }

        /**
         * The host's counter instances (disks, adapters); its name must be the lab host's.
         *
         * @param value the spec
         * @return this builder
         */
        public Builder spec(HostSpec value) {
            if (!value.name().equalsIgnoreCase(spec.name()))
                throw new IllegalArgumentException("the spec names host '" + value.name() + "', not the lab host '" + spec.name() + "'");
            spec = value;
            return this;
        }

        /**
         * What each lab VM does while running.
         *
         * @param value each VM's workload
         * @return this builder
         */
        public Builder workloads(Function<io.hyperv4j.sim.SimVm, VmWorkload> value) {
            workloads = java.util.Objects.requireNonNull(value, "workloads");
            return this;
        }

        /**
         * How much of a VM's memory the management OS sees go (see {@link VmModel}).
         *
         * @param value each VM's charge against Available MBytes, in MB
         * @return this builder
         */
        public Builder rootMemoryMb(java.util.function.ToDoubleFunction<io.hyperv4j.sim.SimVm> value) {
            rootMemoryMb = java.util.Objects.requireNonNull(value, "rootMemoryMb");
            return this;
        }

        /**
         * The host's own activity.
         *
         * @param value the background
         * @return this builder
         */
        public Builder background(Background value) {
            background = java.util.Objects.requireNonNull(value, "background");
            return this;
        }

        /**
         * What a live migration's phases cost (its rate and timing come from the lab).
         *
         * @param value the phases' costs
         * @return this builder
         */
        public Builder liveMigration(MoveLoads.LiveMigration value) {
            liveMigration = java.util.Objects.requireNonNull(value, "liveMigration");
            return this;
        }

        /**
         * What a SAN transfer's phases cost (their timing comes from the lab); seed 000's by default.
         *
         * @param value the phases' costs
         * @return this builder
         */
        public Builder sanTransfer(MoveLoads.SanTransfer value) {
            sanTransfer = java.util.Objects.requireNonNull(value, "sanTransfer");
            return this;
        }

        /**
         * What a network transfer's phases cost (their timing and rates come from the lab); seed 000's by default.
         *
         * @param value the phases' costs
         * @return this builder
         */
        public Builder networkTransfer(MoveLoads.NetworkTransfer value) {
            networkTransfer = java.util.Objects.requireNonNull(value, "networkTransfer");
            return this;
        }

        /**
         * What data-protection jobs and CSV redirection cost (their timing and rates come from the lab); seed 004's by default.
         *
         * @param value the jobs' costs
         * @return this builder
         */
        public Builder backup(BackupLoads value) {
            backup = java.util.Objects.requireNonNull(value, "backup");
            return this;
        }

        /**
         * The source, following the lab from now on.
         *
         * @return the source
         */
        public LabCounterSource build() {
            return new LabCounterSource(this);
        }
    }

    /**
     * The Network Interface instances of a lab host: its adapters, named as Windows names their
     * counters, or one 10 GbE "Ethernet" when the lab gives it none.
     *
     * @param lab      the lab
     * @param hostName the lab host
     * @return the adapters' instances and speeds
     * @throws io.hyperv4j.perf.PerfException when the lab has no such host
     */
    public static List<HostSpec.Nic> nics(Lab lab, String hostName) {
        List<io.hyperv4j.sim.SimNetworkAdapter> adapters = lab.read(LOCK_TIMEOUT, () -> {
            io.hyperv4j.sim.SimHost h = lab.host(hostName);
            if (h == null) throw new io.hyperv4j.perf.PerfException("the lab has no host '" + hostName + "'");
            return h.networkAdapters();
        });
        if (adapters.isEmpty()) return List.of(new HostSpec.Nic("Ethernet", 10_000_000_000L));
        return adapters.stream().map(a -> new HostSpec.Nic(a.instanceName(), a.bitsPerSecond())).toList();
    }

    /**
     * What a live migration's phases cost by default: seed 000's figures (the source spends 0.05
     * root and 0.02 hypervisor logical processors, the destination 0.1 and 0.04).
     */
    public static final MoveLoads.LiveMigration DEFAULT_LIVE_MIGRATION = Seed000Workloads.LIVE_MIGRATION;

    /** A VM that idles: 2 % of each processor, a little disk and network. */
    public static final VmWorkload IDLE_VM = VmWorkload.builder().cpuPerVp(0.02).hypervisorOverhead(0.1).reads(1, 0.002).writes(2, 0.002)
            .bytesPerIo(8192).hostDisk("0 C:").network(2_000, 2_000).build();

    /** A clock for samplers that runs on this lab's clock (sleeping on it advances a virtual one). */
    @Override
    public SamplingClock clock() {
        return clockOf(lab);
    }

    /** A sampling clock on a lab's clock: sleeping on a virtual or manual one moves it, on a scaled one waits. */
    static SamplingClock clockOf(Lab lab) {
        return new SamplingClock() {
            @Override
            public long millis() {
                return lab.clock().now().toEpochMilli();
            }

            @Override
            public void sleepUntil(long targetMillis) {
                long wait = targetMillis - millis();
                if (wait <= 0) return;
                // a virtual clock jumps, a scaled one waits; a manual one is moved by whoever sleeps on it
                if (lab.clock().mode() == io.hyperv4j.sim.ClockMode.MANUAL) lab.clock().advance(Duration.ofMillis(wait));
                else lab.clock().await(new java.util.concurrent.CompletableFuture<>(), Duration.ofMillis(wait));
            }
        };
    }

    /**
     * The counter model behind this host, to add activities to.
     *
     * @return the model
     */
    public HostModel model() {
        return model;
    }

    /** Brings the model's VMs and their states up to the lab's; returns whether the host is powered on. */
    private boolean sync() {
        record Seen(io.hyperv4j.sim.SimVm vm, PowerState state, long changedMillis) {
        }
        List<Seen> seen = new ArrayList<>();
        record Phase(io.hyperv4j.sim.SimActivity activity, double rootMemoryMb, double memoryMb) {
        }
        Map<String, String> adapterOfNetwork = new HashMap<>();
        boolean[] on = new boolean[1];
        List<Phase> active = new ArrayList<>();
        Map<String, Long> departed = new HashMap<>();
        List<String> modelled;
        java.time.Instant integrated;
        synchronized (model) { // snapshot first: never hold the model while waiting for the lab
            modelled = new ArrayList<>(vms.keySet());
            integrated = java.time.Instant.ofEpochMilli(model.nowMillis());
        }
        long now = lab.read(LOCK_TIMEOUT, () -> {
            io.hyperv4j.sim.SimHost h = lab.host(hostName);
            on[0] = h != null && h.poweredOn();
            if (h != null) h.networkAdapters().forEach(a -> { if (!a.network().isEmpty()) adapterOfNetwork.put(a.network().toLowerCase(java.util.Locale.ROOT), a.instanceName()); });
            if (h != null) {
                for (io.hyperv4j.sim.SimVm vm : h.vms()) {
                    seen.add(new Seen(vm, vm.state(), vm.stateChanged() == null ? Long.MIN_VALUE : vm.stateChanged().toEpochMilli()));
                }
            }
            for (String id : modelled) { // a VM that moved away left when it last changed state (its switch-over)
                io.hyperv4j.sim.SimVm vm = lab.vm(id);
                if (vm != null && vm.stateChanged() != null && !vm.host().name().equalsIgnoreCase(hostName))
                    departed.put(id, vm.stateChanged().toEpochMilli());
            }
            for (io.hyperv4j.sim.SimActivity a : lab.activities().activeFrom(integrated)) {
                if (!a.involves(hostName)) continue;
                io.hyperv4j.sim.SimVm vm = lab.vm(a.vmId());
                active.add(new Phase(a, vm == null ? 0 : rootMemoryMb.applyAsDouble(vm), vm == null ? 0 : vm.memoryMb()));
            }
            return lab.clock().now().toEpochMilli();
        });
        seen.sort(java.util.Comparator.comparingLong(Seen::changedMillis));
        synchronized (model) {
            for (Phase p : active) {
                CutShort known = phases.get(p.activity.id());
                if (known != null) {
                    known.endMillis = p.activity.end().toEpochMilli();
                } else if (p.activity.start().toEpochMilli() <= now) { // publishing is when a phase begins
                    Transfer t = load(onAdapter(p.activity, adapterOfNetwork), p.rootMemoryMb, p.memoryMb);
                    if (t == null) continue;
                    CutShort c = new CutShort(t);
                    phases.put(p.activity.id(), c);
                    model.add(c);
                }
            }
            Map<String, VmPresence> present = new HashMap<>();
            for (Seen s : seen) {
                // a change takes effect when the lab says it happened (not before what is already integrated)
                long at = Math.min(now, Math.max(model.nowMillis(), s.changedMillis));
                VmPresence st = switch (s.state) {
                    case RUNNING, STOPPING, SAVING, PAUSING, RESUMING -> VmPresence.RUNNING;
                    case PAUSED -> VmPresence.PAUSED;
                    default -> VmPresence.ABSENT;
                };
                present.put(s.vm.id(), st);
                VmModel m = vms.get(s.vm.id());
                if (m == null) {
                    model.advanceTo(at);
                    m = new VmModel(s.vm.name(), Math.max(1, s.vm.processors()), s.vm.memoryMb(), rootMemoryMb.applyAsDouble(s.vm), null, workloads.apply(s.vm));
                    m.at(at, hostName, st);
                    vms.put(s.vm.id(), m);
                    model.add(m);
                } else if (lastState.get(s.vm.id()) != st) {
                    model.advanceTo(at);
                    m.at(at, hostName, st);
                }
                lastState.put(s.vm.id(), st);
            }
            for (Map.Entry<String, VmModel> e : vms.entrySet()) {
                if (!present.containsKey(e.getKey()) && lastState.get(e.getKey()) != VmPresence.ABSENT) {
                    long left = Math.min(now, Math.max(model.nowMillis(), departed.getOrDefault(e.getKey(), now)));
                    model.advanceTo(left);
                    e.getValue().at(left, hostName, VmPresence.ABSENT); // removed from the lab or moved away
                    lastState.put(e.getKey(), VmPresence.ABSENT);
                }
            }
            model.advanceTo(now);
            model.setAnswering(on[0]);
        }
        return on[0];
    }

    /** What a published phase costs this host, by its kind (the contract is {@link io.hyperv4j.sim.SimActivity}'s). */
    private Transfer load(io.hyperv4j.sim.SimActivity a, double rootMemoryMb, double memoryMb) {
        if (a.kind().startsWith(io.hyperv4j.sim.SimActivity.SAN_TRANSFER)) return sanTransfer.phase(a, model, memoryMb * 1048576.0);
        if (a.kind().equals(io.hyperv4j.sim.SimActivity.STATE_SAVE) || a.kind().equals(io.hyperv4j.sim.SimActivity.STATE_RESTORE))
            return sanTransfer.state(a, model);
        if (a.kind().startsWith(io.hyperv4j.sim.SimActivity.NETWORK_TRANSFER)) return networkTransfer.phase(a, model);
        if (a.kind().startsWith(io.hyperv4j.sim.SimActivity.BACKUP) || a.kind().equals(io.hyperv4j.sim.SimActivity.CSV_REDIRECTED)) return backup.phase(a, model);
        return liveMigration.phase(a, model, rootMemoryMb);
    }

    /** The activity with its network named by the host's adapter on that network, so its bytes show on that adapter. */
    private static io.hyperv4j.sim.SimActivity onAdapter(io.hyperv4j.sim.SimActivity a, Map<String, String> adapterOfNetwork) {
        String adapter = adapterOfNetwork.get(a.network().toLowerCase(java.util.Locale.ROOT));
        if (adapter == null) return a;
        return new io.hyperv4j.sim.SimActivity(a.id(), a.kind(), a.vmId(), a.fromHost(), a.toHost(), adapter, a.bytesPerSecond(), a.start(), a.end());
    }

    @Override
    public String host() {
        return hostName;
    }

    @Override
    public List<CounterSetDefinition> counterSets() {
        return counters.counterSets();
    }

    @Override
    public List<String> instances(String counterSet) {
        sync();
        return counters.instances(counterSet);
    }

    @Override
    public List<CounterDescriptor> expand(CounterPath path) {
        sync();
        return counters.expand(path);
    }

    @Override
    public RawReader open(List<CounterDescriptor> descriptors) {
        RawReader inner = counters.open(descriptors);
        return batch -> {
            if (!sync()) throw new HostUnavailableException(hostName, "the host is powered off");
            inner.read(batch);
        };
    }

    /** A phase's load until the lab's end for it, which the lab may bring forward (an operation stopped early). */
    private static final class CutShort implements Activity {
        private final Transfer load;
        private volatile long endMillis;

        CutShort(Transfer load) {
            this.load = load;
            this.endMillis = load.endMillis();
        }

        @Override
        public void apply(long tMillis, HostModel host, Load l) {
            if (tMillis < endMillis) load.apply(tMillis, host, l);
        }

        @Override
        public long nextChange(long tMillis) {
            long next = load.nextChange(tMillis);
            return tMillis < endMillis ? Math.min(next, endMillis) : next;
        }
    }
}
