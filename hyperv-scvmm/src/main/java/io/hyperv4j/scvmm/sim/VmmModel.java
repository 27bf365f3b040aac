package io.hyperv4j.scvmm.sim;

import io.hyperv4j.sim.Lab;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The simulated management server's own state in a lab: host groups, each host's OS profile, VM
 * folder and its capacity, the VMs' files, and whether a VDS hardware provider is installed.
 * Change it only under the lab lock ({@link VmmLab}).
 */
public final class VmmModel {
    public static final String ALL_HOSTS = "All Hosts";
    /** The OS profile of a host nobody set one for. */
    public static final String DEFAULT_OS = "WS2008_R2";
    /** A host's VM folder's capacity when nobody set one (bytes). */
    public static final long DEFAULT_CAPACITY = 2L << 40;
    /** Memory the parent partition keeps on every host (MB). */
    public static final long PARENT_RESERVE_MB = 512;

    final Lab lab;
    final Map<String, String> hostGroup = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final Map<String, String> os = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final Map<String, Path> folder = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final Map<String, Long> capacity = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    /** VM id (upper case) to its files. */
    final Map<String, VmFiles> files = new TreeMap<>();
    boolean server = true;
    boolean hardwareProvider = true;
    boolean luMapping = true;
    private Path scratch;

    VmmModel(Lab lab) {
        this.lab = lab;
    }

    /**
     * A VM's files in their folder (on its host's disk, or on its LU): each real file stands for
     * {@code nominalBytes} (what timing uses; the paper's 8.4 GB VHD is a small real VHDX that is
     * copied and compared byte for byte), plus its configuration's size.
     */
    public record VmFiles(Path dir, List<VmFile> files, long configBytes) {
        public VmFiles {
            files = List.copyOf(files);
        }

        public List<Path> paths() {
            return files.stream().map(f -> dir.resolve(f.name())).toList();
        }

        public long nominalBytes() {
            return files.stream().mapToLong(VmFile::nominalBytes).sum();
        }
    }

    public record VmFile(String name, long nominalBytes) {
        public VmFile {
            Objects.requireNonNull(name, "name");
            if (name.contains("/") || name.contains("\\") || name.startsWith(".")) throw new IllegalArgumentException("a plain file name, not " + name);
            if (nominalBytes < 0) throw new IllegalArgumentException("negative size for " + name);
        }
    }

    public String hostGroupOf(String host) {
        return hostGroup.getOrDefault(host, ALL_HOSTS);
    }

    public String osOf(String host) {
        return os.getOrDefault(host, DEFAULT_OS);
    }

    /** The host's VM folder: set explicitly, or {@code <lab dir or tmp>/vmm/<host>}. */
    public Path folderOf(String host) {
        Path f = folder.get(host);
        if (f != null) return f;
        return base().resolve(host.toLowerCase(Locale.ROOT));
    }

    /** {@code <lab file's folder>/vmm}, or for a lab without a file a temporary folder of its own (labs in one JVM never share files). */
    private synchronized Path base() {
        if (lab.file() != null && lab.file().toAbsolutePath().getParent() != null) return lab.file().toAbsolutePath().getParent().resolve("vmm");
        if (scratch == null) {
            try {
                scratch = java.nio.file.Files.createTempDirectory("hyperv4j-vmm-");
                Path folder = scratch;
                lab.onClose(() -> deleteTree(folder));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("no temporary folder for the lab's VM files: " + e.getMessage(), e);
            }
        }
        return scratch;
    }

    /**
     * Once the lab has a file: the VM files kept so far in its temporary folder move beside the file
     * ({@code <its folder>/vmm}), so the saved lab names folders that outlive this process and the
     * temporary one is removed. Returns how to rewrite a path that was in it; empty when nothing moved.
     */
    synchronized java.util.Optional<java.util.function.UnaryOperator<Path>> adoptScratch() {
        Path from = scratch;
        if (from == null || lab.file() == null || lab.file().toAbsolutePath().getParent() == null) return java.util.Optional.empty();
        scratch = null;
        Path to = base();
        try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(from)) {
            for (Path p : walk.filter(java.nio.file.Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                java.nio.file.Files.createDirectories(target.getParent());
                java.nio.file.Files.move(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (java.io.IOException e) {
            scratch = from;
            throw new java.io.UncheckedIOException("could not move the lab's VM files from " + from + " to " + to + ": " + e.getMessage(), e);
        }
        deleteTree(from);
        java.util.function.UnaryOperator<Path> moved = p -> p != null && p.startsWith(from) ? to.resolve(from.relativize(p).toString()) : p;
        files.replaceAll((id, f) -> new VmFiles(moved.apply(f.dir()), f.files(), f.configBytes()));
        folder.replaceAll((h, f) -> moved.apply(f));
        return java.util.Optional.of(moved);
    }

    /** Removes a scratch folder and everything in it (best effort: a file still open elsewhere stays). */
    private static void deleteTree(Path root) {
        try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            // already gone or unreadable: nothing more to release
        }
    }

    public long capacityOf(String host) {
        return capacity.getOrDefault(host, DEFAULT_CAPACITY);
    }

    public VmFiles filesOf(String vmId) {
        return files.getOrDefault(vmId.toUpperCase(Locale.ROOT), new VmFiles(null, List.of(), 0));
    }

    /** Where a VM's files go on a host's own disk. */
    public Path vmDir(String host, String vmId) {
        return folderOf(host).resolve(vmId.toUpperCase(Locale.ROOT));
    }

    /** Where a VM's files go on an LU (they move with it when the LU is re-mapped). */
    public Path luDir(String luKey, String vmId) {
        return base().resolve("lu").resolve(luKey.replace('/', '-')).resolve(vmId.toUpperCase(Locale.ROOT));
    }

    /** Whether the lab has a management server at all (seed 000 scenario 6: without one, only the cluster moves VMs). */
    public boolean server() {
        return server;
    }

    public boolean hardwareProvider() {
        return hardwareProvider;
    }

    public boolean luMapping() {
        return luMapping;
    }

    List<String> groups() {
        return new ArrayList<>(new java.util.TreeSet<>(hostGroup.values()));
    }
}
