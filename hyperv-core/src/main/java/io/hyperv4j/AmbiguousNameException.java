package io.hyperv4j;

import java.util.List;

/** A lookup by name matched more than one object; Hyper-V does not keep VM names unique. */
public class AmbiguousNameException extends HyperVException {
    private final List<String> ids;

    public AmbiguousNameException(String message, List<String> ids) {
        super(message);
        this.ids = List.copyOf(ids);
    }

    /** The ids of all matches, to pick one by id. */
    public List<String> ids() {
        return ids;
    }
}
