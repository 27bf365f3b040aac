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
 * ({@link SimHost}) follows the lab: its processors and memory, its VMs and their power states
 * (a running VM runs its workload, a paused one holds memory with idle processors, a saved or off
 * one is not there), and a powered-off host does not answer. Changes are picked up at each read and
 * take effect from the time the lab records for them (a VM's last state change), so only the last
 * change of a VM between two reads is seen.
 * Other modules add their load (a migration's traffic, a backup's reads) through {@link #model()}.
 */
public final class LabCounterSource implements CounterSource {
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(30);
    private final Lab lab;
    private final String hostName;
    private final Function<io.hyperv4j.sim.SimVm, VmWorkload> workloads;
    private final SimHost model;
    private final SimulatedCounterSource counters;
    private final Map<String, SimVm> vms = new HashMap<>();
    private final Map<String, VmState> lastState = new HashMap<>();

    /**
     * @param workloads what each lab VM does while running (e.g. {@link #IDLE_VM})
     * @param background the host's own activity
     */
    public LabCounterSource(Lab lab, String hostName, Function<io.hyperv4j.sim.SimVm, VmWorkload> workloads, Background background) {
        this.lab = lab;
        this.hostName = hostName;
        this.workloads = workloads;
        io.hyperv4j.sim.SimHost h = lab.read(LOCK_TIMEOUT, () -> lab.host(hostName));
        if (h == null) throw new io.hyperv4j.perf.PerfException("the lab has no host '" + hostName + "'");
        long memory = h.memoryMb();
        HostSpec spec = new HostSpec(h.name(), h.logicalProcessors(), memory, memory * 2, List.of("0 C:"),
                List.of(new HostSpec.Nic("Ethernet", 10_000_000_000L)), List.of("Management"));
        model = new SimHost(spec, lab.clock().now().toEpochMilli());
        model.add(background);
        counters = new SimulatedCounterSource(model, clock());
        sync();
    }

    /** A VM that idles: 2 % of each processor, a little disk and network. */
    public static final VmWorkload IDLE_VM = new VmWorkload(0.02, 0.1, 1, 2, 8192, 0.002, 0.002, "0 C:", 2_000, 2_000);

    /** A clock for samplers that runs on this lab's clock (sleeping on it advances a virtual one). */
    public SamplingClock clock() {
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

    /** The counter model behind this host, to add activities to. */
    public SimHost model() {
        return model;
    }

    /** Brings the model's VMs and their states up to the lab's; returns whether the host is powered on. */
    private boolean sync() {
        record Seen(io.hyperv4j.sim.SimVm vm, PowerState state, long changedMillis) {
        }
        List<Seen> seen = new ArrayList<>();
        boolean[] on = new boolean[1];
        long now = lab.read(LOCK_TIMEOUT, () -> {
            io.hyperv4j.sim.SimHost h = lab.host(hostName);
            on[0] = h != null && h.poweredOn();
            if (h != null) {
                for (io.hyperv4j.sim.SimVm vm : h.vms()) {
                    seen.add(new Seen(vm, vm.state(), vm.stateChanged() == null ? Long.MIN_VALUE : vm.stateChanged().toEpochMilli()));
                }
            }
            return lab.clock().now().toEpochMilli();
        });
        seen.sort(java.util.Comparator.comparingLong(Seen::changedMillis));
        synchronized (model) {
            Map<String, VmState> present = new HashMap<>();
            for (Seen s : seen) {
                // a change takes effect when the lab says it happened (not before what is already integrated)
                long at = Math.min(now, Math.max(model.nowMillis(), s.changedMillis));
                VmState st = switch (s.state) {
                    case RUNNING, STOPPING, SAVING, PAUSING, RESUMING -> VmState.RUNNING;
                    case PAUSED -> VmState.PAUSED;
                    default -> VmState.ABSENT;
                };
                present.put(s.vm.id(), st);
                SimVm m = vms.get(s.vm.id());
                if (m == null) {
                    model.advanceTo(at);
                    m = new SimVm(s.vm.name(), Math.max(1, s.vm.processors()), s.vm.memoryMb(), s.vm.memoryMb(), null, workloads.apply(s.vm));
                    m.at(at, hostName, st);
                    vms.put(s.vm.id(), m);
                    model.add(m);
                } else if (lastState.get(s.vm.id()) != st) {
                    model.advanceTo(at);
                    m.at(at, hostName, st);
                }
                lastState.put(s.vm.id(), st);
            }
            for (Map.Entry<String, SimVm> e : vms.entrySet()) {
                if (!present.containsKey(e.getKey()) && lastState.get(e.getKey()) != VmState.ABSENT) {
                    e.getValue().at(now, hostName, VmState.ABSENT); // removed from the lab or moved away
                    lastState.put(e.getKey(), VmState.ABSENT);
                }
            }
            model.advanceTo(now);
            model.setAnswering(on[0]);
        }
        return on[0];
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
}
