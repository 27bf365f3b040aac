package io.hyperv4j.vhd;

import java.nio.file.Path;
import java.util.List;

/**
 * How to open a disk. Parent rule: a differencing disk's parent must resolve (after following
 * symbolic links) inside the child's own directory, a directory below it, or one of
 * {@code parentRoots}; anything else is refused, so a crafted locator cannot make the engine open
 * arbitrary files. Chains deeper than {@link #MAX_CHAIN_DEPTH} or that loop are refused too. Immutable.
 *
 * @param mode        read-only or read-write (parents are always read-only)
 * @param parentRoots directories beyond the child's own tree where parents may live
 */
public record OpenOptions(OpenMode mode, List<Path> parentRoots) {
    /** The deepest parent chain that is opened. */
    public static final int MAX_CHAIN_DEPTH = 64;

    /**
     * Copies the roots.
     *
     * @param mode        read-only or read-write
     * @param parentRoots directories where parents may live besides the child's tree
     */
    public OpenOptions {
        parentRoots = List.copyOf(parentRoots);
    }

    /**
     * Options with no extra parent roots.
     *
     * @param mode read-only or read-write
     * @return the options
     */
    public static OpenOptions of(OpenMode mode) {
        return new OpenOptions(mode, List.of());
    }

    /**
     * These options with other parent roots.
     *
     * @param roots the directories, replacing the current ones
     * @return new options
     */
    public OpenOptions withParentRoots(Path... roots) {
        return new OpenOptions(mode, List.of(roots));
    }

    /**
     * These options with another mode.
     *
     * @param m the mode
     * @return new options
     */
    public OpenOptions withMode(OpenMode m) {
        return new OpenOptions(m, parentRoots);
    }
}
