package io.hyperv4j.vhd;

import java.nio.file.Path;
import java.util.List;

/** Result of {@link VirtualDisks#validate}: every problem found, each naming where it is. */
public record ValidationReport(Path path, List<Problem> problems) {
    public ValidationReport {
        problems = List.copyOf(problems);
    }

    public enum Severity {
        /** The disk cannot be used safely. */
        ERROR,
        /** Redundant structure damaged or suboptimal; the disk still reads correctly. */
        WARNING
    }

    /** One finding: structure at fault, file offset (-1 if none) and what is wrong. */
    public record Problem(Severity severity, String structure, long fileOffset, String message) {
    }

    /** True when no ERROR was found. */
    public boolean ok() {
        return problems.stream().noneMatch(p -> p.severity() == Severity.ERROR);
    }
}
