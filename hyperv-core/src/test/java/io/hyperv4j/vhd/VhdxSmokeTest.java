package io.hyperv4j.vhd;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VhdxSmokeTest {
    @TempDir
    Path dir;

    @Test
    void createWriteReopenRead() {
        Path p = dir.resolve("a.vhdx");
        byte[] data = new byte[100_000];
        new Random(1).nextBytes(data);
        try (VirtualDisk d = VirtualDisks.create(p, DiskSpec.dynamic(VhdFormat.VHDX, 8L << 20).withBlockSize(1 << 20))) {
            d.write(3_000_000, data, 0, data.length);
        }
        try (VirtualDisk d = VirtualDisks.open(p, OpenMode.READ_ONLY)) {
            byte[] back = new byte[data.length];
            d.read(3_000_000, back, 0, back.length);
            assertArrayEquals(data, back);
            System.out.println(d.info());
        }
        System.out.println(ExternalTools.run("qemu-img", "check", "-f", "vhdx", p.toString()));
        System.out.println(ExternalTools.run("qemu-img", "info", p.toString()));
        System.out.println(ExternalTools.run("vhdiinfo", p.toString()));
    }
}
