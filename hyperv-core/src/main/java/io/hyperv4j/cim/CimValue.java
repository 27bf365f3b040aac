package io.hyperv4j.cim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A typed CIM value: scalar, array or null. Java representations, checked on construction:
 * <ul>
 *   <li>uint8 .. sint64: {@link Long} (range-checked; uint64 as an unsigned bit pattern)</li>
 *   <li>real32: {@link Float}; real64: {@link Double}; boolean: {@link Boolean}; char16: {@link Character}</li>
 *   <li>string: {@link String}; datetime: {@link CimDateTime}; ref: {@link ObjectPath}; object: {@link CimInstance}</li>
 *   <li>arrays: an unmodifiable {@link List} of those, without null elements</li>
 * </ul>
 * Immutable.
 *
 * @param type  the CIM type (of the elements, for an array)
 * @param array whether the value is an array
 * @param value the Java value as listed above, or null
 */
public record CimValue(CimType type, boolean array, Object value) {

    /**
     * Checks the value against the type and copies arrays.
     *
     * @param type  the CIM type
     * @param array whether an array
     * @param value the value, or null
     * @throws NullPointerException if {@code type} is null
     * @throws CimException TYPE_MISMATCH if a value does not fit the type
     * @throws IllegalArgumentException if an array is not a List or holds null
     */
    public CimValue {
        Objects.requireNonNull(type, "type");
        if (value != null) {
            if (array) {
                if (!(value instanceof List<?> list)) throw new IllegalArgumentException(type.cimName() + "[] needs a List");
                List<Object> copy = new ArrayList<>(list.size());
                for (Object e : list) copy.add(checkElement(type, e));
                value = Collections.unmodifiableList(copy);
            } else {
                value = checkElement(type, value);
            }
        }
    }

    /**
     * A scalar.
     *
     * @param type  the CIM type
     * @param value the value, or null
     * @return the value
     */
    public static CimValue of(CimType type, Object value) {
        return new CimValue(type, false, value);
    }

    /**
     * An array.
     *
     * @param type   the element type
     * @param values the elements, or null for a null array
     * @return the value
     */
    public static CimValue array(CimType type, List<?> values) {
        return new CimValue(type, true, values);
    }

    /**
     * A null scalar of a type.
     *
     * @param type the CIM type
     * @return the value
     */
    public static CimValue nullOf(CimType type) {
        return new CimValue(type, false, null);
    }

    /**
     * A string.
     *
     * @param s the text, or null
     * @return the value
     */
    public static CimValue string(String s) { return of(CimType.STRING, s); }
    /**
     * A boolean.
     *
     * @param b the value
     * @return the value
     */
    public static CimValue bool(boolean b) { return of(CimType.BOOLEAN, b); }
    /**
     * A uint8.
     *
     * @param v 0 to 255
     * @return the value
     */
    public static CimValue uint8(long v) { return of(CimType.UINT8, v); }
    /**
     * A uint16.
     *
     * @param v 0 to 65535
     * @return the value
     */
    public static CimValue uint16(long v) { return of(CimType.UINT16, v); }
    /**
     * A uint32.
     *
     * @param v 0 to 2^32 - 1
     * @return the value
     */
    public static CimValue uint32(long v) { return of(CimType.UINT32, v); }
    /**
     * A uint64.
     *
     * @param v the unsigned bit pattern
     * @return the value
     */
    public static CimValue uint64(long v) { return of(CimType.UINT64, v); }
    /**
     * A sint32.
     *
     * @param v a 32-bit signed value
     * @return the value
     */
    public static CimValue sint32(long v) { return of(CimType.SINT32, v); }
    /**
     * A sint64.
     *
     * @param v the value
     * @return the value
     */
    public static CimValue sint64(long v) { return of(CimType.SINT64, v); }
    /**
     * A datetime.
     *
     * @param d the date-time or interval, or null
     * @return the value
     */
    public static CimValue datetime(CimDateTime d) { return of(CimType.DATETIME, d); }
    /**
     * A reference.
     *
     * @param p the referenced instance's path, or null
     * @return the value
     */
    public static CimValue ref(ObjectPath p) { return of(CimType.REFERENCE, p); }
    /**
     * An embedded instance.
     *
     * @param i the instance, or null
     * @return the value
     */
    public static CimValue object(CimInstance i) { return of(CimType.OBJECT, i); }
    /**
     * A string array.
     *
     * @param s the strings
     * @return the value
     */
    public static CimValue strings(List<String> s) { return array(CimType.STRING, s); }

