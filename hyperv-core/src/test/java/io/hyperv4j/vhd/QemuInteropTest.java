package io.hyperv4j.vhd;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.vhd.ExternalTools.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Interop with two independent implementations: qemu-img (check, compare, convert) and libvhdi's
 * vhdiinfo. Skipped with a reason when the tools are not installed; CI installs them.
 */
class QemuInteropTest {
    private static final int SIZE = (6 << 20) + 3 * 4096;

    @TempDir
    Path dir;

    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of(VhdFormat.VHDX, VhdType.DYNAMIC, 1L << 20, 512),
                Arguments.of(VhdFormat.VHDX, VhdType.DYNAMIC, 32L << 20, 4096),
                Arguments.of(VhdFormat.VHDX, VhdType.DYNAMIC, 256L << 20, 512),
                Arguments.of(VhdFormat.VHDX, VhdType.FIXED, 1L << 20, 512),
                Arguments.of(VhdFormat.VHDX, VhdType.FIXED, 2L << 20, 4096),
                Arguments.of(VhdFormat.VHD, VhdType.DYNAMIC, 2L << 20, 512),
                Arguments.of(VhdFormat.VHD, VhdType.DYNAMIC, 512L << 10, 512),
                Arguments.of(VhdFormat.VHD, VhdType.FIXED, 0L, 512));
    }

    @ParameterizedTest(name = "{0} {1} block {2} sector {3}")
    @MethodSource("kinds")
    void filesTheEngineWritesPassQemuCheckCompareAndVhdiinfo(VhdFormat format, VhdType type, long block, int sector) {
        ExternalTools.require("qemu-img");
        Path file = dir.resolve("disk." + (format == VhdFormat.VHD ? "vhd" : "vhdx"));
        DiskSpec spec = new DiskSpec(format, type, SIZE, block, format == VhdFormat.VHDX ? sector : 0,
                format == VhdFormat.VHDX ? 4096 : 0, null, null);
        DiskModel model = new DiskModel(SIZE);
        try (VirtualDisk d = VirtualDisks.create(file, spec)) {
            model.scribble(d, 7, 20);
        }
        Path raw = model.toRawFile(dir.resolve("model.raw"));
        assertVhdiinfoReads(file, type, SIZE);
        if (sector == 4096) {
            // qemu's vhdx driver supports only 512-byte logical sectors; it must refuse, not misread.
            Run check = ExternalTools.run("qemu-img", "check", "-f", "vhdx", file.toString());
            assertTrue(check.output().contains("Operation not supported"), check.output());
            assertTrue(ExternalTools.run("vhdiinfo", file.toString()).output().contains("4096 bytes"));
            return;
        }
        assertQemuAccepts(file, format);
        Run cmp = ExternalTools.run("qemu-img", "compare", "-f", "raw", "-F", ExternalTools.qemuFormat(format),
                raw.toString(), file.toString());
        assertEquals(0, cmp.exitCode(), cmp.output());
    }

    @ParameterizedTest(name = "convert raw to {0} {1}")
    @MethodSource("kinds")
    void convertedFilesMatchTheirSource(VhdFormat format, VhdType type, long block, int sector) {
        ExternalTools.require("qemu-img");
        DiskModel model = new DiskModel(SIZE);
        Random r = new Random(3);
        for (int i = 0; i < 5; i++) {
            byte[] chunk = new byte[300_000];
            r.nextBytes(chunk);
            System.arraycopy(chunk, 0, model.bytes, r.nextInt(SIZE - chunk.length), chunk.length);
        }
        Path raw = model.toRawFile(dir.resolve("src.img"));
        Path out = dir.resolve("out." + (format == VhdFormat.VHD ? "vhd" : "vhdx"));
        VirtualDisks.convert(raw, out, new DiskSpec(format, type, 0, block, 0, 0, null, null));
        assertQemuAccepts(out, format);
        Run cmp = ExternalTools.run("qemu-img", "compare", "-f", "raw", "-F", ExternalTools.qemuFormat(format),
                raw.toString(), out.toString());
        assertEquals(0, cmp.exitCode(), cmp.output());
        Path back = dir.resolve("back.img");
        VirtualDisks.convert(out, back, VhdFormat.RAW, VhdType.FIXED);
        try {
            assertArrayEquals(model.bytes, Files.readAllBytes(back));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static Stream<Arguments> qemuKinds() {
        return Stream.of(
                Arguments.of("vhdx", "subformat=dynamic"),
                Arguments.of("vhdx", "subformat=fixed"),
                Arguments.of("vhdx", "subformat=dynamic,block_size=1M,log_size=1M"),
                Arguments.of("vpc", "subformat=dynamic"),
                Arguments.of("vpc", "subformat=fixed"),
                Arguments.of("vpc", "subformat=dynamic,force_size=on"),
                Arguments.of("vpc", "subformat=fixed,force_size=on"));
    }

    @ParameterizedTest(name = "qemu-img {0} {1}")
    @MethodSource("qemuKinds")
    void filesQemuWritesReadBackByteForByte(String qemuFormat, String options) throws IOException {
        ExternalTools.require("qemu-img");
        byte[] data = new byte[5 << 20];
        Random r = new Random(11);
        for (int i = 0; i < 8; i++) {
            int len = 1 + r.nextInt(200_000);
            int at = r.nextInt(data.length - len);
            byte[] chunk = new byte[len];
            r.nextBytes(chunk);
            System.arraycopy(chunk, 0, data, at, len);
        }
        Path raw = Files.write(dir.resolve("src.img"), data);
        Path img = dir.resolve("q." + (qemuFormat.equals("vpc") ? "vhd" : "vhdx"));
        Run conv = ExternalTools.run("qemu-img", "convert", "-f", "raw", "-O", qemuFormat, "-o", options,
                raw.toString(), img.toString());
        assertEquals(0, conv.exitCode(), conv.output());
        try (VirtualDisk d = VirtualDisks.open(img, OpenMode.READ_ONLY)) {
            assertTrue(d.size() >= data.length, "size " + d.size());
            byte[] back = new byte[(int) d.size()];
            d.read(0, back, 0, back.length);
            assertArrayEquals(data, java.util.Arrays.copyOf(back, data.length));
            for (int i = data.length; i < back.length; i++) {
                assertEquals(0, back[i], "CHS padding must read as zeros");
            }
            assertEquals(options.contains("fixed") ? VhdType.FIXED : VhdType.DYNAMIC, d.type());
        }
        assertTrue(VirtualDisks.validate(img).ok(), () -> VirtualDisks.validate(img).problems().toString());
    }

    @Test
    void engineDifferencingChainsAreReadByVhdiinfo() {
        ExternalTools.require("vhdiinfo");
        for (VhdFormat f : new VhdFormat[] {VhdFormat.VHD, VhdFormat.VHDX}) {
            String ext = f == VhdFormat.VHD ? ".vhd" : ".vhdx";
            Path base = dir.resolve("base" + ext);
            VirtualDisks.createFile(base, DiskSpec.dynamic(f, 4 << 20));
            Path mid = dir.resolve("mid" + ext);
            VirtualDisks.createFile(mid, DiskSpec.differencing(f, base));
            Path top = dir.resolve("top" + ext);
            VirtualDisks.createFile(top, DiskSpec.differencing(f, mid));
            Run info = ExternalTools.run("vhdiinfo", top.toString());
            assertEquals(0, info.exitCode(), info.output());
            assertTrue(info.output().contains("Differential"), info.output());
            assertTrue(info.output().contains("mid" + ext), info.output());
        }
    }

    private static void assertQemuAccepts(Path file, VhdFormat format) {
        Run check = ExternalTools.run("qemu-img", "check", "-f", ExternalTools.qemuFormat(format), file.toString());
        if (format == VhdFormat.VHD && check.exitCode() == 63) {
            // qemu's vpc driver has no checker; opening it for the check (and compare) still parses it fully.
            assertTrue(check.output().contains("does not support checks"), check.output());
        } else {
            assertEquals(0, check.exitCode(), check.output());
        }
        Run info = ExternalTools.run("qemu-img", "info", "-f", ExternalTools.qemuFormat(format), "--output=json",
                file.toString());
        assertEquals(0, info.exitCode(), info.output());
        assertTrue(info.output().contains("\"virtual-size\": " + SIZE), info.output());
    }

    private static void assertVhdiinfoReads(Path file, VhdType type, long size) {
        if (ExternalTools.find("vhdiinfo").isEmpty()) {
            return;
        }
        Run info = ExternalTools.run("vhdiinfo", file.toString());
        assertEquals(0, info.exitCode(), info.output());
        assertTrue(info.output().contains("(" + size + " bytes)"), info.output());
        assertTrue(info.output().contains(type == VhdType.FIXED ? "Fixed" : "Dynamic"), info.output());
    }
}
