package io.hyperv4j.cluster.sim;

import io.hyperv4j.cim.CimException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cluster call the simulator refuses: a WBEM error (MSCluster methods return no value) whose
 * message names the reason as {@code [reason: NAME]}, so clients can tell refusals apart.
 */
public final class MigrationRefusedException extends CimException {
    private static final Pattern REASON = Pattern.compile("\\[reason: ([A-Z_]+)]");
    private final ClusterRefusal reason;

    public MigrationRefusedException(ClusterRefusal reason, String message) {
        super(reason.error, message + " [reason: " + reason.name() + "]");
        this.reason = reason;
    }

    public ClusterRefusal reason() {
        return reason;
    }

    /** The reason named in an error message, when the message came from a refusal. */
    public static ClusterRefusal reasonIn(String message) {
        if (message == null) return null;
        Matcher m = REASON.matcher(message);
        if (!m.find()) return null;
        try {
            return ClusterRefusal.valueOf(m.group(1).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

}
