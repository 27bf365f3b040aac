package io.hyperv4j.cli;

/**
 * The command line was wrong: unknown noun, verb or option, a missing or malformed argument.
 * The tool prints the message and the usage of the noun concerned, and exits with 2.
 */
public final class UsageException extends RuntimeException {
    private final String noun;

    public UsageException(String message) {
        this(null, message);
    }

    public UsageException(String noun, String message) {
        super(message);
        this.noun = noun;
    }

    /** The noun whose usage should be shown, or null for the tool's general usage. */
    public String noun() {
        return noun;
    }

    /** The same error, attributed to {@code noun} when it named none. */
    UsageException forNoun(String noun) {
        return this.noun != null ? this : new UsageException(noun, getMessage());
    }
}
