package io.hyperv4j;

/** The VM (or other object) asked for does not exist on the host, or no longer does. */
public class NotFoundException extends HyperVException {
    /**
     * @param message what was waited for or looked up, and how far it got
     */
    public NotFoundException(String message) {
        super(message);
    }

    /**
     * @param message what was waited for or looked up, and how far it got
     * @param cause   the underlying failure
     */
    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
