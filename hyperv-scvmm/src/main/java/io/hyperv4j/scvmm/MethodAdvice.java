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
    /**
     * Requires method, refusal and detail.
     *
     * @param method           the method
     * @param refusal          why it cannot be used, or empty
     * @param detail           what the advice rests on, for people
     * @param expectedTotal    the move from start to end
     * @param expectedDowntime how long the VM is unreachable
     */
    public MethodAdvice {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(refusal, "refusal");
        Objects.requireNonNull(detail, "detail");
    }

    /**
     * Whether the method can move the VM.
     *
     * @return whether there is no refusal
     */
    public boolean possible() {
        return refusal.isEmpty();
    }
}
