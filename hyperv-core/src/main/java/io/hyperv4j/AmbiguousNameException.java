package io.hyperv4j;

import java.util.List;

/** A lookup by name matched more than one object; Hyper-V does not keep VM names unique. */
public class AmbiguousNameException extends HyperVException {
    /** The ids of all matches. */
    private final List<String> ids;

    /**
     * @param message the name looked up and how many matched
     * @param ids     the ids of all matches (copied)
     */
    public AmbiguousNameException(String message, List<String> ids) {
        super(message);
        this.ids = List.copyOf(ids);
    }

    /**
     * The ids of all matches, to pick one by id.
     *
     * @return the ids, immutable
     */
    public List<String> ids() {
        return ids;
    }
}
