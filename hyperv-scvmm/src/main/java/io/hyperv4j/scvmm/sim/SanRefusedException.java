package io.hyperv4j.scvmm.sim;

/** A change the simulated SAN refused; nothing was changed. */
public final class SanRefusedException extends RuntimeException {
    private final SanRefusal reason;

    public SanRefusedException(SanRefusal reason, String detail) {
        super(reason.text + ": " + detail);
        this.reason = reason;
    }

    public SanRefusal reason() {
        return reason;
    }
}
