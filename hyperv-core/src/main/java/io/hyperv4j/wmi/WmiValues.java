package io.hyperv4j.wmi;

import io.hyperv4j.cim.CimDateTime;
import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.CimXml;
import io.hyperv4j.cim.ObjectPath;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts between {@link CimValue}s and WMI VARIANTs following WMI's conventions: uint16 and
 * uint32 travel as VT_I4 (uint32 as its bit pattern), sint8 and char16 as VT_I2, uint8 as VT_UI1,
 * sint64 and uint64 as decimal VT_BSTR, datetimes and references as their text in VT_BSTR, embedded
 * objects as VT_UNKNOWN IWbemClassObjects. Reading is tolerant (any integer VT, 64-bit values in
 * decimal or 0x-hex, embedded objects as IUnknown or as CIM-XML text); writing emits exactly the
 * documented VARIANT types.
 */
final class WmiValues {

    /** Creates empty instances for embedded-object values; the caller closes what it gets. */
    @FunctionalInterface
    public interface Spawner {
        WbemObject spawn(String className);
    }

    /** For writes that cannot contain embedded objects. */
    public static final Spawner NO_OBJECTS = cls -> {
        throw new CimException(CimError.NOT_SUPPORTED, "no embedded object of class " + cls + " can be created here");
    };

    private WmiValues() {}

    // ---------------------------------------------------------------- VARIANT -> CIM

    /**
     * The CIM value of a property or parameter declared with CIMTYPE {@code cimtype}. Embedded
     * objects in {@code v} are converted and closed.
     * @param name the property or parameter, for error messages
     */
    public static CimValue toCim(WmiVariant v, int cimtype, String name) {
        CimType type = CimTypeCode.type(cimtype);
        boolean array = CimTypeCode.isArray(cimtype);
        try {
            if (v.isNull()) return new CimValue(type, array, null);
            if (array) {
                if (!v.isArray()) throw mismatch(name, type.cimName() + "[]", v);
                List<Object> out = new ArrayList<>();
                int evt = v.elementVt();
                for (Object e : v.asList()) out.add(element(type, evt, e, name));
                return CimValue.array(type, out);
            }
            if (v.isArray()) throw mismatch(name, type.cimName(), v);
            return CimValue.of(type, element(type, v.vt(), v.value(), name));
        } finally {
            release(v);
        }
    }

    private static Object element(CimType type, int vt, Object e, String name) {
        try {
            return switch (type) {
                case UINT8, SINT8, UINT16, SINT16, UINT32, SINT32 -> {
                    long l = integer(type, vt, e, name);
                    if (!type.fits(l)) throw new CimException(CimError.TYPE_MISMATCH, l + " is out of range for " + type.cimName());
                    yield l;
                }
                case SINT64, UINT64 -> integer(type, vt, e, name);
                case REAL32 -> {
                    if (vt == Vt.R4) yield e;
                    if (vt == Vt.R8) yield ((Double) e).floatValue();
                    throw mismatch(name, type.cimName(), vt, e);
                }
                case REAL64 -> {
                    if (vt == Vt.R8) yield e;
                    if (vt == Vt.R4) yield ((Float) e).doubleValue();
                    throw mismatch(name, type.cimName(), vt, e);
                }
                case BOOLEAN -> {
                    if (vt == Vt.BOOL) yield e;
                    throw mismatch(name, type.cimName(), vt, e);
                }
                case CHAR16 -> {
                    if (Vt.isInteger(vt)) yield (char) (((Long) e) & 0xFFFF);
                    if (vt == Vt.BSTR && ((String) e).length() == 1) yield ((String) e).charAt(0);
                    throw mismatch(name, type.cimName(), vt, e);
                }
                case STRING -> {
                    if (vt == Vt.BSTR) yield e;
                    throw mismatch(name, type.cimName(), vt, e);
                }
                case DATETIME -> {
                    if (vt == Vt.BSTR) yield CimDateTime.parse((String) e);
                    throw mismatch(name, type.cimName(), vt, e);
                }
                case REFERENCE -> {
                    if (vt == Vt.BSTR) yield ObjectPath.parse((String) e);
                    throw mismatch(name, type.cimName(), vt, e);
                }
                case OBJECT -> {
                    if (vt == Vt.UNKNOWN) yield WmiObjects.toInstance((WbemObject) e);
                    if (vt == Vt.BSTR) yield CimXml.readInstance((String) e);
                    throw mismatch(name, type.cimName(), vt, e);
                }
            };
        } catch (CimException ex) {
            if (ex.getMessage().contains("'" + name + "'")) throw ex;
            throw new CimException(ex.error(), "property '" + name + "': " + stripSymbol(ex), ex);
        }
    }

    private static long integer(CimType type, int vt, Object e, String name) {
        if (Vt.isInteger(vt)) {
            long l = (Long) e;
            // WMI carries unsigned values in signed VARIANTs (uint32 in VT_I4): take the bit pattern.
            if (!type.isSigned() && l < 0) {
                int bits = switch (vt) {
                    case Vt.I1 -> 8;
                    case Vt.I2 -> 16;
                    case Vt.I4 -> 32;
                    default -> 64;
                };
                if (bits < 64) l &= (1L << bits) - 1;
            }
            return l;
        }
        if (vt == Vt.BSTR) return parseInteger(type, ((String) e).trim(), name);
        throw mismatch(name, type.cimName(), vt, e);
    }

