package io.hyperv4j.perf;

/**
 * PDH's counter status codes (CStatus of PDH_RAW_COUNTER and PDH_FMT_COUNTERVALUE), as documented
 * in "PDH Error Codes". Kept as {@code int} constants so the sampling path never allocates.
 * Stateless and thread-safe.
 */
public final class PdhStatus {
    /** The returned data is valid (PDH_CSTATUS_VALID_DATA). */
    public static final int VALID_DATA = 0x00000000;
    /** The returned data is valid and differs from the last sample (PDH_CSTATUS_NEW_DATA). */
    public static final int NEW_DATA = 0x00000001;
    /** The computer cannot be reached or is offline (PDH_CSTATUS_NO_MACHINE). */
    public static final int NO_MACHINE = 0x800007D0;
    /** The instance is not present (PDH_CSTATUS_NO_INSTANCE). */
    public static final int NO_INSTANCE = 0x800007D1;
    /** The counter was added to the query but not yet validated or read (PDH_CSTATUS_ITEM_NOT_VALIDATED). */
    public static final int ITEM_NOT_VALIDATED = 0x800007D3;
    /** There is no data to return (PDH_NO_DATA). */
    public static final int NO_DATA = 0x800007D5;
    /** The counter math met a negative denominator (PDH_CALC_NEGATIVE_DENOMINATOR). */
    public static final int CALC_NEGATIVE_DENOMINATOR = 0x800007D6;
    /** The counter math met a negative time base (PDH_CALC_NEGATIVE_TIMEBASE). */
    public static final int CALC_NEGATIVE_TIMEBASE = 0x800007D7;
    /** The counter math met a negative value (PDH_CALC_NEGATIVE_VALUE). */
    public static final int CALC_NEGATIVE_VALUE = 0x800007D8;
    /** The counter set (object) is not on the computer (PDH_CSTATUS_NO_OBJECT). */
    public static final int NO_OBJECT = 0xC0000BB8;
    /** The counter is not in the set (PDH_CSTATUS_NO_COUNTER). */
    public static final int NO_COUNTER = 0xC0000BB9;
    /** The returned data is not valid (PDH_CSTATUS_INVALID_DATA). */
    public static final int INVALID_DATA = 0xC0000BBA;
    /** The counter path cannot be parsed (PDH_CSTATUS_BAD_COUNTERNAME). */
    public static final int BAD_COUNTERNAME = 0xC0000BC0;
    /** The computer cannot be connected to (PDH_CANNOT_CONNECT_MACHINE). */
    public static final int CANNOT_CONNECT_MACHINE = 0xC0000BC3;
    /** Access to the computer or service is denied (PDH_ACCESS_DENIED). */
    public static final int ACCESS_DENIED = 0xC0000BDB;

    private PdhStatus() {
    }

    /**
     * PDH's IsSuccessSeverity: valid and new data are usable; everything else is not a value.
     *
     * @param status the status
     * @return true for VALID_DATA and NEW_DATA
     */
    public static boolean isValid(int status) {
        return status == VALID_DATA || status == NEW_DATA;
    }

    /**
     * The symbolic name, e.g. "PDH_CSTATUS_NO_MACHINE", or the hex code for an unlisted one.
     *
     * @param status the status
     * @return its name
     */
    public static String name(int status) {
        return switch (status) {
            case VALID_DATA -> "PDH_CSTATUS_VALID_DATA";
            case NEW_DATA -> "PDH_CSTATUS_NEW_DATA";
            case NO_MACHINE -> "PDH_CSTATUS_NO_MACHINE";
            case NO_INSTANCE -> "PDH_CSTATUS_NO_INSTANCE";
            case ITEM_NOT_VALIDATED -> "PDH_CSTATUS_ITEM_NOT_VALIDATED";
            case NO_DATA -> "PDH_NO_DATA";
            case CALC_NEGATIVE_DENOMINATOR -> "PDH_CALC_NEGATIVE_DENOMINATOR";
            case CALC_NEGATIVE_TIMEBASE -> "PDH_CALC_NEGATIVE_TIMEBASE";
            case CALC_NEGATIVE_VALUE -> "PDH_CALC_NEGATIVE_VALUE";
            case NO_OBJECT -> "PDH_CSTATUS_NO_OBJECT";
            case NO_COUNTER -> "PDH_CSTATUS_NO_COUNTER";
            case INVALID_DATA -> "PDH_CSTATUS_INVALID_DATA";
            case BAD_COUNTERNAME -> "PDH_CSTATUS_BAD_COUNTERNAME";
            case CANNOT_CONNECT_MACHINE -> "PDH_CANNOT_CONNECT_MACHINE";
            case ACCESS_DENIED -> "PDH_ACCESS_DENIED";
            default -> String.format("0x%08X", status);
        };
    }
}
