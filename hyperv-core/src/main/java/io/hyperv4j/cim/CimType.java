package io.hyperv4j.cim;

import java.util.Locale;

/**
 * The CIM intrinsic types (DSP0004), plus references and embedded objects. The Java
 * representation of a value of each type is fixed, see {@link CimValue}.
 */
public enum CimType {
    UINT8("uint8", 0, 0xFFL),
    SINT8("sint8", Byte.MIN_VALUE, Byte.MAX_VALUE),
    UINT16("uint16", 0, 0xFFFFL),
    SINT16("sint16", Short.MIN_VALUE, Short.MAX_VALUE),
    UINT32("uint32", 0, 0xFFFFFFFFL),
    SINT32("sint32", Integer.MIN_VALUE, Integer.MAX_VALUE),
    /** Held as a long bit pattern; read it with {@link Long#toUnsignedString(long)}. */
    UINT64("uint64", 0, -1),
    SINT64("sint64", Long.MIN_VALUE, Long.MAX_VALUE),
    REAL32("real32", 0, 0),
    REAL64("real64", 0, 0),
    BOOLEAN("boolean", 0, 0),
    CHAR16("char16", 0, 0),
    STRING("string", 0, 0),
    DATETIME("datetime", 0, 0),
    REFERENCE("ref", 0, 0),
    OBJECT("object", 0, 0);

    private final String cimName;
    private final long min;
    private final long max;

    CimType(String cimName, long min, long max) {
        this.cimName = cimName;
        this.min = min;
        this.max = max;
    }

    /** The name used in MOF and in CIM-XML TYPE attributes: uint16, string, datetime, ref, object. */
    public String cimName() {
        return cimName;
    }

    public boolean isInteger() {
        return ordinal() <= SINT64.ordinal();
    }

    public boolean isSigned() {
        return this == SINT8 || this == SINT16 || this == SINT32 || this == SINT64;
    }

    /** Whether {@code v} fits this integer type; uint64 accepts every bit pattern. */
    public boolean fits(long v) {
        if (!isInteger()) throw new IllegalStateException(cimName + " is not an integer type");
        if (this == UINT64 || this == SINT64) return true;
        return v >= min && v <= max;
    }

    public static CimType fromCimName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (CimType t : values()) {
            if (t.cimName.equals(n)) return t;
        }
        if (n.equals("reference")) return REFERENCE;
        throw new CimException(CimError.TYPE_MISMATCH, "unknown CIM type '" + name + "'");
    }
}
