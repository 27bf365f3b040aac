package io.hyperv4j.vhd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Side-by-side benchmark of this engine and qemu-img on the same machine in one run (see
 * bench/vhd-vs-qemu.sh). Not a test. Engine times are measured in-process (JVM start-up excluded);
 * qemu-img times are wall-clock per process. Each row is the best of three alternating attempts. Every conversion and write row includes the final
 * flush to disk (qemu-img runs with -t writeback, which flushes on close).
 */
public final class VhdVsQemuBench {
    private static final long GIB = 1L << 30;
    private static final int OPS = 100_000;
    private static final long STEP = (1 << 20) + 4096; // scatters 4 KiB requests over every block

    private static final int ROUNDS = 3;

    private record Row(String what, double engine, double qemu) {
    }

    /**
     * Runs the engine and qemu-img alternately {@link #ROUNDS} times and keeps each one's best time,
     * so a burst of load from other processes on a shared machine does not decide a row. {@code
     * cleanup} runs after every attempt (deleting outputs).
     */
    private static Row measure(String what, Action engine, Action qemu, Action cleanup) throws Exception {
        double e = Double.MAX_VALUE;
        double q = Double.MAX_VALUE;
        for (int i = 0; i < ROUNDS; i++) {
            e = Math.min(e, time(engine));
            cleanup.run();
            q = Math.min(q, time(qemu));
            cleanup.run();
        }
        System.out.printf(Locale.ROOT, "  %-34s hyperv4j %.2f s, qemu-img %.2f s%n", what, e, q);
        return new Row(what, e, q);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "target/bench"));
        long size = args.length > 1 ? Long.parseLong(args[1]) : GIB;
        Path raw = dir.resolve("src.raw");
        writeRandom(raw, size);
        List<Row> rows = new ArrayList<>();

        double copy = Double.MAX_VALUE;
        for (int i = 0; i < ROUNDS; i++) {
            copy = Math.min(copy, time(() -> ConvertCopyHarness.readWriteFsync(raw, dir.resolve("copy.raw"))));
            Files.delete(dir.resolve("copy.raw"));
        }

        Path eVhdx = dir.resolve("engine.vhdx");
        Path eVhd = dir.resolve("engine.vhd");
        Path out = dir.resolve("out");
        Action clean = () -> Files.deleteIfExists(out);
        rows.add(measure("raw -> dynamic VHDX", () -> VirtualDisks.convert(raw, out, VhdFormat.VHDX, VhdType.DYNAMIC),
                () -> qemu("convert", "-t", "writeback", "-f", "raw", "-O", "vhdx", "-o", "subformat=dynamic",
                        raw.toString(), out.toString()), clean));
        rows.add(measure("raw -> dynamic VHD", () -> VirtualDisks.convert(raw, out, VhdFormat.VHD, VhdType.DYNAMIC),
                () -> qemu("convert", "-t", "writeback", "-f", "raw", "-O", "vpc", "-o", "subformat=dynamic",
                        raw.toString(), out.toString()), clean));
        VirtualDisks.convert(raw, eVhdx, VhdFormat.VHDX, VhdType.DYNAMIC);
        VirtualDisks.convert(raw, eVhd, VhdFormat.VHD, VhdType.DYNAMIC);
        rows.add(measure("dynamic VHDX -> raw", () -> VirtualDisks.convert(eVhdx, out, VhdFormat.RAW, VhdType.FIXED),
                () -> qemu("convert", "-t", "writeback", "-f", "vhdx", "-O", "raw", eVhdx.toString(), out.toString()),
                clean));
        rows.add(measure("dynamic VHD -> raw", () -> VirtualDisks.convert(eVhd, out, VhdFormat.RAW, VhdType.FIXED),
                () -> qemu("convert", "-t", "writeback", "-f", "vpc", "-O", "raw", eVhd.toString(), out.toString()),
                clean));

        Action none = () -> { };
        String benchArgs = "-c " + OPS + " -d 1 -s 4096 -S " + STEP + " -t writeback -f vhdx";
        rows.add(measure(OPS + " x 4 KiB reads (VHDX)", () -> scattered(eVhdx, size, false),
                () -> qemu(("bench " + benchArgs + " " + eVhdx).split(" ")), none));
        rows.add(measure(OPS + " x 4 KiB writes+flush (VHDX)", () -> scattered(eVhdx, size, true),
                () -> qemu(("bench -w " + benchArgs + " " + eVhdx).split(" ")), none));
        String vpcArgs = benchArgs.replace("-f vhdx", "-f vpc");
        rows.add(measure(OPS + " x 4 KiB reads (VHD)", () -> scattered(eVhd, size, false),
                () -> qemu(("bench " + vpcArgs + " " + eVhd).split(" ")), none));
        rows.add(measure(OPS + " x 4 KiB writes+flush (VHD)", () -> scattered(eVhd, size, true),
                () -> qemu(("bench -w " + vpcArgs + " " + eVhd).split(" ")), none));

        System.out.printf(Locale.ROOT, "%n%s of random data; plain copy through the page cache (read, write, fsync): "
                + "%.2f s (%.0f MB/s)%n%n", size == GIB ? "1 GiB" : size + " bytes", copy, size / copy / 1e6);
        System.out.printf(Locale.ROOT, "| %-32s | %10s | %10s | %14s | %16s |%n", "operation", "hyperv4j s", "qemu-img s",
                "hyperv4j/qemu", "hyperv4j/copy");
        System.out.printf("|%s|%s|%s|%s|%s|%n", "-".repeat(34), "-".repeat(12), "-".repeat(12), "-".repeat(16),
                "-".repeat(18));
        for (Row r : rows) {
            boolean conversion = r.what().contains("->");
            System.out.printf(Locale.ROOT, "| %-32s | %10.2f | %10.2f | %14.2f | %16s |%n", r.what(), r.engine(),
                    r.qemu(), r.engine() / r.qemu(), conversion ? String.format(Locale.ROOT, "%.2f", r.engine() / copy) : "");
        }
        Files.delete(eVhd);
        Files.delete(eVhdx);
        Files.delete(raw);
    }

    interface Action {
        void run() throws Exception;
    }

    private static double time(Action a) throws Exception {
        long t0 = System.nanoTime();
        a.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void qemu(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ExternalTools.find("qemu-img").orElseThrow(() -> new IllegalStateException("qemu-img not installed"))
                .toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(cmd + " failed: " + out);
        }
    }

    private static void writeRandom(Path raw, long size) throws IOException {
        SplittableRandom r = new SplittableRandom(1);
        ByteBuffer b = ByteBuffer.allocateDirect(16 << 20);
        try (FileChannel ch = FileChannel.open(raw, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long done = 0; done < size; done += b.capacity()) {
                b.clear();
                while (b.remaining() >= 8) {
                    b.putLong(r.nextLong());
                }
                b.flip().limit((int) Math.min(b.capacity(), size - done));
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            }
            ch.force(true);
        }
    }

    /** The access pattern of qemu-img bench -S: offset advances by STEP, modulo the disk size. */
    private static void scattered(Path file, long size, boolean write) {
        try (VirtualDisk d = VirtualDisks.open(file, write ? OpenMode.READ_WRITE : OpenMode.READ_ONLY)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(4096);
            long offset = 0;
            for (int i = 0; i < OPS; i++) {
                buf.clear();
                if (write) {
                    buf.put(0, (byte) i);
                    d.write(buf, offset);
                } else {
                    d.read(buf, offset);
                }
                offset += STEP;
                if (offset + 4096 > size) {
                    offset = offset % size;
                }
            }
            if (write) {
                d.flush();
            }
        }
    }
}
