package io.hyperv4j.cim;

import java.util.Map;
import java.util.Optional;

/**
 * The one place that bounds how large a value the library, the command-line tool and the
 * simulator accept, so a hostile caller cannot make any of them do unbounded work; every refusal
 * names the value and the cap. Microsoft documents per-VM maximums (Plan for Hyper-V scalability in
 * Windows Server: 4 SCSI controllers of 64 disks, 4 IDE disks, 12 network adapters, 50 checkpoints,
 * 240 virtual processors); the caps below are generous bounds above them.
 */
public final class CimLimits {
    /**
     * Elements in one array value (a method's ResourceSettings, an AffectedConfigurations list, a
     * string[] property). The most resources a single VM holds at Microsoft's maximums is about 540
     * (4 SCSI controllers, 256 drives each with its disk, 2 IDE controllers with 4 drives and disks,
     * 12 network adapters and their connections), and a host runs at most 1,024 VMs: 1,024.
     */
    public static final int MAX_ARRAY = 1024;
    /**
     * Elements in one uint8[] value, which carries binary data rather than a list (a console
     * thumbnail: 1024x768 pixels of RGB 565 is 1.5 MiB): 4 MiB.
     */
    public static final int MAX_OCTETS = 4 << 20;
    /**
     * Characters in one string value, an embedded instance's text or a reference's path:
     * twice the 32,767 characters of Windows' longest (extended-length) path.
     */
    public static final int MAX_STRING = 65_536;
    /** Characters in one WQL query, as in one string value. */
    public static final int MAX_QUERY = MAX_STRING;
    /** Embedded instances nest at most this deep (a ResourceSettings element holds no further instance in Hyper-V's classes). */
    public static final int MAX_NESTING = 16;

    private CimLimits() {}

    /**
     * Why a value is too large for the caps.
     *
     * @param where what the value is, for the message ({@code Class.Method(Parameter)})
     * @param value the value, embedded instances included
     * @return a sentence naming {@code where}, the size and the cap; empty when the value is within the caps
     */
    public static Optional<String> problem(String where, CimValue value) {
        return problem(where, value, 0);
    }

    private static Optional<String> problem(String where, CimValue value, int depth) {
        if (value == null || value.isNull()) return Optional.empty();
        if (depth > MAX_NESTING) return Optional.of(where + " nests embedded instances deeper than " + MAX_NESTING);
        java.util.List<?> elements = value.array() ? value.asList() : java.util.List.of(value.value());
        int cap = value.type() == CimType.UINT8 ? MAX_OCTETS : MAX_ARRAY;
        if (value.array() && elements.size() > cap)
            return Optional.of(where + " has " + elements.size() + " elements; at most " + cap + " are allowed");
        for (int i = 0; i < elements.size(); i++) {
            Object e = elements.get(i);
            String at = value.array() ? where + "[" + i + "]" : where;
            if (e instanceof CimInstance instance) {
                for (Map.Entry<String, CimValue> p : instance.properties().entrySet()) {
                    Optional<String> inner = problem(at + "." + p.getKey(), p.getValue(), depth + 1);
                    if (inner.isPresent()) return inner;
                }
                continue;
            }
            int length = e instanceof String s ? s.length() : e instanceof ObjectPath p ? p.toString().length() : 0;
            if (length > MAX_STRING)
                return Optional.of(at + " is " + length + " characters; at most " + MAX_STRING + " are allowed");
        }
        return Optional.empty();
    }

    /**
     * Why a query is too long.
     *
     * @param wql the query text
     * @return a sentence naming its length and {@link #MAX_QUERY}; empty when it is within the cap
     */
    public static Optional<String> queryProblem(String wql) {
        if (wql != null && wql.length() > MAX_QUERY)
            return Optional.of("the WQL query is " + wql.length() + " characters; at most " + MAX_QUERY + " are allowed");
        return Optional.empty();
    }
}
