package io.hyperv4j.sim.v2;

import io.hyperv4j.sim.Lab;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a simulated host may touch virtual disk files. A path from a client is used as-is when it
 * is absolute and, once normalized (and with symbolic links of its existing part resolved), lies
 * inside an allowed root; anything else is refused. The roots are the system property
 * {@value #ROOTS_PROPERTY} (a {@link File#pathSeparator}-separated list) when set, otherwise the
 * directory of the lab's file (for {@code sim:file:} labs) and {@code java.io.tmpdir}.
 */
final class DiskPaths {
    static final String ROOTS_PROPERTY = "hyperv4j.sim.disk-roots";

    private DiskPaths() {}

    /** The allowed absolute path for {@code text}, or null (with {@code why} filled in) when refused. */
    static Path resolve(Lab lab, String text, StringBuilder why) {
        if (text == null || text.isBlank()) {
            why.append("no path given");
            return null;
        }
        Path p;
        try {
            p = Path.of(text);
        } catch (InvalidPathException e) {
            why.append("'").append(text).append("' is not a valid path: ").append(e.getReason());
            return null;
        }
        if (!p.isAbsolute()) {
            why.append("'").append(text).append("' is not a fully qualified path");
            return null;
        }
        Path real = realish(p.normalize());
        for (Path root : roots(lab))
            if (real.startsWith(root)) return p.normalize();
        why.append("'").append(text).append("' is outside the directories this simulated host may use ").append(roots(lab))
                .append(" (system property ").append(ROOTS_PROPERTY).append(")");
        return null;
    }

    static List<Path> roots(Lab lab) {
        List<Path> out = new ArrayList<>();
        String prop = System.getProperty(ROOTS_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            for (String s : prop.split(File.pathSeparator)) if (!s.isBlank()) out.add(realish(Path.of(s).toAbsolutePath().normalize()));
            return out;
        }
        Path file = lab.file();
        if (file != null && file.toAbsolutePath().getParent() != null) out.add(realish(file.toAbsolutePath().getParent()));
        out.add(realish(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize()));
        return out;
    }

    /** The path with symbolic links of its longest existing prefix resolved, so a link cannot lead outside a root. */
    private static Path realish(Path p) {
        Path existing = p;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return p;
        try {
            return existing.toRealPath().resolve(existing.relativize(p));
        } catch (IOException e) {
            return p;
        }
    }
}
