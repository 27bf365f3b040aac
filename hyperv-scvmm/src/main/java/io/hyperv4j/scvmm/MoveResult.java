package io.hyperv4j.scvmm;

import java.time.Duration;
import java.time.Instant;

/**
 * A finished move (Move-SCVirtualMachine's job): which method, why it was chosen, and the console's
 * start and end, with the time the VM was unreachable.
 */
public record MoveResult(String vm, String from, String to, MigrationMethod method, String reason,
                         Instant started, Instant ended, Duration outage) {
    public Duration total() {
        return Duration.between(started, ended);
    }
}
