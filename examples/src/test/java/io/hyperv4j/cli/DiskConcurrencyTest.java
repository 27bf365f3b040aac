package io.hyperv4j.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.OpenMode;
import io.hyperv4j.vhd.ValidationReport;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vhd.VirtualDisk;
import io.hyperv4j.vhd.VirtualDisks;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several CLI processes on one disk at once (released together once all have started): resizes to
 * different sizes and compactions. Each either succeeds or is refused saying the disk is in use by
 * another process; no update is lost (the final size is one a successful resize set) and the file
 * stays valid with its data.
 */
class DiskConcurrencyTest {
    private static final int SIZE = 32 << 20;

    @TempDir
    Path dir;

    @Test
    void processesOnOneDiskAreSerializedOrRefusedWithTheReason() throws Exception {
        Path disk = dir.resolve("shared.vhdx");
        byte[] data = new byte[SIZE];
        new Random(5).nextBytes(data);
        try (VirtualDisk d = VirtualDisks.create(disk, DiskSpec.dynamic(VhdFormat.VHDX, SIZE).withBlockSize(1 << 20))) {
            d.write(0, data, 0, data.length);
            d.write(SIZE / 2, new byte[4 << 20], 0, 4 << 20); // zero blocks: work for optimize
        }
        Arrays.fill(data, SIZE / 2, SIZE / 2 + (4 << 20), (byte) 0);
        int refused = 0;
        long size = SIZE;
        for (int round = 0; round < 3; round++) {
            List<List<String>> commands = new ArrayList<>();
            Set<Long> sizes = new HashSet<>();
            for (int i = 1; i <= 3; i++) {
                long s = size + (long) (round * 3 + i) * (1 << 20);
                sizes.add(s);
                commands.add(List.of("vhd", "resize", disk.toString(), "--size", Long.toString(s)));
            }
            commands.add(List.of("vhd", "optimize", disk.toString()));
            commands.add(List.of("vhd", "optimize", disk.toString()));
            commands.add(List.of("vhd", "test", disk.toString()));
            List<Process> ps = new ArrayList<>();
            for (List<String> c : commands) ps.add(start(c));
            for (Process p : ps) assertEquals("ready", new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine());
            for (Process p : ps) {
                OutputStream go = p.getOutputStream();
                go.write('\n');
                go.flush();
            }
            Set<Long> applied = new HashSet<>();
            for (int i = 0; i < ps.size(); i++) {
                Process p = ps.get(i);
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                        + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(p.waitFor(60, TimeUnit.SECONDS));
                if (p.exitValue() == 0) {
                    if (commands.get(i).get(1).equals("resize")) applied.add(Long.parseLong(commands.get(i).get(4)));
                } else {
                    assertEquals(1, p.exitValue(), out);
                    assertTrue(out.contains("in use by another process") || out.contains("already open for writing"),
                            commands.get(i) + " was refused without saying why: " + out);
                    refused++;
                }
            }
            long now = VirtualDisks.inspect(disk).size();
            if (applied.isEmpty()) assertEquals(size, now, "nothing resized");
            else assertTrue(applied.contains(now), "the final size " + now + " is one a successful resize set " + applied);
            ValidationReport r = VirtualDisks.validate(disk);
            assertTrue(r.ok(), r.toString());
            try (VirtualDisk d = VirtualDisks.open(disk, OpenMode.READ_ONLY)) {
                byte[] b = new byte[SIZE];
                d.read(0, b, 0, SIZE);
                assertArrayEquals(data, b, "data kept");
            }
            size = now;
        }
    }

    private static Process start(List<String> command) throws java.io.IOException {
        List<String> cmd = ChildJvm.command(CrashingCli.class, "-Xmx256m", "-Dawait.go=true");
        cmd.add("-1");
        cmd.addAll(command);
        return new ProcessBuilder(cmd).start();
    }
}
