package io.hyperv4j.perf.pdh;

import com.sun.jna.Structure;

/**
 * The pdh.h structures the binding reads. Declared here rather than taken from jna-platform's
 * {@code Pdh}, whose nested structures load pdh.dll as soon as one is created, so the layout is
 * checked on any OS. The classes are public only because JNA fills them reflectively; the holder
 * keeps them out of the API.
 */
final class PdhStructures {
    private PdhStructures() {}

    /** PDH_RAW_COUNTER. */
    @Structure.FieldOrder({"CStatus", "TimeStamp", "FirstValue", "SecondValue", "MultiCount"})
    public static class RawCounter extends Structure {
        public int CStatus;
        public FileTime TimeStamp;
        public long FirstValue;
        public long SecondValue;
        public int MultiCount;
    }

    /** FILETIME (minwinbase.h): two DWORDs, so 4-byte aligned. */
    @Structure.FieldOrder({"dwLowDateTime", "dwHighDateTime"})
    public static final class FileTime extends Structure {
        public int dwLowDateTime;
        public int dwHighDateTime;
    }
}
