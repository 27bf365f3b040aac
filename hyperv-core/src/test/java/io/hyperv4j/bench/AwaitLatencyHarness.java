package io.hyperv4j.bench;

import io.hyperv4j.ConnectOptions;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.cim.Subscription;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.SimClock;
import io.hyperv4j.sim.v2.V2;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.vm.VmSpec;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long after a job completes does the caller learn of it? Compares, in one run on one
 * simulated host whose clock runs in real time (rate 1):
 * <ul>
 *   <li>{@code Operation.await()}: the SDK's pushed completion (an event subscription on the job);</li>
 *   <li>os-win's and libvirt's way: re-reading the Msvm_ConcreteJob every 100 ms until its JobState
 *       is terminal ({@code jobutils._wait_for_job}, {@code hypervInvokeMethod}).</li>
 * </ul>
 * The completion instant is when the simulator publishes the job's terminal state to its first
 * subscriber (this harness subscribes before anyone else). Each sample is a pause or resume job
 * (300 ms on the host's clock); polling starts at a random phase of its interval, as it would
 * against jobs of arbitrary length. A virtual-clock row shows the same await when the waiting thread
 * itself drives simulated time (what tests and the tour use).
 * <p>Run: {@code bench/jmh hyperv-core --main io.hyperv4j.bench.AwaitLatencyHarness [samples]}
 */
public final class AwaitLatencyHarness {
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        List<Long> pushed = new ArrayList<>(), polled = new ArrayList<>(), virtual = new ArrayList<>();
        try (Lab lab = lab(SimClock.scaled(Lab.DEFAULT_START, 1.0))) {
            measure(lab, samples, pushed, polled);
        }
        try (Lab lab = lab(SimClock.virtual(Lab.DEFAULT_START))) {
            measure(lab, samples, virtual, null);
        }
        System.out.printf("Latency from a job's completion to the caller knowing it (%d jobs each, %s %s)%n", samples,
                System.getProperty("java.vm.name"), Runtime.version());
        System.out.printf("%-58s %10s %10s %10s %10s%n", "method", "mean ms", "p50 ms", "p99 ms", "max ms");
        row("hyperv4j Operation.await (pushed event, real-time clock)", pushed);
        row("os-win / libvirt: get job every 100 ms (real-time clock)", polled);
        row("hyperv4j Operation.await (pushed event, virtual clock)", virtual);
    }

    private static Lab lab(SimClock clock) {
        return Lab.builder().seed(7).clock(clock).host("HV01", 16, 65536).build();
    }

    /** Pause/resume jobs awaited through the typed API, then (if {@code polled} is given) polled like os-win. */
    private static void measure(Lab lab, int samples, List<Long> pushed, List<Long> polled) throws InterruptedException {
        CimSession session = lab.session("HV01");
        Map<String, Long> completedAt = new ConcurrentHashMap<>();
        try (Subscription first = session.subscribe(V2.NAMESPACE,
                "SELECT * FROM __InstanceModificationEvent WHERE TargetInstance ISA 'Msvm_ConcreteJob' AND TargetInstance.JobState >= 7",
                e -> completedAt.putIfAbsent(e.get("TargetInstance").asInstance().getString("InstanceID").toUpperCase(), System.nanoTime()));
             HyperVHost host = new HyperVHost(URI.create("sim:standalone"), session, ConnectOptions.defaults())) {
            VirtualMachine vm = host.vms().create(VmSpec.builder("latency").memoryMb(512).build());
            vm.start().await();
            for (int i = 0; i < samples; i++) {
                completedAt.clear();
                (i % 2 == 0 ? vm.pause() : vm.resume()).await();
                long returned = System.nanoTime();
                pushed.add(returned - Collections.max(completedAt.values()));
            }
            if (polled == null) return;
            Random phase = new Random(11);
            for (int i = 0; i < samples; i++) {
                MethodResult r = session.invoke(vm.path(), "RequestStateChange",
                        Map.of("RequestedState", CimValue.uint16(i % 2 == 0 ? 9 : 2)));
                String job = ((String) r.job().key("InstanceID")).toUpperCase();
                // Real jobs don't last a whole number of poll intervals: start polling at a random phase.
                Thread.sleep(phase.nextInt((int) POLL_INTERVAL.toMillis()));
                pollUntilTerminal(session, r.job());
                polled.add(System.nanoTime() - completedAt.get(job));
            }
        }
    }

    private static void pollUntilTerminal(CimSession session, ObjectPath job) throws InterruptedException {
        while (true) {
            CimInstance j = session.get(job);
            long state = j.getLong("JobState");
            if (state >= 7 && state <= 10 || state == 32768) return;
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    private static void row(String name, List<Long> nanos) {
        List<Long> s = new ArrayList<>(nanos);
        Collections.sort(s);
        double mean = s.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6;
        System.out.printf("%-58s %10.3f %10.3f %10.3f %10.3f%n", name, mean,
                s.get(s.size() / 2) / 1e6, s.get(Math.min(s.size() - 1, (int) Math.ceil(s.size() * 0.99) - 1)) / 1e6,
                s.get(s.size() - 1) / 1e6);
    }
}
