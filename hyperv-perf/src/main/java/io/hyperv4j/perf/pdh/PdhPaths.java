package io.hyperv4j.perf.pdh;

import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.PdhStatus;
import java.util.ArrayList;
import java.util.List;

/** The pure parts of the PDH source: paths, machine names, MULTI_SZ lists and status classes. */
final class PdhPaths {
    private PdhPaths() {
    }

    /** Whether {@code host} names this computer (null, "", "." or "localhost"), for which PDH takes no machine part. */
    static boolean isLocal(String host) {
        return host == null || host.isEmpty() || host.equals(".") || host.equalsIgnoreCase("localhost");
    }

    /**
     * The English path PDH expects for a counter on {@code host}: {@code \\HOST\Object(Instance)\Counter},
     * without a host part for the local computer.
     */
    static String englishPath(CounterPath path, String host) {
        return path.withMachine(isLocal(host) ? null : host).toString();
    }

    /**
     * The szMachineName argument of PdhEnumObjects / PdhEnumObjectItems: null for the local computer,
     * otherwise the name with the leading backslashes the documentation requires ({@code \\HV1}).
     */
    static String machineName(String host) {
        if (isLocal(host)) return null;
        return host.startsWith("\\\\") ? host : "\\\\" + host;
    }

    /** The strings of a MULTI_SZ buffer (each NUL-terminated, the list ended by an empty one) within {@code length} chars. */
    static List<String> multiSz(char[] buffer, int length) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < Math.min(length, buffer.length); i++) {
            if (buffer[i] != 0) continue;
            if (i == start) break;
            out.add(new String(buffer, start, i - start));
            start = i + 1;
        }
        return out;
    }

    /** Whether a PDH function's return code means the computer is not reachable at all. */
    static boolean isHostUnreachable(int pdhStatus) {
        return pdhStatus == PdhStatus.NO_MACHINE || pdhStatus == PdhStatus.CANNOT_CONNECT_MACHINE || pdhStatus == PdhStatus.ACCESS_DENIED;
    }
}
