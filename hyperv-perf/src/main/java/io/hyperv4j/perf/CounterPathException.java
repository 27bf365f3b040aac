package io.hyperv4j.perf;

/** A counter path that does not follow {@code \\HOST\Object(Parent/Instance#Index)\Counter}. */
public class CounterPathException extends PerfException {
    private final String path;
    private final int position;

    public CounterPathException(String path, int position, String reason) {
        super("malformed counter path '" + path + "' at character " + position + ": " + reason);
        this.path = path;
        this.position = position;
    }

    /** The text that failed to parse. */
    public String path() {
        return path;
    }

    /** Zero-based index of the offending character. */
    public int position() {
        return position;
    }
}
