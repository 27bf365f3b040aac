package io.hyperv4j.examples;

import io.hyperv4j.HyperV;
import io.hyperv4j.HyperVHost;
import io.hyperv4j.InvalidParameterException;
import io.hyperv4j.disk.DiskImages;
import io.hyperv4j.job.Operation;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.vhd.DiskInfo;
import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vhd.VhdType;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Virtual hard disks through one API, twice: on a host (Msvm_ImageManagementService; without
 * arguments the embedded simulated host, whose disks are real files here) and on local files with
 * the pure-Java engine. With {@code URI DIR} (e.g. {@code wmi://localhost C:\VMs}) on a real host,
 * DIR being a directory of that host.
 */
public final class VirtualDiskExample {
    private VirtualDiskExample() {}

    public static void main(String[] args) throws IOException {
        if (args.length >= 2) {
            try (HyperVHost host = HyperV.connect(URI.create(args[0]))) {
                run(host.disks(), Path.of(args[1]));
            }
            return;
        }
        Path dir = Files.createTempDirectory("hv4j-disks");
        try {
            try (Lab lab = Lab.standalone(); HyperVHost host = new HyperVHost(URI.create("sim:standalone"),
                    lab.session(Lab.DEFAULT_HOST), io.hyperv4j.ConnectOptions.defaults())) {
                System.out.println("== on simulated host " + host.name() + " (disks in " + dir + ")");
                run(host.disks(), dir.resolve("host"));
                System.out.println("Simulated time used: " + Duration.between(Lab.DEFAULT_START, lab.clock().now()).toMillis() + " ms");
            }
            System.out.println("== locally, with the engine");
            run(DiskImages.local(), dir.resolve("local"));
        } finally {
            // the fixed disks are real files of hundreds of MB: leave nothing behind
            try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static void run(DiskImages disks, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path base = dir.resolve("base.vhdx");
        Path child = dir.resolve("child.vhdx");
        Path fixed = dir.resolve("fixed.vhd");

        Operation<Path> create = disks.create(base, DiskSpec.dynamic(VhdFormat.VHDX, 256L << 20));
        create.onProgress(p -> System.out.println("  create: " + p + "%"));
        print(disks.inspect(create.await()));
        print(disks.inspect(disks.create(child, DiskSpec.differencing(VhdFormat.VHDX, base)).await()));
        disks.merge(child, base).await();
        System.out.println("  merged " + child.getFileName() + " into " + base.getFileName());
        disks.resize(base, 512L << 20).await();
        System.out.println("  grown to " + disks.inspect(base).size() / (1 << 20) + " MB");
        try {
            disks.resize(base, 512).await(); // a simulated host refuses in the job, the local engine at once
        } catch (InvalidParameterException e) {
            System.out.println("  refused as expected: " + e.getMessage());
        }
        print(disks.inspect(disks.convert(base, fixed, VhdFormat.VHD, VhdType.FIXED).await()));
        disks.validate(fixed).await();
        System.out.println("  " + fixed.getFileName() + " is valid");
    }

    private static void print(DiskInfo d) {
        System.out.printf("  %s: %s %s, %d MB virtual, %d KB on disk%s%n", d.path().getFileName(), d.vhdFormat(),
                d.vhdType(), d.size() >> 20, d.fileSize() >> 10, d.parentPath() == null ? "" : ", parent " + d.parentPath().getFileName());
    }
}
