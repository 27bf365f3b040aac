package io.hyperv4j.perf;

/** A counter path that does not follow {@code \\HOST\Object(Parent/Instance#Index)\Counter}. Immutable. */
public class CounterPathException extends PerfException {
    /** The text that failed to parse. */
    private final String path;
    /** Zero-based index of the offending character. */
    private final int position;

    /**
     * @param path     the text that failed to parse
     * @param position zero-based index of the offending character
     * @param reason   what is wrong there
     */
    public CounterPathException(String path, int position, String reason) {
        super("malformed counter path '" + path + "' at character " + position + ": " + reason);
        this.path = path;
        this.position = position;
    }

    /**
     * The text that failed to parse.
     *
     * @return the text
     */
    public String path() {
        return path;
    }

    /**
     * Zero-based index of the offending character.
     *
     * @return the index
     */
    public int position() {
        return position;
    }
}
