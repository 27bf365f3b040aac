package io.hyperv4j.wsman.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.v2.V2;
import io.hyperv4j.vm.VirtualMachine;
import io.hyperv4j.wsman.Pywinrm;
import io.hyperv4j.wsman.ServedLab;
import io.hyperv4j.wsman.WsmanTransport;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load on the WS-Management server (a benchmark harness, not a test): N clients (50) for D seconds (60)
 * against one simulated host served on loopback, every client on its own NTLM-sealed connections.
 * After a 10 s warm-up, three phases in one run: our client reading (each iteration a WQL enumeration of every VM and a Get
 * of its own), Debian's pywinrm doing the same reads from N threads (the peer), and our client writing
 * (each iteration renames its own VM through ModifySystemSettings and enumerates); after the writes
 * every VM must carry the last name its client set (no lost update) and no request may have failed.
 * Run: {@code bench/jmh hyperv-core --main io.hyperv4j.wsman.bench.WsmanLoadHarness [CLIENTS] [SECONDS]}.
 */
public final class WsmanLoadHarness {
    private static final Duration CALL = Duration.ofSeconds(60);
    private static final Duration WARM_UP = Duration.ofSeconds(10);
    private static final String ALL_VMS = "SELECT * FROM Msvm_ComputerSystem WHERE Caption = 'Virtual Machine'";

    private WsmanLoadHarness() {}

    /** What one phase measured. */
    record Result(String who, long requests, long errors, List<Double> latenciesMs, Duration duration) {
        String row() {
            List<Double> l = new ArrayList<>(latenciesMs);
            Collections.sort(l);
            return String.format("| %-32s | %8d | %6d | %9.1f | %7.1f | %7.1f | %7.1f | %7.1f |", who, requests, errors,
                    requests / (duration.toMillis() / 1000.0), pct(l, 50), pct(l, 90), pct(l, 99), l.isEmpty() ? 0 : l.get(l.size() - 1));
        }

        private static double pct(List<Double> sorted, int p) {
            return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
        }
    }

    /** One client's loop body; returns how many requests it made. */
    private interface Iteration {
        int run(int client, int round) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        Duration duration = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 60);
        Path dir = Files.createTempDirectory("hyperv4j-wsman-load");
        Lab lab = Lab.standalone();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            String name = "load-" + i;
            ids.add(lab.write(CALL, txn -> lab.createVm(txn, lab.host(Lab.DEFAULT_HOST), name)).id());
        }
        try (ServedLab served = ServedLab.serve(lab, false, dir)) {
            List<CimSession> sessions = new ArrayList<>();
            for (int i = 0; i < clients; i++) sessions.add(new WsmanTransport().open(served.uri(), Optional.of(ServedLab.credentials()), CALL));
            Iteration read = (c, round) -> {
                CimSession s = sessions.get(c);
                s.query(V2.NAMESPACE, ALL_VMS);
                s.get(ObjectPath.of(V2.NAMESPACE, "Msvm_ComputerSystem", Map.of("CreationClassName", "Msvm_ComputerSystem", "Name", ids.get(c))));
                return 2;
            };
            javaPhase("warm-up", clients, WARM_UP, read); // JIT and connections, not reported
            Result reads = javaPhase("hyperv4j client, reads", clients, duration, read);
            sessions.forEach(CimSession::close);
            Result peer = pywinrm(served, ids, duration, dir);

            List<HyperVHost> hosts = new ArrayList<>();
            List<VirtualMachine> vms = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                HyperVHost h = HyperV.connect(served.uri(), ServedLab.credentials());
                hosts.add(h);
                vms.add(h.vms().findById(ids.get(i)).orElseThrow());
            }
            Map<Integer, String> lastName = new ConcurrentHashMap<>();
            Result writes = javaPhase("hyperv4j client, rename + enumerate", clients, duration, (c, round) -> {
                String name = "load-" + c + "-" + round;
                vms.get(c).rename(name).await(CALL);
                lastName.put(c, name);
                hosts.get(c).session().query(V2.NAMESPACE, ALL_VMS);
                return 2;
            });
            hosts.forEach(HyperVHost::close);
            int lost = 0;
            for (int i = 0; i < clients; i++) {
                String id = ids.get(i);
                String name = lab.read(CALL, () -> lab.host(Lab.DEFAULT_HOST).vms().stream().filter(v -> v.id().equals(id)).findFirst().orElseThrow().name());
                if (!name.equals(lastName.getOrDefault(i, "load-" + i))) lost++;
            }
            System.out.printf("%d clients, %d s each phase, %d VMs, NTLMv2 with sealing over HTTP on loopback, %d cores%n",
                    clients, duration.toSeconds(), clients, Runtime.getRuntime().availableProcessors());
            System.out.println("| phase                            | requests | errors | req/s     | p50 ms  | p90 ms  | p99 ms  | max ms  |");
            System.out.println("|----------------------------------|----------|--------|-----------|---------|---------|---------|---------|");
            for (Result r : List.of(reads, peer, writes)) System.out.println(r.row());
            System.out.println("lost updates: " + lost + " of " + clients + " VMs");
            if (lost > 0 || reads.errors() + writes.errors() > 0) System.exit(1);
        } finally {
            lab.close();
        }
    }

    private static Result javaPhase(String who, int clients, Duration duration, Iteration body) throws Exception {
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger requests = new AtomicInteger();
        long deadline = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                List<Double> mine = new ArrayList<>();
                for (int round = 0; System.nanoTime() < deadline; round++) {
                    long t = System.nanoTime();
                    try {
                        int n = body.run(client, round);
                        requests.addAndGet(n);
                        double ms = (System.nanoTime() - t) / 1e6 / n; // per request, as the peer reports
                        for (int i = 0; i < n; i++) mine.add(ms);
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        System.err.println(who + " client " + client + ": " + e);
                    }
                }
                latencies.addAll(mine);
            }, "load-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) t.join(duration.toMillis() + CALL.toMillis() * 2);
        return new Result(who, requests.get(), errors.get(), latencies, duration);
    }

    private static Result pywinrm(ServedLab served, List<String> ids, Duration duration, Path dir) throws Exception {
        Path script = dir.resolve("pywinrm_load.py");
        try (InputStream in = WsmanLoadHarness.class.getResourceAsStream("/io/hyperv4j/wsman/pywinrm_load.py")) {
            Files.write(script, in.readAllBytes());
        }
        Path cnf = Pywinrm.opensslLegacyConfig(dir);
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), "http://127.0.0.1:" + served.server.port() + "/wsman",
                ServedLab.USER, Long.toString(duration.toSeconds())));
        cmd.addAll(ids);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("HYPERV4J_PASSWORD", new String(ServedLab.credentials().password()));
        pb.environment().put("OPENSSL_CONF", cnf.toString());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(duration.toSeconds() + 300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("the pywinrm peer did not finish");
        }
        JsonNode r = new ObjectMapper().readTree(out);
        List<Double> l = new ArrayList<>();
        r.get("latencies_ms").forEach(x -> l.add(x.asDouble()));
        return new Result("pywinrm 0.3.0 (threads), reads", r.get("requests").asLong(), r.get("errors").asLong(), l, duration);
    }
}
