package io.hyperv4j;

import io.hyperv4j.vm.VmState;
import java.util.Optional;

/**
 * The object is not in a state that allows the operation (Msvm 32775 "Invalid state for this
 * operation", CIM 5 "Invalid State", job 4097 "Invalid State Transition"), e.g. pausing a VM that
 * is off. Nothing was changed. {@link #currentState()} names the VM's state found, when known.
 */
public class InvalidStateException extends MethodFailedException {
    private final VmState currentState;

    /** A refusal the host returned; {@code currentState} the VM's state read then, or null. */
    public InvalidStateException(String message, long returnCode, String returnCodeName, VmState currentState) {
        super(message, returnCode, returnCodeName);
        this.currentState = currentState;
    }

    /** A refusal the host returned through {@code cause} (a failed job); {@code currentState} or null. */
    public InvalidStateException(String message, long returnCode, String returnCodeName, VmState currentState, Throwable cause) {
        super(message, returnCode, returnCodeName, cause);
        this.currentState = currentState;
    }

    /** Refused by the SDK before asking the host, because the state read makes the call pointless. */
    public InvalidStateException(String message, VmState currentState) {
        super(message);
        this.currentState = currentState;
    }

    /** The VM's state when refused; empty when unknown (it could not be read, or the object is no VM). */
    public Optional<VmState> currentState() {
        return Optional.ofNullable(currentState);
    }
}
