package io.hyperv4j.sim.v2.storage;

import io.hyperv4j.vhd.DiskSpec;
import io.hyperv4j.vhd.OpenMode;
import io.hyperv4j.vhd.VhdFormat;
import io.hyperv4j.vhd.VirtualDisk;
import io.hyperv4j.vhd.VirtualDisks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The differencing disks one VM's checkpoints made: which file is whose parent, and which files the
 * simulator created (only those it ever deletes; an attached file belongs to the user). Files that
 * nothing needs any more are folded away: a file with no dependents is deleted, a file with one
 * dependent takes that dependent's data (a merge whose cost is the dependent's stored blocks, not
 * the disk's size) and stands in for it.
 */
final class DiskGraph {
    private final Map<Path, Path> parentOf = new LinkedHashMap<>();
    private final Set<Path> owned = new HashSet<>();

    /**
     * Creates {@code <stem>_<guid>.avhdx} (or .avhd) beside {@code parent}, a differencing child of
     * it. A file of that name this graph does not know is a leftover of a run killed before its lab
     * was saved (the lab's random generator gives the same GUID again): it is replaced.
     */
    Path newChild(Path parent, String guid) {
        VhdFormat format = VirtualDisks.detect(parent);
        String ext = format == VhdFormat.VHD ? ".avhd" : ".avhdx";
        Path child = parent.resolveSibling(stem(parent) + "_" + guid + ext);
        if (!parentOf.containsKey(child) && Files.exists(child)) delete(child);
        VirtualDisks.createFile(child, DiskSpec.differencing(format, parent));
        parentOf.put(child, parent);
        owned.add(child);
        return child;
    }

    /** Records a file the simulator made earlier (after a load). */
    void adopt(Path child, Path parent) {
        parentOf.put(child, parent);
        owned.add(child);
    }

    /** The files were copied to new paths (a storage migration): the links and what the simulator made follow them. */
    void relocate(Map<Path, Path> moved) {
        Map<Path, Path> links = new LinkedHashMap<>();
        parentOf.forEach((c, p) -> links.put(moved.getOrDefault(c, c), moved.getOrDefault(p, p)));
        parentOf.clear();
        parentOf.putAll(links);
        Set<Path> made = new HashSet<>();
        owned.forEach(f -> made.add(moved.getOrDefault(f, f)));
        owned.clear();
        owned.addAll(made);
    }

    /** Deletes a child just made by {@link #newChild} (undoing a change that could not complete). */
    void discard(Path child) {
        parentOf.remove(child);
        owned.remove(child);
        delete(child);
    }

    Map<Path, Path> parents() {
        return parentOf;
    }

    /** Every file the graph knows (children and parents), children first. */
    List<Path> files() {
        Set<Path> all = new java.util.LinkedHashSet<>(parentOf.keySet());
        all.addAll(parentOf.values());
        return new ArrayList<>(all);
    }

    boolean knows(Path f) {
        return parentOf.containsKey(f) || parentOf.containsValue(f);
    }

    boolean owns(Path f) {
        return owned.contains(f);
    }

    /** {@code f} was merged into {@code parent} by a run that did not live to save the lab. */
    void forgetMerged(Path f, Path parent) {
        parentOf.remove(f);
        owned.remove(f);
        parentOf.replaceAll((c, p) -> p.equals(f) ? parent : p);
    }

    List<Path> dependents(Path f) {
        List<Path> out = new ArrayList<>();
        parentOf.forEach((c, p) -> {
            if (p.equals(f)) out.add(c);
        });
        return out;
    }

    /**
     * Folds {@code f} away if nothing {@code referenced} needs it: deleted when nothing depends on it
     * (then its parent is looked at in turn), merged with its single dependent otherwise. Returns
     * the replacements made (dependent file → file that now holds its data) so callers can re-point.
     */
    Map<Path, Path> collapse(Path f, Predicate<Path> referenced) {
        Map<Path, Path> moved = new LinkedHashMap<>();
        Path at = f;
        while (at != null && !referenced.test(at)) {
            List<Path> deps = dependents(at);
            if (deps.isEmpty()) {
                if (!owned.remove(at)) return moved;
                Path parent = parentOf.remove(at);
                delete(at);
                at = parent;
            } else if (deps.size() == 1) {
                Path d = deps.get(0);
                Map<Path, Path> relinks = new LinkedHashMap<>();
                for (Path grandChild : dependents(d)) relinks(grandChild, at, relinks);
                VirtualDisks.merge(d, relinks); // d's blocks into at, its children re-pointed, d deleted: journaled
                parentOf.remove(d);
                owned.remove(d);
                parentOf.putAll(relinks);
                moved.put(d, at);
                return moved;
            } else {
                return moved;
            }
        }
        return moved;
    }

    /**
     * The re-points that make {@code child} a child of {@code parent}. Re-pointing rewrites the
     * child's header, which gives it a new DataWriteGuid, so its own children are re-linked in turn
     * (one header write per descendant, no data copied).
     */
    private void relinks(Path child, Path parent, Map<Path, Path> out) {
        out.put(child, parent);
        for (Path c : dependents(child)) relinks(c, child, out);
    }

    static void write(Path file, long offset, byte[] data) {
        try (VirtualDisk d = VirtualDisks.open(file, OpenMode.READ_WRITE)) {
            d.write(offset, data, 0, data.length);
        }
    }

    static byte[] read(Path file, long offset, int length) {
        byte[] out = new byte[length];
        try (VirtualDisk d = VirtualDisks.open(file, OpenMode.READ_ONLY)) {
            d.read(offset, out, 0, length);
        }
        return out;
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        String s = dot > 0 ? n.substring(0, dot) : n;
        // a checkpoint's file is <original>_<GUID>: name new ones after the original
        int us = s.length() - 37;
        if (us > 0 && s.charAt(us) == '_' && s.substring(us + 1).matches("[0-9A-Fa-f-]{36}")) s = s.substring(0, us);
        return s;
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + p, e);
        }
    }
}
