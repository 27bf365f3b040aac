package io.hyperv4j.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** qemu-img as an independent judge of the disk files; checks are skipped (not failed) where it is not installed. */
final class QemuImg {
    private QemuImg() {}

    static boolean available() {
        try {
            return run(List.of("qemu-img", "--version")).exit == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Every file of every chain: qemu-img check on base disks (qemu's vhdx and vpc drivers do not
     * open differencing disks: "Operation not supported"), vhdiinfo (libvhdi) on differencing ones.
     * Each tool that is missing is skipped.
     */
    static void checkAll(List<Path> files) throws IOException {
        boolean qemu = available();
        boolean vhdi = runs("vhdiinfo", "-V");
        for (Path f : files) {
            boolean differencing = io.hyperv4j.vhd.VirtualDisks.inspect(f).vhdType() == io.hyperv4j.vhd.VhdType.DIFFERENCING;
            if (!differencing && qemu) {
                Result r = run(List.of("qemu-img", "check", "-f", format(f), f.toString()));
                // qemu's vpc driver has no checker (63) but parses the file fully to say so
                boolean ok = r.exit == 0 || (format(f).equals("vpc") && r.exit == 63 && r.output.contains("does not support checks"));
                assertEquals(true, ok, "qemu-img check " + f + ": " + r.output);
            }
            if (differencing && vhdi) {
                Result r = run(List.of("vhdiinfo", f.toString()));
                assertEquals(0, r.exit, "vhdiinfo " + f + ": " + r.output);
            }
        }
    }

    /**
     * qemu-img compare between what a chain holds (flattened by the engine into a standalone VHDX
     * that qemu reads) and the expected bytes: 0 when identical.
     */
    static int compareWith(Path chainTop, byte[] expected, Path scratch) throws IOException {
        Path flat = scratch.resolve("flat-" + System.nanoTime() + ".vhdx");
        Path raw = scratch.resolve("expected-" + System.nanoTime() + ".raw");
        try {
            io.hyperv4j.vhd.VirtualDisks.convert(chainTop, flat, io.hyperv4j.vhd.VhdFormat.VHDX, io.hyperv4j.vhd.VhdType.DYNAMIC);
            java.nio.file.Files.write(raw, expected);
            Result r = run(List.of("qemu-img", "compare", "-f", "raw", "-F", "vhdx", raw.toString(), flat.toString()));
            return r.exit;
        } finally {
            java.nio.file.Files.deleteIfExists(flat);
            java.nio.file.Files.deleteIfExists(raw);
        }
    }

    private static boolean runs(String... cmd) {
        try {
            run(List.of(cmd));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static String format(Path f) {
        return io.hyperv4j.vhd.VirtualDisks.detect(f) == io.hyperv4j.vhd.VhdFormat.VHD ? "vpc" : "vhdx";
    }

    record Result(int exit, String output) {}

    static Result run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(cmd + " did not finish in 60 s");
            }
            return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
