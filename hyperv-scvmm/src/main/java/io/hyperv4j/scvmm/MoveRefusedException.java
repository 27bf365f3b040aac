package io.hyperv4j.scvmm;

import io.hyperv4j.HyperVException;
import java.util.Objects;

/** A move the management server refuses before changing anything, with the public reason. */
public class MoveRefusedException extends HyperVException {
    /** Why. */
    private final MethodRefusal reason;

    /**
     * @param reason  why
     * @param message what was refused, in words
     */
    public MoveRefusedException(MethodRefusal reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * Why the move was refused.
     *
     * @return the reason
     */
    public MethodRefusal reason() {
        return reason;
    }
}
