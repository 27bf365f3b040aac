package io.hyperv4j.vhd;

import io.hyperv4j.vhd.block.Guids;
import io.hyperv4j.vhd.io.FileStorage;
import io.hyperv4j.vhd.io.Storage;
import io.hyperv4j.vhd.raw.RawDisk;
import io.hyperv4j.vhd.vhd.VhdDisk;
import io.hyperv4j.vhd.vhdx.VhdxCreator;
import io.hyperv4j.vhd.vhdx.VhdxDisk;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Entry point of the VHD/VHDX engine: create, open and inspect disks, and the whole-file operations
 * (convert, resize, compact, merge, re-parent, validate, changed blocks). Every operation that
 * produces a new file writes it beside the target and moves it into place atomically. Stateless and
 * thread-safe; operations on one file from two threads at once are not coordinated.
 *
 * <p>Every method reports failures as {@link VhdException} (a {@link VhdFormatException} when a file
 * does not follow its format), naming the file.
 */
public final class VirtualDisks {
    private VirtualDisks() {
    }

    // ---------------------------------------------------------------- create / open / inspect

    /**
     * Creates a disk file (which must not exist) and returns it opened read-write.
     *
     * @param path where the file goes
     * @param spec its format, type and sizes
     * @return the open disk; the caller closes it
     */
    public static VirtualDisk create(Path path, DiskSpec spec) {
        createFile(path, spec);
        return open(path, OpenMode.READ_WRITE);
    }

