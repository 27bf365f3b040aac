package io.hyperv4j.cim;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** WQL value semantics: property lookup, normalization and WMI-style comparison with conversion. */
final class WqlValues {
    private WqlValues() {}

    /** Marks an array value: WQL cannot compare arrays. */
    static final Object ARRAY = new Object() {
        @Override
        public String toString() {
            return "<array>";
        }
    };

    /** The intrinsic event classes and their parents, for class matching without a schema. */
    private static final Map<String, String> EVENT_PARENTS = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    static {
        for (String c : new String[] {"__InstanceCreationEvent", "__InstanceDeletionEvent", "__InstanceModificationEvent"})
            EVENT_PARENTS.put(c, "__InstanceOperationEvent");
        for (String c : new String[] {"__ClassCreationEvent", "__ClassDeletionEvent", "__ClassModificationEvent"})
            EVENT_PARENTS.put(c, "__ClassOperationEvent");
        EVENT_PARENTS.put("__InstanceOperationEvent", "__Event");
        EVENT_PARENTS.put("__ClassOperationEvent", "__Event");
        EVENT_PARENTS.put("__ExtrinsicEvent", "__Event");
        EVENT_PARENTS.put("__Event", "__IndicationRelated");
        EVENT_PARENTS.put("__IndicationRelated", "__SystemClass");
    }

    static boolean isA(String className, String ancestor, ClassHierarchy classes) {
        if (classes.isA(className, ancestor)) return true;
        for (String c = className; c != null; c = EVENT_PARENTS.get(c)) {
            if (c.equalsIgnoreCase(ancestor)) return true;
        }
        return false;
    }

    /** A property of the instance, including the system properties; null when absent. */
    static CimValue property(CimInstance instance, String name) {
        if (name.startsWith("__")) {
            ObjectPath path = instance.path();
            switch (name.toUpperCase(Locale.ROOT)) {
                case "__CLASS": return CimValue.string(instance.className());
                case "__THIS": return CimValue.object(instance);
                case "__PATH": return CimValue.of(CimType.STRING, path == null ? null : path.toString());
                case "__RELPATH": return CimValue.of(CimType.STRING, path == null ? null : path.relative().toString());
                case "__SERVER": return CimValue.of(CimType.STRING, path == null ? null : path.server());
                case "__NAMESPACE": return CimValue.of(CimType.STRING, path == null ? null : path.namespace());
                default: break;
            }
        }
        return instance.get(name);
    }

    /** The comparable form of a value: see {@link WqlExpr.Operand#evaluate}; arrays become {@link #ARRAY}. */
    static Object normalize(CimValue v) {
        if (v == null || v.isNull()) return null;
        if (v.array()) return ARRAY;
        Object o = v.value();
        return switch (v.type()) {
            case UINT64 -> new BigInteger(Long.toUnsignedString((Long) o));
            case UINT8, SINT8, UINT16, SINT16, UINT32, SINT32, SINT64 -> BigInteger.valueOf((Long) o);
            case REAL32, REAL64 -> ((Number) o).doubleValue();
            case CHAR16 -> String.valueOf(o);
            default -> o;
        };
    }

    /** Text for LIKE: strings as they are, other scalars in their canonical text; null for NULL and arrays. */
    static String text(Object v) {
        if (v == null || v == ARRAY || v instanceof CimInstance) return null;
        if (v instanceof Boolean b) return b ? "TRUE" : "FALSE";
        return v.toString();
    }

