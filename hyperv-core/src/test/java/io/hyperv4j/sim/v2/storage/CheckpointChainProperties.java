package io.hyperv4j.sim.v2.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vhd.VirtualDisks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random sequences of guest writes, checkpoint create, apply and delete agree with a model that
 * keeps a full copy of the disk per checkpoint; every file left is a valid disk and no file leaks.
 */
class CheckpointChainProperties {
    static final int SIZE = 4 << 20;

    sealed interface Step permits Write, Create, Apply, Delete {}
    record Write(int offset, int length, byte seed) implements Step {}
    record Create() implements Step {}
    record Apply(int pick) implements Step {}
    record Delete(int pick) implements Step {}

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> write = Combinators.combine(Arbitraries.integers().between(0, SIZE - 70_000),
                Arbitraries.integers().between(1, 70_000), Arbitraries.bytes()).as(Write::new);
        Arbitrary<Step> create = Arbitraries.just(new Create());
        Arbitrary<Step> apply = Arbitraries.integers().between(0, 99).map(Apply::new);
        Arbitrary<Step> delete = Arbitraries.integers().between(0, 99).map(Delete::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, write), net.jqwik.api.Tuple.of(3, create),
                net.jqwik.api.Tuple.of(2, apply), net.jqwik.api.Tuple.of(2, delete)).list().ofMinSize(1).ofMaxSize(25);
    }

    @Property(tries = 60)
    void agreesWithFullCopies(@ForAll("steps") List<Step> steps, @ForAll VhdFormat format) throws IOException {
        if (format == VhdFormat.RAW) return;
        Path dir = Files.createTempDirectory("cp-prop");
        try {
            run(steps, format, dir);
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void run(List<Step> steps, VhdFormat format, Path dir) throws IOException {
        Path base = dir.resolve(format == VhdFormat.VHD ? "disk.vhd" : "disk.vhdx");
        VirtualDisks.createFile(base, DiskSpec.dynamic(format, SIZE));
        VmStorage vm = new VmStorage("VM");
        vm.attach("D", "K", "C", 0, base);
        byte[] now = new byte[SIZE];
        Map<String, byte[]> copies = new HashMap<>();
        List<String> ids = new ArrayList<>();
        int n = 0;
        for (Step s : steps) {
            if (s instanceof Write w) {
                byte[] data = new byte[w.length()];
                new java.util.Random(w.seed()).nextBytes(data);
                vm.guestWrite("D", w.offset(), data);
                System.arraycopy(data, 0, now, w.offset(), data.length);
            } else if (s instanceof Create) {
                String id = UUID.nameUUIDFromBytes(("cp" + n++).getBytes()).toString().toUpperCase();
                vm.createCheckpoint(id, "cp", Instant.EPOCH, "Standard", false, 1, 1024, () -> UUID.randomUUID().toString().toUpperCase());
                copies.put(id, now.clone());
                ids.add(id);
            } else if (s instanceof Apply a && !ids.isEmpty()) {
                String id = ids.get(a.pick() % ids.size());
                vm.apply(vm.checkpoint(id), () -> UUID.randomUUID().toString().toUpperCase());
                vm.settle();
                now = copies.get(id).clone();
            } else if (s instanceof Delete d && !ids.isEmpty()) {
                String id = ids.remove(d.pick() % ids.size());
                vm.delete(vm.checkpoint(id));
                vm.settle();
                copies.remove(id);
            }
            assertArrayEquals(now, vm.guestRead("D", 0, SIZE), "after " + s);
        }
        for (String id : ids) assertArrayEquals(copies.get(id), vm.readCheckpoint(vm.checkpoint(id), "D", 0, SIZE), "checkpoint " + id);
        List<Path> files = vm.files();
        for (Path f : files) assertTrue(VirtualDisks.validate(f).ok(), f + ": " + VirtualDisks.validate(f).problems());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(new java.util.HashSet<>(files), new java.util.HashSet<>(s.map(Path::toAbsolutePath).toList()), "no leaked files");
        }
    }
}
