package io.hyperv4j.perf.pdh;

import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.PdhStatus;

/** The pure parts of the PDH source: the path handed to PdhAddEnglishCounter, and status classes. Stateless and thread-safe. */
public final class PdhPaths {
    private PdhPaths() {
    }

    /**
     * The English path PDH expects for a counter on {@code host}: {@code \\HOST\Object(Instance)\Counter},
     * without a host part for the local computer (null, "", "." or "localhost").
     *
     * @param path the counter
     * @param host the computer
     * @return the path text
     */
    public static String englishPath(CounterPath path, String host) {
        boolean local = host == null || host.isEmpty() || host.equals(".") || host.equalsIgnoreCase("localhost");
        return path.withMachine(local ? null : host).toString();
    }

    /**
     * Whether a PDH function's return code means the computer is not reachable at all.
     *
     * @param pdhStatus the return code
     * @return true for no machine, cannot connect, or access denied
     */
    public static boolean isHostUnreachable(int pdhStatus) {
        return pdhStatus == PdhStatus.NO_MACHINE || pdhStatus == PdhStatus.CANNOT_CONNECT_MACHINE || pdhStatus == PdhStatus.ACCESS_DENIED;
    }
}