    /** Parses a 64-bit (or smaller) integer in the ANSI C decimal or hexadecimal form WMI uses for VT_BSTR. */
    static long parseInteger(CimType type, String s, String name) {
        try {
            boolean neg = s.startsWith("-");
            String digits = neg || s.startsWith("+") ? s.substring(1) : s;
            long l;
            if (digits.startsWith("0x") || digits.startsWith("0X")) {
                l = Long.parseUnsignedLong(digits.substring(2), 16);
                if (neg) l = -l;
            } else if (type == CimType.UINT64 && !neg) {
                l = Long.parseUnsignedLong(digits);
            } else {
                l = Long.parseLong(s);
            }
            if (!type.isSigned() && neg && l != 0) throw new NumberFormatException("negative value for an unsigned type");
            return l;
        } catch (NumberFormatException ex) {
            throw new CimException(CimError.TYPE_MISMATCH, "property '" + name + "': '" + s + "' is not a valid " + type.cimName());
        }
    }

    // ---------------------------------------------------------------- CIM -> VARIANT

    /**
     * The VARIANT to store {@code value} in a property or parameter declared with CIMTYPE
     * {@code cimtype} (CIM_EMPTY or -1: use the value's own type). Integers convert between integer
     * types when in range; an embedded instance becomes CIM-XML text for a string parameter (the
     * Hyper-V convention) and a spawned IWbemClassObject for an object parameter; a datetime or
     * reference becomes its text for a string. Embedded objects in the result must be closed by the
     * caller (see {@link #release}).
     */
    public static WmiVariant toVariant(CimValue value, int cimtype, String name, Spawner spawner) {
        CimType target = cimtype <= 0 ? value.type() : CimTypeCode.type(cimtype);
        boolean array = cimtype <= 0 ? value.array() : CimTypeCode.isArray(cimtype);
        if (array != value.array())
            throw new CimException(CimError.TYPE_MISMATCH, "'" + name + "' is declared " + target.cimName() + (array ? "[]" : "")
                    + " but the value is " + value.type().cimName() + (value.array() ? "[]" : ""));
        if (value.isNull()) return WmiVariant.NULL;
        int vt = CimTypeCode.variantType(target);
        if (!array) return WmiVariant.of(vt, write(target, value.type(), value.value(), name, spawner));
        List<Object> out = new ArrayList<>();
        try {
            for (Object e : value.asList()) out.add(write(target, value.type(), e, name, spawner));
        } catch (RuntimeException ex) {
            out.forEach(WmiValues::closeIfObject);
            throw ex;
        }
        return WmiVariant.array(vt, out);
    }

    private static Object write(CimType target, CimType source, Object e, String name, Spawner spawner) {
        Object v = coerce(target, source, e, name);
        return switch (target) {
            case UINT8, SINT8, SINT16, UINT16, SINT32 -> v;
            case UINT32 -> (long) (int) (long) (Long) v; // the bit pattern in a VT_I4
            case CHAR16 -> (long) (short) ((Character) v).charValue();
            case SINT64 -> Long.toString((Long) v);
            case UINT64 -> Long.toUnsignedString((Long) v);
            case REAL32, REAL64, BOOLEAN, STRING -> v;
            case DATETIME, REFERENCE -> v.toString();
            case OBJECT -> WmiObjects.toWbem((CimInstance) v, spawner);
        };
    }

    /** The element as a Java value of {@code target}, or a TYPE_MISMATCH naming the parameter. */
    private static Object coerce(CimType target, CimType source, Object e, String name) {
        if (target == source) return e;
        if (target.isInteger() && source.isInteger()) {
            long l = (Long) e;
            boolean negativeUnsigned = source == CimType.UINT64 && l < 0;
            if (!negativeUnsigned && target.fits(l) && !(!target.isSigned() && l < 0)) return l;
            throw new CimException(CimError.TYPE_MISMATCH, "'" + name + "': " + CimValue.elementText(source, e)
                    + " is out of range for " + target.cimName());
        }
        if (target == CimType.REAL64 && (source == CimType.REAL32 || source.isInteger())) return ((Number) e).doubleValue();
        if (target == CimType.REAL32 && source.isInteger()) return ((Number) e).floatValue();
        if (target == CimType.STRING) {
            if (source == CimType.OBJECT) return CimXml.writeInstance((CimInstance) e);
            if (source == CimType.DATETIME || source == CimType.REFERENCE) return e.toString();
        }
        if (target == CimType.OBJECT && source == CimType.STRING) return CimXml.readInstance((String) e);
        if (target == CimType.DATETIME && source == CimType.STRING) return CimDateTime.parse((String) e);
        if (target == CimType.REFERENCE && source == CimType.STRING) return ObjectPath.parse((String) e);
        throw new CimException(CimError.TYPE_MISMATCH, "'" + name + "' is declared " + target.cimName()
                + " but the value is a " + source.cimName() + " (" + CimValue.elementText(source, e) + ")");
    }

    // ---------------------------------------------------------------- helpers

    /** Closes the embedded objects a VARIANT holds. */
    public static void release(WmiVariant v) {
        if (v == null || v.isNull()) return;
        if (v.isArray()) v.asList().forEach(WmiValues::closeIfObject);
        else closeIfObject(v.value());
    }

    private static void closeIfObject(Object o) {
        if (o instanceof WbemObject w) w.close();
    }

    private static CimException mismatch(String name, String expected, WmiVariant v) {
        return new CimException(CimError.TYPE_MISMATCH, "property '" + name + "' is " + expected + " but WMI returned " + Vt.name(v.vt()));
    }

    private static CimException mismatch(String name, String expected, int vt, Object e) {
        return new CimException(CimError.TYPE_MISMATCH, "property '" + name + "' is " + expected + " but WMI returned "
                + Vt.name(vt) + " " + e);
    }

    private static String stripSymbol(CimException ex) {
        String m = ex.getMessage();
        String prefix = ex.error().symbol() + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }
}
