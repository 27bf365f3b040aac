package io.hyperv4j.cim;

import java.util.Locale;

/**
 * The CIM intrinsic types (DSP0004), plus references and embedded objects. The Java
 * representation of a value of each type is fixed, see {@link CimValue}. Immutable.
 */
public enum CimType {
    /** Unsigned 8-bit integer, held as a Long. */
    UINT8("uint8", 0, 0xFFL),
    /** Signed 8-bit integer, held as a Long. */
    SINT8("sint8", Byte.MIN_VALUE, Byte.MAX_VALUE),
    /** Unsigned 16-bit integer, held as a Long. */
    UINT16("uint16", 0, 0xFFFFL),
    /** Signed 16-bit integer, held as a Long. */
    SINT16("sint16", Short.MIN_VALUE, Short.MAX_VALUE),
    /** Unsigned 32-bit integer, held as a Long. */
    UINT32("uint32", 0, 0xFFFFFFFFL),
    /** Signed 32-bit integer, held as a Long. */
    SINT32("sint32", Integer.MIN_VALUE, Integer.MAX_VALUE),
    /** Held as a long bit pattern; read it with {@link Long#toUnsignedString(long)}. */
    UINT64("uint64", 0, -1),
    /** Signed 64-bit integer, held as a Long. */
    SINT64("sint64", Long.MIN_VALUE, Long.MAX_VALUE),
    /** 32-bit IEEE 754 floating point, held as a Float. */
    REAL32("real32", 0, 0),
    /** 64-bit IEEE 754 floating point, held as a Double. */
    REAL64("real64", 0, 0),
    /** Boolean. */
    BOOLEAN("boolean", 0, 0),
    /** One UTF-16 character. */
    CHAR16("char16", 0, 0),
    /** Unicode text. */
    STRING("string", 0, 0),
    /** A CIM date-time or interval, held as a {@link CimDateTime}. */
    DATETIME("datetime", 0, 0),
    /** A reference to an instance, held as an {@link ObjectPath}. */
    REFERENCE("ref", 0, 0),
    /** An embedded instance, held as a {@link CimInstance}. */
    OBJECT("object", 0, 0);

    private final String cimName;
    private final long min;
    private final long max;

    CimType(String cimName, long min, long max) {
        this.cimName = cimName;
        this.min = min;
        this.max = max;
    }

    /**
     * The name used in MOF and in CIM-XML TYPE attributes: uint16, string, datetime, ref, object.
     *
     * @return the name
     */
    public String cimName() {
        return cimName;
    }

    /**
     * Whether this is one of the eight integer types.
     *
     * @return true for uint8 to sint64
     */
    public boolean isInteger() {
        return ordinal() <= SINT64.ordinal();
    }

    /**
     * Whether this is a signed integer type.
     *
     * @return true for sint8, sint16, sint32 and sint64
     */
    public boolean isSigned() {
        return this == SINT8 || this == SINT16 || this == SINT32 || this == SINT64;
    }

    /**
     * Whether {@code v} fits this integer type; uint64 accepts every bit pattern.
     *
     * @param v the value
     * @return true if it is in range
     * @throws IllegalStateException if this is not an integer type
     */
    public boolean fits(long v) {
        if (!isInteger()) throw new IllegalStateException(cimName + " is not an integer type");
        if (this == UINT64 || this == SINT64) return true;
        return v >= min && v <= max;
    }

    /**
     * The type with this MOF name, ignoring case ({@code reference} is accepted for ref).
     *
     * @param name e.g. {@code uint16}
     * @return the type
     * @throws CimException TYPE_MISMATCH naming an unknown type
     */
    public static CimType fromCimName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (CimType t : values()) {
            if (t.cimName.equals(n)) return t;
        }
        if (n.equals("reference")) return REFERENCE;
        throw new CimException(CimError.TYPE_MISMATCH, "unknown CIM type '" + name + "'");
    }
}
