package io.hyperv4j.vhd;

import java.nio.file.Path;
import java.util.List;

/**
 * Result of {@link VirtualDisks#validate}: every problem found, each naming where it is. Immutable.
 *
 * @param path     the file validated
 * @param problems what was found, in the order found
 */
public record ValidationReport(Path path, List<Problem> problems) {
    /**
     * Copies the problems.
     *
     * @param path     the file validated
     * @param problems what was found
     */
    public ValidationReport {
        problems = List.copyOf(problems);
    }

    /** How bad a problem is. */
    public enum Severity {
        /** The disk cannot be used safely. */
        ERROR,
        /** Redundant structure damaged or suboptimal; the disk still reads correctly. */
        WARNING
    }

    /**
     * One finding: structure at fault, file offset (-1 if none) and what is wrong.
     *
     * @param severity   how bad it is
     * @param structure  the structure at fault, e.g. "BAT"
     * @param fileOffset where in the file, or -1
     * @param message    what is wrong
     */
    public record Problem(Severity severity, String structure, long fileOffset, String message) {
    }

    /**
     * Whether the disk can be used: no ERROR was found.
     *
     * @return true when every problem is a WARNING
     */
    public boolean ok() {
        return problems.stream().noneMatch(p -> p.severity() == Severity.ERROR);
    }
}
