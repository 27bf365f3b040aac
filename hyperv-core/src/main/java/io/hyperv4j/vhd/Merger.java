package io.hyperv4j.vhd;

import io.hyperv4j.vhd.block.BlockDisk;
import io.hyperv4j.vhd.block.ParentOpener;
import io.hyperv4j.vhd.io.FileLocks;
import io.hyperv4j.vhd.io.FileStorage;
import io.hyperv4j.vhd.io.Storage;
import io.hyperv4j.vhd.vhd.VhdDisk;
import io.hyperv4j.vhd.vhdx.VhdxDisk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merge a child into its parent, and re-point a child at another parent. A merge holds both files
 * (the child's lock for writing, so nothing changes it, and the parent's), journals itself before the
 * parent's first write ({@link MergeJournal}) and is finished by the next open if it is interrupted.
 */
final class Merger {
    private static final Logger LOG = LoggerFactory.getLogger(Merger.class);

    private Merger() {
    }

    static Path merge(Path child, Map<Path, Path> thenRepoint) {
        Path c = realPath(child);
        if (Files.exists(MergeJournal.journalOf(c))) {
            return finish(c);
        }
        MergeJournal journal;
        try (FileLocks.Hold own = FileLocks.hold(c, true);
                VirtualDisk cd = VirtualDisks.open(c, OpenMode.READ_ONLY)) {
            if (cd.type() != VhdType.DIFFERENCING) {
                throw new VhdException(child + ": only a differencing disk can be merged into its parent");
            }
            Path parentPath = cd.parent().orElseThrow().path();
            Map<Path, Path> repoint = new LinkedHashMap<>();
            thenRepoint.forEach((k, v) -> repoint.put(k.toAbsolutePath().normalize(), v.toAbsolutePath().normalize()));
            journal = new MergeJournal(c, parentPath, repoint);
            preflight((BlockDisk) cd);
            MergeJournal.begin(c);
            try (VirtualDisk p = VirtualDisks.open(parentPath, OpenOptions.of(OpenMode.READ_WRITE)
                    .withParentRoots(parentPath.getParent()))) {
                journal.write(); // from here on the merge finishes, now or on the next open
                Converter.copyLayer((BlockDisk) cd, p);
            } finally {
                MergeJournal.end(c);
            }
        } catch (IOException e) {
            throw new VhdException(child + ": I/O error merging: " + e.getMessage(), e);
        }
        complete(journal);
        return journal.parent();
    }

    /**
     * Reads every BAT entry and sector bitmap of the child, so a fault in it refuses the merge
     * before the parent's first write rather than halfway through.
     */
    private static void preflight(BlockDisk layer) {
        for (long b = 0; b < layer.blockCount(); b++) {
            layer.forEachPresentRun(b, (off, len) -> { });
        }
    }

    /**
     * Finishes a merge whose journal {@code child} has: copies the child's blocks into the parent
     * again (the child does not link to the half-merged parent any more, so it is opened against it
     * without the link check), re-points, deletes the child. Returns the parent.
     */
    static Path finish(Path child) {
        MergeJournal.begin(child);
        try {
            MergeJournal journal = MergeJournal.read(child);
            if (journal == null) {
                throw new VhdException(child + ": no merge to finish");
            }
            if (Files.exists(child)) {
                LOG.warn("{}: finishing its interrupted merge into {}", child, journal.parent());
                try (FileLocks.Hold own = FileLocks.hold(child, true);
                        VirtualDisk cd = openAgainst(child, journal.parent(), false);
                        VirtualDisk p = VirtualDisks.open(journal.parent(), OpenOptions.of(OpenMode.READ_WRITE)
                                .withParentRoots(journal.parent().getParent()))) {
                    Converter.copyLayer((BlockDisk) cd, p);
                }
            }
            complete(journal);
            return journal.parent();
        } catch (IOException e) {
            throw new VhdException(child + ": I/O error finishing a merge: " + e.getMessage(), e);
        } finally {
            MergeJournal.end(child);
        }
    }

    /** After the parent holds the child's data: re-point, delete the child, drop the journal (each step repeatable). */
    private static void complete(MergeJournal journal) {
        MergeJournal.begin(journal.child());
        try {
            journal.repoint().forEach((c, p) -> {
                if (Files.exists(c)) {
                    setParent(c, p, OpenOptions.of(OpenMode.READ_WRITE));
                }
            });
            Files.deleteIfExists(journal.child());
            journal.remove();
        } catch (IOException e) {
            throw new VhdException(journal.child() + ": merged into " + journal.parent() + " but could not be deleted: "
                    + e.getMessage(), e);
        } finally {
            MergeJournal.end(journal.child());
        }
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (NoSuchFileException e) {
            Path abs = p.toAbsolutePath().normalize();
            if (Files.exists(MergeJournal.journalOf(abs))) {
                return abs; // merged and deleted; only re-pointing and the journal's removal remained
            }
            throw new VhdException(p + ": no such file");
        } catch (IOException e) {
            throw new VhdException(p + ": cannot resolve: " + e.getMessage(), e);
        }
    }

    /** Opens {@code child} over {@code parent} without checking their link (re-pointing, finishing a merge). */
    private static VirtualDisk openAgainst(Path child, Path parent, boolean writable) throws IOException {
        VhdFormat format = VirtualDisks.detect(child);
        if (format == VhdFormat.RAW) {
            throw new VhdException(child + ": a raw image has no parent");
        }
        Storage storage = FileStorage.open(child, !writable);
        ParentOpener parents = candidates -> VirtualDisks.open(parent, OpenMode.READ_ONLY);
        return format == VhdFormat.VHDX ? VhdxDisk.open(storage, writable, parents, false)
                : VhdDisk.open(storage, writable, parents, false);
    }

    static void setParent(Path child, Path newParent, OpenOptions options) {
        Path childReal;
        Path parentReal;
        try {
            childReal = child.toRealPath();
            parentReal = newParent.toRealPath();
        } catch (IOException e) {
            throw new VhdException("cannot resolve " + child + " or " + newParent + ": " + e.getMessage(), e);
        }
        // The new parent's own chain must not lead back to the child.
        try (VirtualDisk p = VirtualDisks.open(parentReal, OpenOptions.of(OpenMode.READ_ONLY)
                .withParentRoots(options.parentRoots().toArray(Path[]::new)))) {
            for (VirtualDisk d = p; d != null; d = d.parent().orElse(null)) {
                if (d.path().equals(childReal)) {
                    throw new VhdFormatException(childReal.toString(), "parent locator", "", -1, "new parent "
                            + parentReal + " descends from this disk: the chain would loop");
                }
            }
        }
        try (VirtualDisk c = openAgainst(childReal, parentReal, true);
                VirtualDisk p = VirtualDisks.open(parentReal, OpenMode.READ_ONLY)) {
            if (c instanceof VhdxDisk x) {
                x.setParentLocator(VirtualDisks.vhdxLocator(childReal, (VhdxDisk) p));
            } else {
                ((VhdDisk) c).setParent(VirtualDisks.vhdLink(childReal, (VhdDisk) p));
            }
        } catch (IOException e) {
            throw new VhdException(child + ": cannot open: " + e.getMessage(), e);
        }
    }
}
