package io.hyperv4j;

/** The VM (or other object) asked for does not exist on the host, or no longer does. */
public class NotFoundException extends HyperVException {
    public NotFoundException(String message) {
        super(message);
    }

    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
