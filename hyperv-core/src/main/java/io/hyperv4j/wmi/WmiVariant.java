package io.hyperv4j.wmi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The content of a COM VARIANT (or SAFEARRAY) as plain Java values, so the conversion rules can be
 * tested without Windows. Payloads, checked on construction:
 * VT_EMPTY/VT_NULL: null; integer VTs: {@link Long} within the VT's range (VT_UI8 any bit pattern);
 * VT_R4: {@link Float}; VT_R8: {@link Double}; VT_BOOL: {@link Boolean}; VT_BSTR: {@link String};
 * VT_UNKNOWN: a {@link WbemObject}; VT_ARRAY|t: an unmodifiable {@link List} of t payloads.
 */
record WmiVariant(int vt, Object value) {

    public static final WmiVariant NULL = new WmiVariant(Vt.NULL, null);

    public WmiVariant {
        if ((vt & Vt.ARRAY) != 0) {
            if (!(value instanceof List<?> list)) throw new IllegalArgumentException(Vt.name(vt) + " needs a List, got " + describe(value));
            List<Object> copy = new ArrayList<>(list.size());
            for (Object e : list) copy.add(check(vt & ~Vt.ARRAY, e));
            value = Collections.unmodifiableList(copy);
        } else if (vt == Vt.EMPTY || vt == Vt.NULL) {
            if (value != null) throw new IllegalArgumentException(Vt.name(vt) + " carries no value");
        } else {
            value = check(vt, value);
        }
    }

    public static WmiVariant of(int vt, Object value) {
        return new WmiVariant(vt, value);
    }

    public static WmiVariant array(int elementVt, List<?> values) {
        return new WmiVariant(elementVt | Vt.ARRAY, values);
    }

    public boolean isNull() {
        return vt == Vt.EMPTY || vt == Vt.NULL;
    }

    public boolean isArray() {
        return (vt & Vt.ARRAY) != 0;
    }

    /** The elements of an array variant. */
    @SuppressWarnings("unchecked")
    public List<Object> asList() {
        if (!isArray()) throw new IllegalStateException(Vt.name(vt) + " is not an array");
        return (List<Object>) value;
    }

    public int elementVt() {
        return vt & ~Vt.ARRAY;
    }

    private static Object check(int vt, Object e) {
        if (e == null) throw new IllegalArgumentException(Vt.name(vt) + " cannot hold null");
        boolean ok = switch (vt) {
            case Vt.I1 -> e instanceof Long l && l >= Byte.MIN_VALUE && l <= Byte.MAX_VALUE;
            case Vt.UI1 -> e instanceof Long l && l >= 0 && l <= 0xFF;
            case Vt.I2 -> e instanceof Long l && l >= Short.MIN_VALUE && l <= Short.MAX_VALUE;
            case Vt.UI2 -> e instanceof Long l && l >= 0 && l <= 0xFFFF;
            case Vt.I4 -> e instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE;
            case Vt.UI4 -> e instanceof Long l && l >= 0 && l <= 0xFFFFFFFFL;
            case Vt.I8, Vt.UI8 -> e instanceof Long;
            case Vt.R4 -> e instanceof Float;
            case Vt.R8 -> e instanceof Double;
            case Vt.BOOL -> e instanceof Boolean;
            case Vt.BSTR -> e instanceof String;
            case Vt.UNKNOWN -> e instanceof WbemObject;
            default -> throw new IllegalArgumentException("unsupported VARIANT type " + Vt.name(vt));
        };
        if (!ok) throw new IllegalArgumentException(Vt.name(vt) + " cannot hold " + describe(e));
        return e;
    }

    private static String describe(Object e) {
        return e == null ? "null" : e.getClass().getSimpleName() + " " + e;
    }

    @Override
    public String toString() {
        return Vt.name(vt) + (isNull() ? "" : " " + value);
    }
}
