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
 * qemu-img times are wall-clock per process. Every conversion and write row includes the final
 * flush to disk (qemu-img runs with -t writeback, which flushes on close).
 */
public final class VhdVsQemuBench {
    private static final long GIB = 1L << 30;
    private static final int OPS = 100_000;
    private static final long STEP = (1 << 20) + 4096; // scatters 4 KiB requests over every block

    private record Row(String what, double engine, double qemu) {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "target/bench"));
        long size = args.length > 1 ? Long.parseLong(args[1]) : GIB;
        Path raw = dir.resolve("src.raw");
        writeRandom(raw, size);
        List<Row> rows = new ArrayList<>();

        double copy = time(() -> plainCopy(raw, dir.resolve("copy.raw")));
        Files.delete(dir.resolve("copy.raw"));

        Path eVhdx = dir.resolve("engine.vhdx");
        Path qVhdx = dir.resolve("qemu.vhdx");
        rows.add(new Row("raw -> dynamic VHDX", time(() -> VirtualDisks.convert(raw, eVhdx,
                VhdFormat.VHDX, VhdType.DYNAMIC)), qemu("convert", "-t", "writeback", "-f", "raw", "-O", "vhdx",
                "-o", "subformat=dynamic", raw.toString(), qVhdx.toString())));
        Path eVhd = dir.resolve("engine.vhd");
        Path qVhd = dir.resolve("qemu.vhd");
        rows.add(new Row("raw -> dynamic VHD", time(() -> VirtualDisks.convert(raw, eVhd, VhdFormat.VHD,
                VhdType.DYNAMIC)), qemu("convert", "-t", "writeback", "-f", "raw", "-O", "vpc", "-o",
                "subformat=dynamic", raw.toString(), qVhd.toString())));
        Path eBack = dir.resolve("engine-back.raw");
        Path qBack = dir.resolve("qemu-back.raw");
        rows.add(new Row("dynamic VHDX -> raw", time(() -> VirtualDisks.convert(eVhdx, eBack, VhdFormat.RAW,
                VhdType.FIXED)), qemu("convert", "-t", "writeback", "-f", "vhdx", "-O", "raw", eVhdx.toString(),
                qBack.toString())));
        Files.delete(eBack);
        Files.delete(qBack);
        rows.add(new Row("dynamic VHD -> raw", time(() -> VirtualDisks.convert(eVhd, eBack, VhdFormat.RAW,
                VhdType.FIXED)), qemu("convert", "-t", "writeback", "-f", "vpc", "-O", "raw", eVhd.toString(),
                qBack.toString())));
        Files.delete(eBack);
        Files.delete(qBack);
        Files.delete(qVhd);
        Files.delete(qVhdx);

        String benchArgs = "-c " + OPS + " -d 1 -s 4096 -S " + STEP + " -t writeback -f vhdx";
        rows.add(new Row(OPS + " x 4 KiB reads (VHDX)", time(() -> scattered(eVhdx, size, false)),
                qemu(("bench " + benchArgs + " " + eVhdx).split(" "))));
        rows.add(new Row(OPS + " x 4 KiB writes + flush (VHDX)", time(() -> scattered(eVhdx, size, true)),
                qemu(("bench -w " + benchArgs + " " + eVhdx).split(" "))));
        String vpcArgs = benchArgs.replace("-f vhdx", "-f vpc");
        rows.add(new Row(OPS + " x 4 KiB reads (VHD)", time(() -> scattered(eVhd, size, false)),
                qemu(("bench " + vpcArgs + " " + eVhd).split(" "))));
        rows.add(new Row(OPS + " x 4 KiB writes + flush (VHD)", time(() -> scattered(eVhd, size, true)),
                qemu(("bench -w " + vpcArgs + " " + eVhd).split(" "))));

        System.out.printf(Locale.ROOT, "%n%s of random data; plain copy through the page cache (read, write, fsync): "
                + "%.2f s (%.0f MB/s)%n%n", size == GIB ? "1 GiB" : size + " bytes", copy, size / copy / 1e6);
        System.out.printf(Locale.ROOT, "| %-34s | %10s | %10s | %14s | %16s |%n", "operation", "hyperv4j s", "qemu-img s",
                "hyperv4j/qemu", "hyperv4j/copy");
        System.out.printf("|%s|%s|%s|%s|%s|%n", "-".repeat(36), "-".repeat(12), "-".repeat(12), "-".repeat(16),
                "-".repeat(18));
        for (Row r : rows) {
            boolean conversion = r.what().contains("->");
            System.out.printf(Locale.ROOT, "| %-34s | %10.2f | %10.2f | %14.2f | %16s |%n", r.what(), r.engine(),
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

    private static double qemu(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ExternalTools.find("qemu-img").orElseThrow(() -> new IllegalStateException("qemu-img not installed"))
                .toString());
        cmd.addAll(List.of(args));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(cmd + " failed: " + out);
        }
        return (System.nanoTime() - t0) / 1e9;
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

    private static void plainCopy(Path from, Path to) throws IOException {
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long size = in.size();
            for (long done = 0; done < size; ) {
                done += in.transferTo(done, size - done, out);
            }
            out.force(true);
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
