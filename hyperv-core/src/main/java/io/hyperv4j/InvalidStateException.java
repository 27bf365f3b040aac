package io.hyperv4j;

/**
 * The object is not in a state that allows the operation (Msvm 32775 "Invalid state for this
 * operation", CIM 5 "Invalid State", job 4097 "Invalid State Transition"), e.g. pausing a VM that
 * is off. Nothing was changed. {@link #currentState()} names the state found, when known.
 */
public class InvalidStateException extends MethodFailedException {
    private final Object currentState;

    public InvalidStateException(String message, long returnCode, String returnCodeName, Object currentState) {
        super(message, returnCode, returnCodeName);
        this.currentState = currentState;
    }

    public InvalidStateException(String message, long returnCode, String returnCodeName, Object currentState, Throwable cause) {
        super(message, returnCode, returnCodeName, cause);
        this.currentState = currentState;
    }

    /** Refused by the SDK before asking the host, because the state read makes the call pointless. */
    public InvalidStateException(String message, Object currentState) {
        super(message);
        this.currentState = currentState;
    }

    /** The state the object was in when refused (a {@code VmState} for VMs), or null if unknown. */
    public Object currentState() {
        return currentState;
    }
}
