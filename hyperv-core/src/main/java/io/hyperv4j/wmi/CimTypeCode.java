package io.hyperv4j.wmi;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimType;

/**
 * WMI's CIMTYPE codes (CIMTYPE_ENUMERATION in wbemcli.h) and the VARIANT type WMI uses for each
 * (the "Automation type" columns of the WMI SDK's MOF data-type pages "Numbers" and "Strings").
 */
final class CimTypeCode {
    public static final int CIM_EMPTY = 0;
    public static final int CIM_SINT8 = 16;
    public static final int CIM_UINT8 = 17;
    public static final int CIM_SINT16 = 2;
    public static final int CIM_UINT16 = 18;
    public static final int CIM_SINT32 = 3;
    public static final int CIM_UINT32 = 19;
    public static final int CIM_SINT64 = 20;
    public static final int CIM_UINT64 = 21;
    public static final int CIM_REAL32 = 4;
    public static final int CIM_REAL64 = 5;
    public static final int CIM_BOOLEAN = 11;
    public static final int CIM_STRING = 8;
    public static final int CIM_DATETIME = 101;
    public static final int CIM_REFERENCE = 102;
    public static final int CIM_CHAR16 = 103;
    public static final int CIM_OBJECT = 13;
    public static final int CIM_FLAG_ARRAY = 0x2000;
    public static final int CIM_ILLEGAL = 0xFFF;

    private CimTypeCode() {}

    public static int code(CimType type) {
        return switch (type) {
            case SINT8 -> CIM_SINT8;
            case UINT8 -> CIM_UINT8;
            case SINT16 -> CIM_SINT16;
            case UINT16 -> CIM_UINT16;
            case SINT32 -> CIM_SINT32;
            case UINT32 -> CIM_UINT32;
            case SINT64 -> CIM_SINT64;
            case UINT64 -> CIM_UINT64;
            case REAL32 -> CIM_REAL32;
            case REAL64 -> CIM_REAL64;
            case BOOLEAN -> CIM_BOOLEAN;
            case STRING -> CIM_STRING;
            case DATETIME -> CIM_DATETIME;
            case REFERENCE -> CIM_REFERENCE;
            case CHAR16 -> CIM_CHAR16;
            case OBJECT -> CIM_OBJECT;
        };
    }

    public static int code(CimType type, boolean array) {
        return code(type) | (array ? CIM_FLAG_ARRAY : 0);
    }

    public static boolean isArray(int cimtype) {
        return (cimtype & CIM_FLAG_ARRAY) != 0;
    }

    /** The CIM type of a CIMTYPE code, ignoring the array flag. */
    public static CimType type(int cimtype) {
        int base = cimtype & ~CIM_FLAG_ARRAY;
        return switch (base) {
            case CIM_SINT8 -> CimType.SINT8;
            case CIM_UINT8 -> CimType.UINT8;
            case CIM_SINT16 -> CimType.SINT16;
            case CIM_UINT16 -> CimType.UINT16;
            case CIM_SINT32 -> CimType.SINT32;
            case CIM_UINT32 -> CimType.UINT32;
            case CIM_SINT64 -> CimType.SINT64;
            case CIM_UINT64 -> CimType.UINT64;
            case CIM_REAL32 -> CimType.REAL32;
            case CIM_REAL64 -> CimType.REAL64;
            case CIM_BOOLEAN -> CimType.BOOLEAN;
            case CIM_STRING -> CimType.STRING;
            case CIM_DATETIME -> CimType.DATETIME;
            case CIM_REFERENCE -> CimType.REFERENCE;
            case CIM_CHAR16 -> CimType.CHAR16;
            case CIM_OBJECT -> CimType.OBJECT;
            default -> throw new CimException(CimError.TYPE_MISMATCH, "unknown CIMTYPE " + cimtype);
        };
    }

    /** The VARIANT type WMI uses for values of {@code type} (without VT_ARRAY). */
    public static int variantType(CimType type) {
        return switch (type) {
            case UINT8 -> Vt.UI1;
            case SINT8, SINT16, CHAR16 -> Vt.I2;
            case UINT16, SINT32, UINT32 -> Vt.I4;
            case SINT64, UINT64, STRING, DATETIME, REFERENCE -> Vt.BSTR;
            case REAL32 -> Vt.R4;
            case REAL64 -> Vt.R8;
            case BOOLEAN -> Vt.BOOL;
            case OBJECT -> Vt.UNKNOWN;
        };
    }
}
