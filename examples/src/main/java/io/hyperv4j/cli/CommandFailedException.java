package io.hyperv4j.cli;

/**
 * The operation was understood but did not succeed in a way the CLI itself detects (a file that
 * does not exist, a state that was not reached). The tool prints the message and exits with 1.
 */
public final class CommandFailedException extends RuntimeException {
    public CommandFailedException(String message) {
        super(message);
    }

    public CommandFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
