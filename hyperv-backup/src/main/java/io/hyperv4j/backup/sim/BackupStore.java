package io.hyperv4j.backup.sim;

import io.hyperv4j.vhd.ByteRange;
import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.OpenMode;
import io.hyperv4j.vhd.ValidationReport;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vhd.VhdType;
import io.hyperv4j.vhd.VirtualDisk;
import io.hyperv4j.vhd.VirtualDisks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The backup server's disk: one folder per VM holding, per recovery point, a VHDX per disk
 * (dynamic for a replica, differencing on the previous point's file for an express full), the
 * Backup Components Document the job's VSS backup saved (what a restore initialises from) and the
 * VM's configuration. A point is staged under hidden names and renamed into place when its job
 * ends (configuration last), so a failed job leaves nothing and a half-committed point is not one.
 */
final class BackupStore {
    static final String CONFIG = "vm-config.json";
    /** The point's Backup Components Document (IVssBackupComponents::SaveAsXML at the job's end). */
    static final String DOCUMENT = "backup-components.xml";
    private final Path root;
    /** Crash injection for tests: called after each step of a retention fold. */
    java.util.function.Consumer<String> crash = step -> { };

    BackupStore(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    private Path vmDir(String vm) {
        return root.resolve(safe(vm));
    }

    /** A staged file: hidden until its point commits. */
    private Path staged(String vm, String pointId, String name) {
        return vmDir(vm).resolve("." + pointId + ".partial." + name);
    }

    /** A committed file: every point of a VM sits in one folder, so an express full's parent is its neighbour. */
    private Path committed(String vm, String pointId, String name) {
        return vmDir(vm).resolve(pointId + "." + name);
    }

    /** Stages a replica: each disk's whole content (its chain flattened) into a dynamic VHDX. */
    List<Path> stageFull(String vm, String pointId, List<Path> disks, String config) {
        fresh(vm, pointId);
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < disks.size(); i++) {
            Path f = staged(vm, pointId, "disk" + i + ".vhdx");
            VirtualDisks.convert(disks.get(i), f, VhdFormat.VHDX, VhdType.DYNAMIC);
            out.add(f);
        }
        writeConfig(staged(vm, pointId, CONFIG), config);
        return out;
    }

    /**
     * Stages an express full: per disk a differencing VHDX on the previous point's file holding the
     * {@code changed} ranges read from the disk. Returns the bytes copied.
     */
    long stageIncremental(String vm, String pointId, List<Path> disks, List<Path> parents, List<List<ByteRange>> changed,
                          String config) {
        fresh(vm, pointId);
        long copied = 0;
        for (int i = 0; i < disks.size(); i++) {
            Path f = staged(vm, pointId, "disk" + i + ".vhdx");
            try (VirtualDisk from = VirtualDisks.open(disks.get(i), OpenMode.READ_ONLY);
                 VirtualDisk to = VirtualDisks.create(f, DiskSpec.differencing(VhdFormat.VHDX, parents.get(i)))) {
                copied += VirtualDisks.copyRanges(from, to, changed.get(i));
                to.flush();
            }
        }
        writeConfig(staged(vm, pointId, CONFIG), config);
        return copied;
    }

    /**
     * The job ended well: its Backup Components Document is staged (written and flushed), the staged
     * disks and the document are renamed into place, then the configuration, whose presence is what
     * makes the point (a crash between leaves only hidden files, or files of a point the saved lab never
     * issued, which its load sweeps: {@link #sweepUnissued}). Returns the disks, the document, the configuration.
     */
    List<Path> commit(String vm, String pointId, int disks, String document) {
        List<Path> out = new ArrayList<>();
        try {
            writeDurably(staged(vm, pointId, DOCUMENT), document);
            crash.accept("document staged");
            for (int i = 0; i < disks; i++) {
                out.add(move(staged(vm, pointId, "disk" + i + ".vhdx"), committed(vm, pointId, "disk" + i + ".vhdx")));
                crash.accept("committed disk" + i);
            }
            out.add(move(staged(vm, pointId, DOCUMENT), committed(vm, pointId, DOCUMENT)));
            crash.accept("committed document");
            out.add(move(staged(vm, pointId, CONFIG), committed(vm, pointId, CONFIG)));
            crash.accept("committed configuration");
        } catch (IOException e) {
            throw new UncheckedIOException("could not commit recovery point " + pointId + " of " + vm + " in " + root, e);
        }
        return out;
    }

    private static Path move(Path from, Path to) throws IOException {
        try {
            return Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the backup store cannot rename " + from + " atomically", e);
        }
    }

    /** The job failed: nothing of it stays. */
    void discard(String vm, String pointId) {
        Path dir = vmDir(vm);
        if (!Files.isDirectory(dir)) return;
        String prefix = "." + pointId + ".partial.";
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the staged files of " + pointId + " in " + dir, e);
        }
    }

    // ------------------------------------------------------------------ retention

    /**
     * Deletes point {@code oldId} of {@code vm}, whose data point {@code nextId} (an express full, a
     * differencing VHDX per disk on it) needs: per disk, {@code nextId}'s file is merged into
     * {@code oldId}'s (the merge re-points {@code afterId}'s file, an express full on {@code nextId},
     * if given), the merged file takes {@code nextId}'s name and {@code afterId}'s file is re-pointed
     * at it; then {@code oldId}'s configuration goes, then its document. A journal written first makes every step
     * repeatable: {@link #finishFolds} completes one a kill interrupted.
     */
    void fold(String vm, String oldId, String nextId, String afterId, int disks) {
        Path journal = vmDir(vm).resolve("." + oldId + ".fold");
        Path tmp = vmDir(vm).resolve("." + oldId + ".fold.tmp");
        writeDurably(tmp, oldId + "\n" + nextId + "\n" + (afterId == null ? "" : afterId) + "\n" + disks + "\n");
        try {
            move(tmp, journal);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the retention journal " + journal, e);
        }
        crash.accept("journal");
        finishFold(vm, journal);
    }

    /** The parent {@code disk} opens against, or null when it has none or its parent is not where its locator says (a fold moved it). */
    private static Path parentOf(Path disk) {
        try {
            Path p = VirtualDisks.inspect(disk).parentPath();
            return p == null ? null : p.toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Completes every fold a killed run left in {@code vm}'s folder. */
    void finishFolds(String vm) {
        Path dir = vmDir(vm);
        if (!Files.isDirectory(dir)) return;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path j : s.filter(p -> p.getFileName().toString().endsWith(".fold")).toList()) finishFold(vm, j);
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + dir, e);
        }
    }

    private void finishFold(String vm, Path journal) {
        try {
            List<String> l = Files.readAllLines(journal, StandardCharsets.UTF_8);
            String oldId = l.get(0), nextId = l.get(1), afterId = l.get(2).isEmpty() ? null : l.get(2);
            for (int i = 0; i < Integer.parseInt(l.get(3)); i++) {
                String name = "disk" + i + ".vhdx";
                Path old = committed(vm, oldId, name), next = committed(vm, nextId, name);
                Path after = afterId == null ? null : committed(vm, afterId, name);
                VirtualDisks.finishInterruptedMerges(List.of(old, next));
                if (Files.exists(old) && Files.exists(next)) VirtualDisks.merge(next, after == null ? java.util.Map.of() : java.util.Map.of(after, old));
                crash.accept("merged disk" + i);
                if (Files.exists(old) && !Files.exists(next)) move(old, next);
                crash.accept("renamed disk" + i);
                if (after != null && !next.toAbsolutePath().normalize().equals(parentOf(after))) VirtualDisks.setParent(after, next);
                crash.accept("re-pointed disk" + i);
            }
            Files.deleteIfExists(committed(vm, oldId, CONFIG));
            crash.accept("configuration deleted");
            Files.deleteIfExists(committed(vm, oldId, DOCUMENT)); // no point now: its document goes with it
            crash.accept("document deleted");
            Files.delete(journal);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("could not finish the retention of a point of " + vm + " (journal " + journal + "): " + e.getMessage(), e);
        }
    }

    /**
     * Deletes what a killed run wrote for points the saved lab never issued (ids from {@code nextPoint} on):
     * a point committed, or staged, after the lab's last save is not one the lab knows, and the next run
     * issues its id again.
     */
    void sweepUnissued(int nextPoint) {
        if (!Files.isDirectory(root)) return;
        java.util.regex.Pattern id = java.util.regex.Pattern.compile("^\\.?RP(\\d+)\\..*");
        try (Stream<Path> vms = Files.list(root)) {
            for (Path dir : vms.filter(Files::isDirectory).toList())
                try (Stream<Path> s = Files.list(dir)) {
                    for (Path f : s.toList()) {
                        var m = id.matcher(f.getFileName().toString());
                        if (m.matches() && Long.parseLong(m.group(1)) >= nextPoint) Files.deleteIfExists(f);
                    }
                }
        } catch (IOException e) {
            throw new UncheckedIOException("could not clear the unissued points in " + root, e);
        }
    }

    /** Deletes a point no other point builds on: its configuration first (what makes it a point), then its document and disks. */
    void delete(String vm, String pointId, int disks) {
        try {
            Files.deleteIfExists(committed(vm, pointId, CONFIG));
            Files.deleteIfExists(committed(vm, pointId, DOCUMENT));
            for (int i = 0; i < disks; i++) Files.deleteIfExists(committed(vm, pointId, "disk" + i + ".vhdx"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete recovery point " + pointId + " of " + vm, e);
        }
    }

    /** Where point {@code pointId}'s Backup Components Document is, beside its configuration {@code config}. */
    static Path document(Path config, String pointId) {
        return config.resolveSibling(pointId + "." + DOCUMENT);
    }

    /**
     * Why a point's data file is unusable, or empty when every disk and the configuration open and
     * validate (the point's document is checked by the restore that initialises from it: a later
     * point's restore does not need the documents of the points it builds on).
     */
    static Optional<String> damage(List<Path> files) {
        for (Path f : files) {
            if (f.getFileName().toString().endsWith(DOCUMENT)) continue;
            if (!Files.isRegularFile(f)) return Optional.of(f + " is missing");
            if (f.getFileName().toString().endsWith(CONFIG)) {
                try {
                    Restores.Config.read(f);
                } catch (RuntimeException e) {
                    return Optional.of(f + " is not a VM configuration: " + e.getMessage());
                }
            }
            if (f.getFileName().toString().endsWith(".vhdx")) {
                try {
                    ValidationReport r = VirtualDisks.validate(f);
                    if (!r.ok()) return Optional.of(f + " is damaged: " + r);
                } catch (RuntimeException e) {
                    return Optional.of(f + " does not open as VHDX: " + e.getMessage());
                }
            }
        }
        return Optional.empty();
    }

    /** Writes the point's disk {@code file} (its chain flattened) as a dynamic VHDX at {@code target}, atomically. */
    static void flatten(Path file, Path target) {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".restoring");
        deleteTree(tmp);
        VirtualDisks.convert(file, tmp, VhdFormat.VHDX, VhdType.DYNAMIC);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteTree(tmp);
            throw new UncheckedIOException("could not put the restored disk at " + target, e);
        }
    }

    private void fresh(String vm, String pointId) {
        discard(vm, pointId);
        try {
            Files.createDirectories(vmDir(vm));
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + vmDir(vm) + " in the backup store", e);
        }
    }

    /** Writes {@code text} and forces it to the disk before the rename that commits it. */
    private static void writeDurably(Path file, String text) {
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) ch.write(b);
            ch.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    private static void writeConfig(Path file, String config) {
        try {
            Files.writeString(file, config, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the configuration " + file, e);
        }
    }

    /** Copies the folder {@code from} to {@code to} (files written under hidden names, then renamed; an existing file is replaced). */
    static void copyTree(Path from, Path to) {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path x : s.toList()) {
                Path target = to.resolve(from.relativize(x).toString());
                if (Files.isDirectory(x)) {
                    Files.createDirectories(target);
                } else {
                    Path tmp = target.resolveSibling("." + target.getFileName() + ".copying");
                    Files.copy(x, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy " + from + " to " + to, e);
        }
    }

    static void deleteTree(Path p) {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(x);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + p, e);
        }
    }

    static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