    /**
     * Compares two values, converting one to the other's type as WMI converts a literal to the
     * property's type. Null when they cannot be compared (NULL, arrays, failed conversion).
     */
    static Integer compare(Object a, Object b) {
        if (a == null || b == null || a == ARRAY || b == ARRAY) return null;
        if (a instanceof String && !(b instanceof String)) {
            Integer c = compare(b, a);
            return c == null ? null : -c;
        }
        if (a instanceof BigInteger || a instanceof Double) {
            Number n = b instanceof String s ? parseNumber(s) : b instanceof Boolean bool ? (bool ? BigInteger.ONE : BigInteger.ZERO)
                    : b instanceof Number x ? x : null;
            return n == null ? null : compareNumbers((Number) a, n);
        }
        if (a instanceof Boolean x) {
            Boolean y = b instanceof Boolean bb ? bb : b instanceof String s ? parseBoolean(s)
                    : b instanceof Number n ? nonZero(n) : null;
            return y == null ? null : Boolean.compare(x, y);
        }
        if (a instanceof String x && b instanceof String y) return String.CASE_INSENSITIVE_ORDER.compare(x, y);
        if (a instanceof CimDateTime x) {
            CimDateTime y = b instanceof CimDateTime d ? d : b instanceof String s ? parseDateTime(s) : null;
            return y == null ? null : compareDateTimes(x, y);
        }
        if (a instanceof ObjectPath x) {
            if (b instanceof ObjectPath y) return x.equals(y) ? 0 : String.CASE_INSENSITIVE_ORDER.compare(x.toString(), y.toString());
            if (b instanceof String s) {
                ObjectPath y = parsePath(s);
                if (y != null && x.equals(y)) return 0;
                return String.CASE_INSENSITIVE_ORDER.compare(x.toString(), s) == 0 ? 0 : nonZero(x.toString(), s);
            }
            return null;
        }
        if (a instanceof CimInstance x) return b instanceof CimInstance y && x.equals(y) ? 0 : null;
        return null;
    }

    private static int nonZero(String a, String b) {
        int c = String.CASE_INSENSITIVE_ORDER.compare(a, b);
        return c == 0 ? 1 : c;
    }

    /** A number as a boolean: nonzero is true; NaN is neither. */
    private static Boolean nonZero(Number n) {
        Integer c = compareNumbers(n, BigInteger.ZERO);
        return c == null ? null : c != 0;
    }

    private static Integer compareNumbers(Number a, Number b) {
        if (a instanceof BigInteger x && b instanceof BigInteger y) return x.compareTo(y);
        double x = a.doubleValue();
        double y = b.doubleValue();
        if (Double.isNaN(x) || Double.isNaN(y)) return null;
        if (Double.isInfinite(x) || Double.isInfinite(y)) return x < y ? -1 : x > y ? 1 : 0;
        // exact comparison of a large integer with a real, without rounding the integer
        BigDecimal bx = a instanceof BigInteger i ? new BigDecimal(i) : new BigDecimal(x);
        BigDecimal by = b instanceof BigInteger i ? new BigDecimal(i) : new BigDecimal(y);
        return bx.compareTo(by);
    }

    /** A numeric literal's text: decimal or 0x hex integer, or a real; null when it is none. */
    static Number parseNumber(String text) {
        String s = text.strip();
        if (s.isEmpty()) return null;
        try {
            String digits = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
            boolean negative = s.startsWith("-");
            if (digits.length() > 2 && (digits.startsWith("0x") || digits.startsWith("0X"))) {
                BigInteger v = new BigInteger(digits.substring(2), 16);
                return negative ? v.negate() : v;
            }
            if (!digits.isEmpty() && digits.chars().allMatch(c -> c >= '0' && c <= '9')) return new BigInteger(s.startsWith("+") ? digits : s);
            if (!digits.isEmpty() && digits.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+'))
                return Double.parseDouble(s);
            return null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Boolean parseBoolean(String s) {
        String t = s.strip();
        if (t.equalsIgnoreCase("true")) return true;
        if (t.equalsIgnoreCase("false")) return false;
        Number n = parseNumber(t);
        return n == null ? null : nonZero(n);
    }

    private static CimDateTime parseDateTime(String s) {
        try {
            return CimDateTime.parse(s.strip());
        } catch (CimException e) {
            return null;
        }
    }

    private static ObjectPath parsePath(String s) {
        try {
            return ObjectPath.parse(s.strip());
        } catch (CimException e) {
            return null;
        }
    }

    /** Same instant (or duration) compares equal whatever the offset; otherwise by text. */
    private static int compareDateTimes(CimDateTime x, CimDateTime y) {
        if (x.isInterval() == y.isInterval() && x.isExact() && y.isExact())
            return x.isInterval() ? x.toDuration().compareTo(y.toDuration()) : x.toInstant().compareTo(y.toInstant());
        return x.toString().compareTo(y.toString());
    }
}
