package io.hyperv4j.scvmm.sim;

import java.time.Instant;

/**
 * The events a host logs when the last path to a disk it has online disappears, by its multipath
 * software: seed 000's Table 6-1 with its placeholders filled (disk number, MPIO disk, path id).
 */
final class PathEvents {
    private static final String VDS = "Unexpected failure. Error code: 2@01010013";
    private static final String SYSTEM = "System", APPLICATION = "Application", ERROR = "Error", WARNING = "Warning";

    private PathEvents() {
    }

    static void lost(HostSan h, HostDisk d, SimArray a, Instant at) {
        int n = d.number;
        String pathId = String.format("%06d", n - 1);
        String disk15 = "The device, \\Device\\Harddisk" + n + "\\DR" + n + ", is not ready for access yet.";
        switch (h.mpio) {
            case OS_BUNDLED -> {
                h.log(new HostEvent(at, SYSTEM, ERROR, "Disk", 15, disk15));
                h.log(new HostEvent(at, SYSTEM, ERROR, "mpio", 16, "A fail-over on \\Device\\MPIODisk" + (n - 1) + " occurred."));
                h.log(new HostEvent(at, SYSTEM, ERROR, "mpio", 32, "Microsoft DSM failed to return a Path to \\Device\\MPIODisk" + (n - 1) + "."));
                h.log(new HostEvent(at, SYSTEM, WARNING, "mpio", 18, "A Single Path Fail-Over is being attempted on \\Device\\MPIODisk" + (n - 1) + "."));
                h.log(new HostEvent(at, SYSTEM, ERROR, "VDS Basic Provider", 1, VDS));
            }
            case HDLM -> {
                h.log(new HostEvent(at, SYSTEM, ERROR, "Disk", 15, disk15));
                h.log(new HostEvent(at, SYSTEM, ERROR, "VDS Basic Provider", 1, VDS));
                dlmManager(h, d, a, at, pathId);
            }
            case HDLM_DYNAMIC_REMOVAL -> {
                h.log(new HostEvent(at, SYSTEM, ERROR, "HDLMdsm", 20781, "KAPL05301-E A path has been removed. Make sure that the path is "
                        + "correctly connected to the LU, and then recover the path. If the path cannot be recovered, execute the DLMgetras "
                        + "utility to collect error information, and then contact your vendor or maintenance company. Refer to the HDLM "
                        + "User's Guide for instructions how to execute the DLMgetras utility."));
                h.log(new HostEvent(at, SYSTEM, ERROR, "VDS Basic Provider", 1, VDS));
                dlmManager(h, d, a, at, pathId);
            }
        }
    }

    private static void dlmManager(HostSan h, HostDisk d, SimArray a, Instant at, String pathId) {
        String pathName = String.format("%04d.%04d.%016X.%04X", 1, 0, a == null ? 0 : a.serial, d.lu);
        h.log(new HostEvent(at, APPLICATION, ERROR, "DLMManager", 32794, "KAPL08026-E An error occurred on all the paths of the LU. PathID = " + pathId));
        h.log(new HostEvent(at, APPLICATION, ERROR, "DLMManager", 32790, "KAPL08022-E A path error occurred. ErrorCode = C000000E, PathID = "
                + pathId + ", PathName = " + pathName + ", DNum = " + d.number + ", HDevName = -"));
        h.log(new HostEvent(at, APPLICATION, ERROR, "DLMManager", 32787, "KAPL08019-E The path (0x" + String.format("%08X", d.number - 1)
                + ") detected an error (0xC000000E). (0x00000000)"));
    }
}
