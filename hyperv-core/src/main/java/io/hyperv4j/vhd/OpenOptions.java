package io.hyperv4j.vhd;

import java.nio.file.Path;
import java.util.List;

/**
 * How to open a disk. Parent rule: a differencing disk's parent must resolve (after following
 * symbolic links) inside the child's own directory, a directory below it, or one of
 * {@code parentRoots}; anything else is refused, so a crafted locator cannot make the engine open
 * arbitrary files. Chains deeper than {@link #MAX_CHAIN_DEPTH} or that loop are refused too.
 */
public record OpenOptions(OpenMode mode, List<Path> parentRoots) {
    public static final int MAX_CHAIN_DEPTH = 64;

    public OpenOptions {
        parentRoots = List.copyOf(parentRoots);
    }

    public static OpenOptions of(OpenMode mode) {
        return new OpenOptions(mode, List.of());
    }

    public OpenOptions withParentRoots(Path... roots) {
        return new OpenOptions(mode, List.of(roots));
    }

    public OpenOptions withMode(OpenMode m) {
        return new OpenOptions(m, parentRoots);
    }
}
