package io.hyperv4j.vhd;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * In-process harness (not a test; run by bench/convert-vs-qemu.sh): converts a raw image to a dynamic
 * VHDX with the engine and copies the same bytes with a plain read-write-fsync loop (1 MiB buffer), the
 * two alternating for ROUNDS rounds after one warm-up of each; prints the median wall and process CPU
 * time of each and their ratio. Both end with their data durable (the engine flushes before it renames
 * the new file into place; the copy calls fdatasync).
 * <p>Usage: {@code ConvertCopyHarness SOURCE.img WORK-DIR [ROUNDS]}
 */
public final class ConvertCopyHarness {
    private ConvertCopyHarness() {
    }

    /**
     * Runs the harness.
     *
     * @param args the raw source image, a folder for the outputs, and optionally the number of rounds
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Path src = Path.of(args[0]);
        Path work = Files.createDirectories(Path.of(args[1]));
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path vhdx = work.resolve("harness.vhdx");
        Path copy = work.resolve("harness.copy");
        List<double[]> engine = new ArrayList<>();
        List<double[]> plain = new ArrayList<>();
        for (int i = -1; i < rounds; i++) { // round -1 warms up both
            double[] e = time(() -> VirtualDisks.convert(src, vhdx, VhdFormat.VHDX, VhdType.DYNAMIC));
            Files.delete(vhdx);
            double[] c = time(() -> readWriteFsync(src, copy));
            Files.delete(copy);
            if (i >= 0) {
                engine.add(e);
                plain.add(c);
                System.out.printf(Locale.ROOT, "round %d: engine %.3f s wall %.3f s CPU; read-write-fsync %.3f s wall %.3f s CPU%n",
                        i + 1, e[0], e[1], c[0], c[1]);
            }
        }
        double ew = median(engine, 0);
        double ec = median(engine, 1);
        double cw = median(plain, 0);
        double cc = median(plain, 1);
        System.out.printf(Locale.ROOT, "median of %d: engine %.3f s wall, %.3f s CPU; read-write-fsync %.3f s wall, %.3f s CPU;"
                + " engine/copy %.2f (wall), %.2f (CPU)%n", rounds, ew, ec, cw, cc, ew / cw, ec / cc);
    }

    private interface Action {
        void run() throws IOException;
    }

    /** Wall and process CPU seconds of one action. */
    private static double[] time(Action a) throws IOException {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        a.run();
        return new double[] {(System.nanoTime() - t0) / 1e9, (os.getProcessCpuTime() - c0) / 1e9};
    }

    private static double median(List<double[]> runs, int column) {
        double[] v = runs.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** What a plain copy does: read a buffer, write it, and fsync at the end. */
    static void readWriteFsync(Path from, Path to) throws IOException {
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
            while (in.read(buf.clear()) > 0) {
                buf.flip();
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
            }
            out.force(false);
        }
    }
}