    /**
     * Whether the value is null.
     *
     * @return true for a null scalar or array
     */
    public boolean isNull() {
        return value == null;
    }

    /**
     * The value of an integer type.
     *
     * @return the value (uint64 as its bit pattern)
     * @throws IllegalStateException if the value is an array, null, or of another type
     */
    public long asLong() {
        return (Long) require(CimType.UINT8, CimType.SINT64);
    }

    /**
     * The value of an integer type as an int.
     *
     * @return the value
     * @throws IllegalStateException if the value is an array, null, or of another type
     * @throws ArithmeticException if it does not fit an int
     */
    public int asInt() {
        return Math.toIntExact(asLong());
    }

    /**
     * The value of a boolean.
     *
     * @return the value
     * @throws IllegalStateException if the value is an array, null, or of another type
     */
    public boolean asBoolean() {
        return (Boolean) require(CimType.BOOLEAN, CimType.BOOLEAN);
    }

    /**
     * The value of an integer or real type as a double.
     *
     * @return the value
     * @throws IllegalStateException if the value is an array, null, or of another type
     */
    public double asDouble() {
        Object v = require(CimType.UINT8, CimType.REAL64);
        return v instanceof Long l ? l.doubleValue() : ((Number) v).doubleValue();
    }

    /**
     * The value as a string: the string itself, or the canonical text of any other scalar.
     *
     * @return the text, or null for a null value
     * @throws IllegalStateException if the value is an array
     */
    public String asString() {
        if (value == null) return null;
        if (array) throw new IllegalStateException("value is an array of " + type.cimName());
        return type == CimType.STRING ? (String) value : elementText(type, value);
    }

    /**
     * The value of a datetime.
     *
     * @return the value
     * @throws IllegalStateException if the value is an array, null, or of another type
     */
    public CimDateTime asDateTime() {
        return (CimDateTime) require(CimType.DATETIME, CimType.DATETIME);
    }

    /**
     * The value of a reference.
     *
     * @return the path
     * @throws IllegalStateException if the value is an array, null, or of another type
     */
    public ObjectPath asPath() {
        return (ObjectPath) require(CimType.REFERENCE, CimType.REFERENCE);
    }

    /**
     * The value of an embedded object.
     *
     * @return the instance
     * @throws IllegalStateException if the value is an array, null, or of another type
     */
    public CimInstance asInstance() {
        return (CimInstance) require(CimType.OBJECT, CimType.OBJECT);
    }

    /**
     * An embedded instance however the transport delivered it: as an object, or as its CIM-XML
     * text in a string (an event's TargetInstance, an EmbeddedInstance parameter). Null when null.
     *
     * @return the instance, or null
     * @throws CimException INVALID_OBJECT when the text is not an INSTANCE
     */
    public CimInstance asEmbeddedInstance() {
        if (value == null) return null;
        return type == CimType.STRING ? CimXml.readInstance(asString()) : asInstance();
    }

    /**
     * The elements of an array.
     *
     * @return the unmodifiable list, or null for a null array
     * @throws IllegalStateException if the value is a scalar
     */
    @SuppressWarnings("unchecked")
    public List<Object> asList() {
        if (!array) throw new IllegalStateException("value is a scalar " + type.cimName());
        return (List<Object>) value;
    }

    /**
     * The canonical text of one element, as in CIM-XML VALUE and WQL literals (without quotes).
     *
     * @param type    the element's type
     * @param element the element, in its Java representation
     * @return the text
     */
    public static String elementText(CimType type, Object element) {
        return switch (type) {
            case UINT64 -> Long.toUnsignedString((Long) element);
            case REFERENCE, DATETIME, OBJECT -> element.toString();
            case BOOLEAN -> ((Boolean) element) ? "true" : "false";
            default -> String.valueOf(element);
        };
    }

