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
 */
public record CimValue(CimType type, boolean array, Object value) {

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

    public static CimValue of(CimType type, Object value) {
        return new CimValue(type, false, value);
    }

    public static CimValue array(CimType type, List<?> values) {
        return new CimValue(type, true, values);
    }

    public static CimValue nullOf(CimType type) {
        return new CimValue(type, false, null);
    }

    public static CimValue string(String s) { return of(CimType.STRING, s); }
    public static CimValue bool(boolean b) { return of(CimType.BOOLEAN, b); }
    public static CimValue uint8(long v) { return of(CimType.UINT8, v); }
    public static CimValue uint16(long v) { return of(CimType.UINT16, v); }
    public static CimValue uint32(long v) { return of(CimType.UINT32, v); }
    public static CimValue uint64(long v) { return of(CimType.UINT64, v); }
    public static CimValue sint32(long v) { return of(CimType.SINT32, v); }
    public static CimValue sint64(long v) { return of(CimType.SINT64, v); }
    public static CimValue datetime(CimDateTime d) { return of(CimType.DATETIME, d); }
    public static CimValue ref(ObjectPath p) { return of(CimType.REFERENCE, p); }
    public static CimValue object(CimInstance i) { return of(CimType.OBJECT, i); }
    public static CimValue strings(List<String> s) { return array(CimType.STRING, s); }

    public boolean isNull() {
        return value == null;
    }

    public long asLong() {
        return (Long) require(CimType.UINT8, CimType.SINT64);
    }

    public int asInt() {
        return Math.toIntExact(asLong());
    }

    public boolean asBoolean() {
        return (Boolean) require(CimType.BOOLEAN, CimType.BOOLEAN);
    }

    public double asDouble() {
        Object v = require(CimType.UINT8, CimType.REAL64);
        return v instanceof Long l ? l.doubleValue() : ((Number) v).doubleValue();
    }

    /** The value as a string: the string itself, or the canonical text of any other scalar. */
    public String asString() {
        if (value == null) return null;
        if (array) throw new IllegalStateException("value is an array of " + type.cimName());
        return type == CimType.STRING ? (String) value : elementText(type, value);
    }

    public CimDateTime asDateTime() {
        return (CimDateTime) require(CimType.DATETIME, CimType.DATETIME);
    }

    public ObjectPath asPath() {
        return (ObjectPath) require(CimType.REFERENCE, CimType.REFERENCE);
    }

    public CimInstance asInstance() {
        return (CimInstance) require(CimType.OBJECT, CimType.OBJECT);
    }

    /**
     * An embedded instance however the transport delivered it: as an object, or as its CIM-XML
     * text in a string (an event's TargetInstance, an EmbeddedInstance parameter). Null when null.
     */
    public CimInstance asEmbeddedInstance() {
        if (value == null) return null;
        return type == CimType.STRING ? CimXml.readInstance(asString()) : asInstance();
    }

    @SuppressWarnings("unchecked")
    public List<Object> asList() {
        if (!array) throw new IllegalStateException("value is a scalar " + type.cimName());
        return (List<Object>) value;
    }

    /** The canonical text of one element, as in CIM-XML VALUE and WQL literals (without quotes). */
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
