package io.hyperv4j.scvmm.sim;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.PowerState;
import io.hyperv4j.sim.SimVm;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.constraints.Size;

/**
 * Random sequences of what administrators and hosts do to a SAN (map and unmap through the
 * Storage Management API, rescans, VMs started from LUs, writes to thin LUs, drives added to the
 * pool): an LU is never used by two hosts at once, a pool never holds more than its drives, and
 * every refused step names its reason and leaves the SAN exactly as it was.
 */
class SanProperties {
    private static final String NS = "root\\Microsoft\\Windows\\Storage";
    private static final List<String> HOSTS = List.of("host1", "host2");

    /** One step; {@code a}, {@code b}, {@code c} are read by the step's kind. */
    record Step(int kind, int host, int lu, long a, long b) {}

    @Provide
    Arbitrary<List<Step>> steps() {
        // weighted so that the interesting sequences (map, rescan, run; writes that fill the pool) come up often
        Arbitrary<Integer> kind = Arbitraries.frequency(Tuple.of(3, 0), Tuple.of(2, 1), Tuple.of(3, 2), Tuple.of(3, 3), Tuple.of(3, 4),
                Tuple.of(1, 5), Tuple.of(1, 6));
        Arbitrary<Step> step = Combinators.combine(kind, Arbitraries.integers().between(0, 1), Arbitraries.integers().between(0, 4),
                Arbitraries.longs().between(0, 1_900L << 30).withDistribution(RandomDistribution.uniform()),
                Arbitraries.longs().between(1, 900L << 30).withDistribution(RandomDistribution.uniform())).as(Step::new);
        return step.list().ofMinSize(20).ofMaxSize(60);
    }

    @Property(tries = 80, edgeCases = EdgeCasesMode.NONE)
    void theSanKeepsItsInvariantsAndRefusalsChangeNothing(@ForAll("steps") List<Step> steps) {
        try (Lab lab = Lab.fromTemplate("seed000-san")) {
            SanLab san = SanLab.of(lab);
            String vm2 = lab.write(Duration.ofMinutes(1), txn -> {
                SimVm v = lab.createVm(txn, lab.host("host2"), "web");
                v.state(PowerState.RUNNING, txn.now());
                return v.id();
            });
            String vm1 = lab.read(Duration.ofMinutes(1), () -> lab.host("host1").vms().iterator().next().id());
            for (Step s : steps) {
                String host = HOSTS.get(s.host());
                String before = san.snapshot();
                String refused = apply(lab, san, s, host, s.host() == 0 ? vm1 : vm2);
                if (refused != null) assertEquals(before, san.snapshot(), "refused (" + refused + ") but changed: " + s);
                checkInvariants(san);
                net.jqwik.api.statistics.Statistics.label("step").collect(s.kind() + (refused == null ? " done" : " refused " + refused));
            }
        }
    }

    /** Runs one step; the refusal's reason, or null when it was done. */
    private static String apply(Lab lab, SanLab san, Step s, String host, String vm) {
        try {
            switch (s.kind()) {
                case 0, 1 -> {
                    CimSession session = lab.session(host);
                    CimInstance ms = session.query(NS, "SELECT * FROM MSFT_MaskingSet").stream()
                            .filter(m -> m.stringOr("FriendlyName", "").equals(host)).findFirst().orElseThrow();
                    String method = s.kind() == 0 ? "AddVirtualDisk" : "RemoveVirtualDisk";
                    long rv = session.invoke(ms.path(), method, Map.of("VirtualDiskNames", CimValue.strings(List.of("LU" + s.lu())))).returnValue();
                    return rv == 0 ? null : method + " returned " + rv;
                }
                case 2 -> lab.session(host).invoke(new ObjectPath(null, NS, "MSFT_StorageSetting", Map.of()), "UpdateHostStorageCache", Map.of());
                case 3 -> san.runVmFrom(host, SanTemplates.ARRAY, s.lu(), vm);
                case 4 -> { // a write inside thin LU3, anywhere
                    long size = san.read(m -> m.array(SanTemplates.ARRAY).lu(3).bytes());
                    long length = Math.min(s.b(), size);
                    san.write(SanTemplates.ARRAY, 3, Math.min(s.a(), size - length), length);
                }
                case 5 -> san.addDrives(SanTemplates.ARRAY, 10, (int) (s.a() % 2));
                default -> san.releaseVm(host, vm);
            }
            return null;
        } catch (SanRefusedException e) {
            assertNotNull(e.reason());
            assertTrue(e.getMessage().startsWith(e.reason().text), e.getMessage());
            return e.reason().name();
        }
    }

    private static void checkInvariants(SanLab san) {
        san.read(m -> {
            for (SimArray a : m.arrays().values()) {
                for (SimLu lu : a.lus().values()) {
                    List<String> users = m.hostsRunningFrom(a, lu.number());
                    assertTrue(users.size() <= 1, "LU " + lu.number() + " used by " + users);
                    for (String u : users) assertFalse(SanModel.paths(m.host(u), a, lu.number()).isEmpty(), u + " runs from an LU it cannot see");
                }
                for (int p : a.pools().keySet())
                    assertTrue(a.poolUsed(p) <= a.poolCapacity(p), "pool " + p + " holds " + a.poolUsed(p) + " of " + a.poolCapacity(p));
            }
            return null;
        });
    }

    @Property(tries = 20)
    void aSavedLabLoadsBackToTheSameSan(@ForAll @Size(max = 15) List<@net.jqwik.api.constraints.LongRange(min = 0, max = 1_800L << 30) Long> writes)
            throws Exception {
        // jqwik properties get no JUnit @TempDir: the folder is made and removed here
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("san");
        try (Lab lab = Lab.fromTemplate("seed000-san")) {
            SanLab san = SanLab.of(lab);
            for (long w : writes) {
                try {
                    san.write(SanTemplates.ARRAY, 3, w, 64L << 20);
                } catch (SanRefusedException e) {
                    assertEquals(SanRefusal.POOL_CAPACITY_EXCEEDED, e.reason());
                }
            }
            lab.save(dir.resolve("lab.json"));
            try (Lab back = Lab.load(dir.resolve("lab.json"))) {
                assertEquals(san.snapshot(), SanLab.of(back).snapshot());
            }
        } finally {
            try (java.util.stream.Stream<java.nio.file.Path> walk = java.nio.file.Files.walk(dir)) {
                for (java.nio.file.Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) java.nio.file.Files.delete(p);
            }
        }
    }
}