    /**
     * Parses the text form of one element (CIM-XML VALUE content, a command-line argument).
     * An object's text is its CIM-XML INSTANCE.
     *
     * @param type the element's type
     * @param text the text
     * @return the element in its Java representation
     * @throws CimException TYPE_MISMATCH (or the parser's error) naming the text and the type
     */
    public static Object parseElement(CimType type, String text) {
        Objects.requireNonNull(text, "text");
        try {
            return switch (type) {
                case UINT64 -> Long.parseUnsignedLong(text.trim());
                case UINT8, SINT8, UINT16, SINT16, UINT32, SINT32, SINT64 -> checkElement(type, Long.parseLong(text.trim()));
                case REAL32 -> Float.parseFloat(text.trim());
                case REAL64 -> Double.parseDouble(text.trim());
                case BOOLEAN -> parseBoolean(text.trim());
                case CHAR16 -> {
                    if (text.length() != 1) throw new IllegalArgumentException("char16 needs one character");
                    yield text.charAt(0);
                }
                case STRING -> text;
                case DATETIME -> CimDateTime.parse(text.trim());
                case REFERENCE -> ObjectPath.parse(text.trim());
                case OBJECT -> CimXml.readInstance(text);
            };
        } catch (CimException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CimException(CimError.TYPE_MISMATCH,
                    "'" + abbreviate(text) + "' is not a valid " + type.cimName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses a scalar from its text form, as {@link #parseElement}.
     *
     * @param type the type
     * @param text the text
     * @return the value
     * @throws CimException TYPE_MISMATCH naming the text and the type
     */
    public static CimValue parse(CimType type, String text) {
        return of(type, parseElement(type, text));
    }

    private static Boolean parseBoolean(String t) {
        if (t.equalsIgnoreCase("true")) return true;
        if (t.equalsIgnoreCase("false")) return false;
        throw new IllegalArgumentException("expected true or false");
    }

    private Object require(CimType from, CimType to) {
        if (array) throw new IllegalStateException("value is an array of " + type.cimName());
        if (type.ordinal() < from.ordinal() || type.ordinal() > to.ordinal())
            throw new IllegalStateException("value is a " + type.cimName());
        if (value == null) throw new IllegalStateException("value is null");
        return value;
    }

    private static Object checkElement(CimType type, Object e) {
        if (e == null) throw new IllegalArgumentException("null element in " + type.cimName() + " array");
        Object v = switch (type) {
            case UINT8, SINT8, UINT16, SINT16, UINT32, SINT32, UINT64, SINT64 -> {
                if (!(e instanceof Number n) || e instanceof Float || e instanceof Double)
                    throw new CimException(CimError.TYPE_MISMATCH, type.cimName() + " needs an integer, got " + describe(e));
                long l = n.longValue();
                if (!type.fits(l))
                    throw new CimException(CimError.TYPE_MISMATCH, l + " is out of range for " + type.cimName());
                yield l;
            }
            case REAL32 -> e instanceof Number n ? (Object) n.floatValue() : null;
            case REAL64 -> e instanceof Number n ? (Object) n.doubleValue() : null;
            case BOOLEAN -> e instanceof Boolean ? e : null;
            case CHAR16 -> e instanceof Character ? e : null;
            case STRING -> e instanceof String ? e : null;
            case DATETIME -> e instanceof CimDateTime ? e : null;
            case REFERENCE -> e instanceof ObjectPath ? e : null;
            case OBJECT -> e instanceof CimInstance ? e : null;
        };
        if (v == null) throw new CimException(CimError.TYPE_MISMATCH, type.cimName() + " cannot hold " + describe(e));
        return v;
    }

    private static String describe(Object e) {
        return e.getClass().getSimpleName() + " " + abbreviate(String.valueOf(e));
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    @Override
    public String toString() {
        if (value == null) return "null";
        if (!array) return elementText(type, value);
        StringBuilder b = new StringBuilder("{");
        for (Object e : asList()) {
            if (b.length() > 1) b.append(", ");
            b.append(elementText(type, e));
        }
        return b.append('}').toString();
    }
}
