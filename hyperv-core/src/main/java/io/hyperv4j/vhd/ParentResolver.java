package io.hyperv4j.vhd;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a parent locator's paths into a parent file, enforcing {@link OpenOptions}' rule: the parent
 * must be inside the child's directory (or below it) or under one of the allowed roots.
 */
final class ParentResolver {
    private ParentResolver() {
    }

    static Path resolve(Path childReal, List<String> candidates, List<Path> roots) {
        Path dir = childReal.getParent();
        List<String> tried = new ArrayList<>();
        String refused = null;
        for (String c : candidates) {
            Path p = toPath(dir, c);
            if (p == null) {
                continue;
            }
            tried.add(p.toString());
            if (!Files.isRegularFile(p)) {
                continue;
            }
            Path real;
            try {
                real = p.toRealPath();
            } catch (IOException e) {
                continue;
            }
            if (allowed(real, dir, roots)) {
                return real;
            }
            refused = c;
        }
        if (refused != null) {
            throw new VhdFormatException(childReal.toString(), "parent locator", "", -1, "parent path \"" + refused
                    + "\" points outside the allowed places (the child's directory tree and " + roots + ")");
        }
        throw new VhdFormatException(childReal.toString(), "parent locator", "", -1, "parent not found; tried "
                + (tried.isEmpty() ? candidates : tried));
    }

    private static Path toPath(Path dir, String locator) {
        String s = locator.trim();
        if (s.isEmpty() || s.indexOf('\0') >= 0) {
            return null;
        }
        if (File.separatorChar == '/') {
            s = s.replace('\\', '/');
        }
        try {
            Path p = Path.of(s);
            return (p.isAbsolute() ? p : dir.resolve(p)).normalize();
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static boolean allowed(Path real, Path childDir, List<Path> roots) {
        if (real.startsWith(childDir)) {
            return true;
        }
        for (Path root : roots) {
            try {
                if (real.startsWith(root.toRealPath())) {
                    return true;
                }
            } catch (IOException e) {
                // a root that does not exist allows nothing
            }
        }
        return false;
    }

    /** Locator text for {@code parent} relative to the child's directory, Windows style (".\x.vhdx"). */
    static String relative(Path child, Path parent) {
        Path rel = child.toAbsolutePath().getParent().relativize(parent.toAbsolutePath());
        String s = rel.toString().replace('/', '\\');
        return s.startsWith("..") ? s : ".\\" + s;
    }
}
