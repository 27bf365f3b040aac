package io.hyperv4j.scvmm;

import io.hyperv4j.HyperVException;
import java.util.Objects;

/** A move the management server refuses before changing anything, with the public reason. */
public class MoveRefusedException extends HyperVException {
    private final MethodRefusal reason;

    public MoveRefusedException(MethodRefusal reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public MethodRefusal reason() {
        return reason;
    }
}
