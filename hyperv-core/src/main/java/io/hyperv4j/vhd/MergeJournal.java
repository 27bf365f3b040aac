package io.hyperv4j.vhd;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The promise a merge makes before it writes the parent, so an interrupted merge is finished on the
 * next open instead of leaving a half-merged parent and a child that no longer links to it. Two
 * small files, written atomically before the first byte of the parent changes and removed after the
 * child is gone: {@code .<child>.merge} beside the child (the parent and the children to re-point
 * afterwards) and {@code .<parent>.merge-from} beside the parent (naming the child), so the merge is
 * found from either file. Copying the child's blocks again is harmless (the child never changes
 * during a merge), so finishing is simply doing the merge again from the start.
 */
record MergeJournal(Path child, Path parent, Map<Path, Path> repoint) {
    private static final Logger LOG = LoggerFactory.getLogger(MergeJournal.class);
    /** Journals this JVM is carrying out now: their own opens must not try to finish them. */
    private static final Set<Path> ACTIVE = Collections.newSetFromMap(new ConcurrentHashMap<>());

    static Path journalOf(Path child) {
        return child.resolveSibling("." + child.getFileName() + ".merge");
    }

    static Path markerOf(Path parent) {
        return parent.resolveSibling("." + parent.getFileName() + ".merge-from");
    }

    /**
     * Writes both files, each durable before the merge writes anything: the marker first, then the
     * journal, which makes the promise. A marker alone (killed between the two, or after
     * {@link #remove}) is dropped on the parent's next open; a journal alone would let opening the
     * child finish a merge whose parent was never told.
     */
    void write() throws IOException {
        Properties p = new Properties();
        p.setProperty("parent", parent.toString());
        int i = 0;
        for (Map.Entry<Path, Path> e : repoint.entrySet()) {
            p.setProperty("repoint." + i + ".child", e.getKey().toString());
            p.setProperty("repoint." + i + ".parent", e.getValue().toString());
            i++;
        }
        Properties m = new Properties();
        m.setProperty("child", child.toString());
        writeAtomically(markerOf(parent), m);
        writeAtomically(journalOf(child), p);
    }

    /**
     * Removes the journal, then the marker (called once re-pointing is done and the child deleted): a
     * marker left alone is dropped on the parent's next open, while a journal left alone beside a
     * deleted child would be found by nobody.
     */
    void remove() throws IOException {
        Files.deleteIfExists(journalOf(child));
        Files.deleteIfExists(markerOf(parent));
        syncDirectory(child.getParent());
    }

    static MergeJournal read(Path child) throws IOException {
        Properties p = load(journalOf(child));
        if (p == null) {
            return null;
        }
        String parent = p.getProperty("parent");
        if (parent == null) {
            throw new VhdException(journalOf(child) + ": merge journal names no parent");
        }
        Map<Path, Path> repoint = new LinkedHashMap<>();
        for (int i = 0; p.containsKey("repoint." + i + ".child"); i++) {
            repoint.put(Path.of(p.getProperty("repoint." + i + ".child")), Path.of(p.getProperty("repoint." + i + ".parent")));
        }
        return new MergeJournal(child, Path.of(parent), repoint);
    }

    /** The child whose merge into {@code parent} was interrupted, or null. */
    static Path interruptedInto(Path parent) throws IOException {
        Properties p = load(markerOf(parent));
        return p == null ? null : Path.of(p.getProperty("child", ""));
    }

    /** Whether any of {@code files} has an unfinished merge (as child or parent) that no one here is doing. */
    static boolean anyPending(Collection<Path> files) {
        for (Path f : files) {
            if (pendingChild(f) != null || pendingChildInto(f) != null) {
                return true;
            }
        }
        return false;
    }

    /** {@code f} itself, if it is a child whose merge was interrupted and no one here is doing it. */
    private static Path pendingChild(Path f) {
        return Files.exists(journalOf(f)) && !ACTIVE.contains(f) ? f : null;
    }

    /** The child being merged into {@code f}, if that merge was interrupted and no one here is doing it. */
    private static Path pendingChildInto(Path f) {
        try {
            Path child = interruptedInto(f);
            return child != null && !ACTIVE.contains(child) ? child : null;
        } catch (IOException e) {
            throw new VhdException(markerOf(f) + ": cannot read the merge marker: " + e.getMessage(), e);
        }
    }

    /** Finishes every unfinished merge touching {@code files}; returns whether one was finished. */
    static boolean finishAll(Collection<Path> files) {
        boolean any = false;
        for (Path f : files) {
            for (Path child : new Path[] {pendingChild(f), pendingChildInto(f)}) {
                if (child == null) {
                    continue;
                }
                if (!Files.exists(journalOf(child))) {
                    // The merge finished and only the parent's marker was left behind.
                    try {
                        Files.deleteIfExists(markerOf(f));
                    } catch (IOException e) {
                        throw new VhdException(markerOf(f) + ": cannot remove: " + e.getMessage(), e);
                    }
                } else {
                    Merger.finish(child);
                }
                any = true;
            }
        }
        return any;
    }

    static void begin(Path child) {
        ACTIVE.add(child);
    }

    static void end(Path child) {
        ACTIVE.remove(child);
    }

    private static Properties load(Path f) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            return null;
        }
        return p;
    }

    private static void writeAtomically(Path target, Properties p) throws IOException {
        StringWriter text = new StringWriter();
        p.store(text, "hyperv4j merge in progress: finished on the next open of either disk");
        Path temp = VirtualDisks.tempBeside(target);
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ch.write(StandardCharsets.UTF_8.encode(text.toString()));
                ch.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(target.getParent());
    }

    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot sync directory {}", dir, e);
        }
    }
}