    /**
     * Creates a disk file (which must not exist); atomic: the file appears complete or not at all.
     *
     * @param path where the file goes
     * @param spec its format, type and sizes
     */
    public static void createFile(Path path, DiskSpec spec) {
        if (Files.exists(path)) {
            throw new VhdException(path + ": already exists");
        }
        removeStaleTemps(path);
        Path temp = tempBeside(path);
        try (Storage s = FileStorage.create(temp)) {
            writeNew(s, path, spec);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new VhdException(path + ": I/O error creating: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
        if (spec.type() == VhdType.DIFFERENCING) {
            // A child that would not open is never left behind (the parent was named by the caller, so its place is allowed).
            try (VirtualDisk check = open(temp, OpenOptions.of(OpenMode.READ_ONLY)
                    .withParentRoots(spec.parent().toAbsolutePath().getParent()))) {
                check.size();
            } catch (RuntimeException e) {
                deleteQuietly(temp);
                throw e;
            }
        }
        moveIntoPlace(temp, path);
    }

    private static void writeNew(Storage s, Path finalPath, DiskSpec spec) throws IOException {
        switch (spec.format()) {
            case RAW -> s.setSize(spec.size());
            case VHDX -> {
                Map<String, String> locator = null;
                long size = spec.size();
                int logical = spec.logicalSectorSize();
                if (spec.type() == VhdType.DIFFERENCING) {
                    try (VirtualDisk p = open(spec.parent(), OpenMode.READ_ONLY)) {
                        if (!(p instanceof VhdxDisk parent)) {
                            throw new VhdException(finalPath + ": the parent of a VHDX must be a VHDX, not " + p.format());
                        }
                        size = checkedChildSize(finalPath, spec, parent.size());
                        logical = parent.sectorSize();
                        locator = vhdxLocator(finalPath, parent);
                    }
                }
                VhdxCreator.create(s, VhdxCreator.defaults(spec.type(), size, spec.blockSize(), logical,
                        spec.physicalSectorSize(), spec.diskIdentifier(), locator));
            }
            case VHD -> {
                if (spec.logicalSectorSize() > 512 || spec.physicalSectorSize() > 512) {
                    throw new VhdException(finalPath + ": VHD supports only 512-byte sectors");
                }
                long size = spec.size();
                VhdDisk.ParentLink link = null;
                if (spec.type() == VhdType.DIFFERENCING) {
                    try (VirtualDisk p = open(spec.parent(), OpenMode.READ_ONLY)) {
                        if (!(p instanceof VhdDisk parent)) {
                            throw new VhdException(finalPath + ": the parent of a VHD must be a VHD, not " + p.format());
                        }
                        size = checkedChildSize(finalPath, spec, parent.size());
                        link = vhdLink(finalPath, parent);
                    }
                }
                long block = spec.blockSize() == 0 ? 2L * 1024 * 1024 : spec.blockSize();
                VhdDisk.create(s, spec.type(), size, block,
                        spec.diskIdentifier() == null ? UUID.randomUUID() : spec.diskIdentifier(), link);
            }
            default -> throw new IllegalStateException();
        }
    }

    private static long checkedChildSize(Path child, DiskSpec spec, long parentSize) {
        if (spec.size() != 0 && spec.size() != parentSize) {
            throw new VhdException(child + ": a differencing disk has its parent's size (" + parentSize + "), not "
                    + spec.size());
        }
        return parentSize;
    }

    static Map<String, String> vhdxLocator(Path child, VhdxDisk parent) {
        Map<String, String> loc = new LinkedHashMap<>();
        loc.put("parent_linkage", Guids.braced(parent.dataWriteGuid()));
        loc.put("relative_path", ParentResolver.relative(child, parent.path()));
        loc.put("absolute_win32_path", parent.path().toAbsolutePath().toString());
        return loc;
    }

    static VhdDisk.ParentLink vhdLink(Path child, VhdDisk parent) {
        return new VhdDisk.ParentLink(parent.uniqueId(), parent.timeStamp(),
                ParentResolver.relative(child, parent.path()), parent.path().toAbsolutePath().toString());
    }

    /**
     * Opens a disk with no extra parent roots.
     *
     * @param path the file
     * @param mode read-only or read-write
     * @return the open disk; the caller closes it
     */
    public static VirtualDisk open(Path path, OpenMode mode) {
        return open(path, OpenOptions.of(mode));
    }

    /**
     * Opens a disk and, for differencing disks, its parent chain (read-only). A merge that was
     * interrupted in this chain (see {@link #merge}) is finished first, so the chain opens.
     *
     * @param path    the file
     * @param options the mode and where parents may live
     * @return the open disk; the caller closes it (which closes the chain)
     */
    public static VirtualDisk open(Path path, OpenOptions options) {
        Path self = path.toAbsolutePath().normalize();
        if (MergeJournal.anyPending(List.of(self)) && Files.exists(MergeJournal.journalOf(self))) {
            Path parent = Merger.finish(self);
            throw new VhdException(path + ": was being merged into " + parent
                    + " when interrupted; the merge has been finished and this file removed");
        }
        for (int attempt = 0; ; attempt++) {
            Set<Path> seen = new LinkedHashSet<>();
            VirtualDisk d;
            try {
                d = openChain(path, options, seen, 0);
            } catch (VhdException e) {
                if (attempt == 0 && MergeJournal.finishAll(seen)) {
                    continue;
                }
                throw e;
            }
            if (attempt == 0 && MergeJournal.anyPending(seen)) {
                d.close();
                MergeJournal.finishAll(seen);
                continue;
            }
            return d;
        }
    }

    private static VirtualDisk openChain(Path path, OpenOptions options, Set<Path> seen, int depth) {
        Path real;
        try {
            real = path.toRealPath();
        } catch (NoSuchFileException e) {
            throw new VhdException(path + ": no such file");
        } catch (IOException e) {
            throw new VhdException(path + ": cannot resolve: " + e.getMessage(), e);
        }
        if (!seen.add(real)) {
            throw new VhdFormatException(real.toString(), "parent locator", "", -1,
                    "the parent chain loops back to this file");
        }
        if (depth > OpenOptions.MAX_CHAIN_DEPTH) {
            throw new VhdFormatException(real.toString(), "parent locator", "", -1, "parent chain deeper than "
                    + OpenOptions.MAX_CHAIN_DEPTH + " disks");
        }
        boolean writable = options.mode() == OpenMode.READ_WRITE;
        Storage storage;
        try {
            storage = FileStorage.open(real, !writable);
        } catch (IOException e) {
            throw new VhdException(path + ": cannot open: " + e.getMessage(), e);
        }
        OpenOptions parentOptions = options.withMode(OpenMode.READ_ONLY);
        try {
            VhdFormat format = detect(storage, real);
            VirtualDisk disk = switch (format) {
                case VHDX -> VhdxDisk.open(storage, writable, candidates -> openChain(
                        ParentResolver.resolve(real, candidates, options.parentRoots()), parentOptions, seen, depth + 1));
                case VHD -> VhdDisk.open(storage, writable, candidates -> openChain(
                        ParentResolver.resolve(real, candidates, options.parentRoots()), parentOptions, seen, depth + 1));
                case RAW -> new RawDisk(storage, writable);
            };
            if (writable && disk instanceof io.hyperv4j.vhd.block.BlockDisk b) {
                try {
                    Validator.requireSoundBlocks(b);
                } catch (RuntimeException e) {
                    disk.close();
                    throw e;
                }
            }
            return disk;
        } catch (IOException e) {
            closeQuietly(storage);
            throw new VhdException(path + ": I/O error opening: " + e.getMessage(), e);
        }
    }

    /**
     * Format by signature ("vhdxfile" at 0, "conectix" footer), else by extension, else raw.
     *
     * @param path the file
     * @return its format
     */
    public static VhdFormat detect(Path path) {
        try (Storage s = FileStorage.open(path, true)) {
            return detect(s, path);
        } catch (IOException e) {
            throw new VhdException(path + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static VhdFormat detect(Storage s, Path path) throws IOException {
        long size = s.size();
        ByteBuffer head = ByteBuffer.allocate(8);
        s.read(head, 0);
        String sig = new String(head.array(), java.nio.charset.StandardCharsets.US_ASCII);
        if (sig.equals("vhdxfile")) {
            return VhdFormat.VHDX;
        }
        if (sig.equals("conectix")) {
            return VhdFormat.VHD;
        }
        if (size >= 512) {
            ByteBuffer tail = ByteBuffer.allocate(8);
            s.read(tail, size - 512);
            if (new String(tail.array(), java.nio.charset.StandardCharsets.US_ASCII).equals("conectix")) {
                return VhdFormat.VHD;
            }
        }
        return VhdFormat.fromFileName(path.getFileName().toString());
    }

    /**
     * Get-VHD: what the file is, without changing it.
     *
     * @param path the file
     * @return its properties
     */
    public static DiskInfo inspect(Path path) {
        return inspect(path, OpenOptions.of(OpenMode.READ_ONLY));
    }

    /**
     * Get-VHD with parent roots: the disk is opened read-only whatever the options' mode.
     *
     * @param path    the file
     * @param options where parents may live
     * @return its properties
     */
    public static DiskInfo inspect(Path path, OpenOptions options) {
        try (VirtualDisk d = open(path, options.withMode(OpenMode.READ_ONLY))) {
            return d.info();
        }
    }

    // ---------------------------------------------------------------- whole-file operations

    /**
     * Copies {@code source}'s content (its whole chain, flattened) into a new file {@code destination}
     * of the given format and type. Zero blocks are left unallocated in dynamic and raw targets.
     *
     * @param source      the disk to copy
     * @param destination the new file, which must not exist
     * @param target      the new file's format, type and sizes
     * @return the new file's properties
     */
    public static DiskInfo convert(Path source, Path destination, DiskSpec target) {
        return Converter.convert(source, destination, target);
    }

    /**
     * Copies {@code ranges} of one open disk to the same offsets of another (any formats; a differencing
     * {@code to} takes them as its own sectors), reading and writing overlapped and moving stored
     * blocks file to file in the kernel where both disks keep them as-is. Not flushed.
     *
     * @param from   the disk to read
     * @param to     the disk to write
     * @param ranges the virtual ranges, in ascending order, inside both disks
     * @return the bytes copied
     * @throws VhdException if either disk fails, or the calling thread is interrupted (the copy stops)
     */
    public static long copyRanges(VirtualDisk from, VirtualDisk to, List<ByteRange> ranges) {
        long limit = Math.min(from.size(), to.size());
        for (ByteRange r : ranges) {
            if (r.end() > limit) {
                throw new VhdException(to.path() + ": range " + r.offset() + "+" + r.length() + " lies past the end of "
                        + (from.size() < to.size() ? from.path() : to.path()) + " (" + limit + " bytes); nothing copied");
            }
        }
        return CopyPipeline.copy(from, to, ranges, false);
    }

    /**
     * Convert-VHD with the format's defaults for block and sector sizes.
     *
     * @param source      the disk to copy
     * @param destination the new file, which must not exist
     * @param format      the new file's format
     * @param type        the new file's type (not differencing)
     * @return the new file's properties
     */
    public static DiskInfo convert(Path source, Path destination, VhdFormat format, VhdType type) {
        return convert(source, destination, new DiskSpec(format, type, 0, 0, 0, 0, null, null));
    }

    /**
     * Resize-VHD: grow any disk; shrink VHDX and raw (VHD cannot shrink).
     *
     * @param path    the file
     * @param newSize the new virtual size in bytes
     * @return the file's properties after the change
     */
    public static DiskInfo resize(Path path, long newSize) {
        try (VirtualDisk d = open(path, OpenMode.READ_WRITE)) {
            if (d instanceof VhdxDisk x) {
                x.resize(newSize);
            } else if (d instanceof VhdDisk v) {
                v.resize(newSize);
            } else if (d instanceof RawDisk r) {
                r.resize(newSize);
            }
            return d.info();
        }
    }

    /**
     * Optimize-VHD: rewrites a dynamic or differencing disk without its all-zero (or unused) blocks.
     *
     * @param path the file
     * @return its properties after compaction
     */
    public static DiskInfo compact(Path path) {
        return Converter.compact(path);
    }

    /**
     * Merge-VHD: folds a differencing disk's data into its parent, then deletes the child. Returns the
     * parent's path. The parent is written in place; other children of that parent become invalid.
     *
     * @param child the differencing disk
     * @return the parent's path
     */
    public static Path merge(Path child) {
        return Merger.merge(child, Map.of());
    }

    /**
     * As {@link #merge(Path)}, then re-points each key of {@code thenRepoint} (a child of the merged
     * child, or a descendant re-linked in turn) at its value, in order. The whole merge is journaled
     * before the parent's first write: interrupted at any point, it is finished by the next open of
     * the child, the parent or a chain through them, or by calling this again.
     *
     * @param child       the differencing disk to fold into its parent
     * @param thenRepoint children (or descendants) to re-point afterwards, each at its value, in order
     * @return the parent's path
     */
    public static Path merge(Path child, Map<Path, Path> thenRepoint) {
        return Merger.merge(child, thenRepoint);
    }

    /**
     * Finishes the merges a killed run left in any of {@code files} (as child or parent); returns
     * whether there was one. Opening a disk does this for its own chain.
     *
     * @param files disk files to look at (children or parents of merges)
     * @return whether a merge was finished
     */
    public static boolean finishInterruptedMerges(java.util.Collection<Path> files) {
        return MergeJournal.finishAll(files);
    }

    /**
     * Set-VHD -ParentPath: re-points a differencing disk at another parent of the same size and format.
     *
     * @param child     the differencing disk
     * @param newParent the new parent
     */
    public static void setParent(Path child, Path newParent) {
        setParent(child, newParent, OpenOptions.of(OpenMode.READ_WRITE));
    }

    /**
     * Set-VHD -ParentPath with parent roots.
     *
     * @param child     the differencing disk
     * @param newParent the new parent
     * @param options   where parents may live
     */
    public static void setParent(Path child, Path newParent, OpenOptions options) {
        Merger.setParent(child, newParent, options);
    }

    /**
     * Test-VHD, in detail: every fault found, not only the first.
     *
     * @param path the file
     * @return the report
     */
    public static ValidationReport validate(Path path) {
        return Validator.validate(path, OpenOptions.of(OpenMode.READ_ONLY));
    }

    /**
     * The byte ranges whose content differs between two states of a disk: {@code before} (e.g. a
     * backup's reference copy or the parent of a checkpoint) and {@code after}. When {@code after} is
     * a differencing disk descending from {@code before}, only its stored blocks are examined.
     *
     * @param before the earlier state
     * @param after  the later state
     * @return the changed ranges, in offset order
     */
    public static List<ByteRange> changedBlocks(Path before, Path after) {
        return ChangeTracker.changed(before, after);
    }

    // ---------------------------------------------------------------- file helpers

    static Path tempBeside(Path target) {
        Path dir = target.toAbsolutePath().getParent();
        return dir.resolve(tempPrefix(target) + UUID.randomUUID().toString().substring(0, 8));
    }

    private static String tempPrefix(Path target) {
        return "." + target.getFileName() + ".tmp-";
    }

    /**
     * Deletes the temporary files a killed run left while building {@code target} (the run that
     * owns the target's name owns them); one a live run holds is locked and stays.
     */
    static void removeStaleTemps(Path target) {
        Path dir = target.toAbsolutePath().getParent();
        String prefix = tempPrefix(target);
        try (java.nio.file.DirectoryStream<Path> s = Files.newDirectoryStream(dir, p -> p.getFileName().toString().startsWith(prefix))) {
            for (Path stale : s) {
                try (io.hyperv4j.vhd.io.FileLocks.Hold h = io.hyperv4j.vhd.io.FileLocks.tryHoldIdle(stale)) {
                    if (h != null) {
                        Files.deleteIfExists(stale);
                    }
                }
            }
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(VirtualDisks.class).debug("cannot look for stale temporary files of {}", target, e);
        }
    }

    static void moveIntoPlace(Path temp, Path target) {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new VhdException(target + ": cannot move the new file into place: " + e.getMessage(), e);
        }
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort cleanup of a temporary file
        }
    }

    private static void closeQuietly(Storage s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // reporting the original failure
        }
    }
}
