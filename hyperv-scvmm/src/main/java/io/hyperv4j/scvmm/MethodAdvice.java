package io.hyperv4j.scvmm;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One method for one VM and destination: possible, or the reason it is not; and what it would cost.
 *
 * @param expectedTotal    the move from start to end, by the method's calibrated model
 * @param expectedDowntime how long the VM is unreachable
 */
public record MethodAdvice(MigrationMethod method, Optional<MethodRefusal> refusal, String detail,
                           Duration expectedTotal, Duration expectedDowntime) {
    public MethodAdvice {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(refusal, "refusal");
        Objects.requireNonNull(detail, "detail");
    }

    public boolean possible() {
        return refusal.isEmpty();
    }
}
