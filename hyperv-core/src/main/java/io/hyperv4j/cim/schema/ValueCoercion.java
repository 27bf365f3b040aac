package io.hyperv4j.cim.schema;

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
 * Converts a value to the type a property or parameter declares, the way WMI's VARIANT coercion
 * would accept it from a script or command line: text is parsed, integers change width when the
 * value fits, a single value is accepted for an array. Everything else is a TYPE_MISMATCH whose
 * message starts with {@code where} (e.g. {@code Msvm_ComputerSystem.RequestStateChange(RequestedState)}).
 */
final class ValueCoercion {
    private final CimSchema schema;

    ValueCoercion(CimSchema schema) {
        this.schema = schema;
    }

    /** The declared shape of the target: a property or a parameter. */
    record Target(String where, CimType type, boolean array, String embeddedInstance, String referenceClass) {
        static Target of(String where, CimPropertyDef p) {
            return new Target(where, p.type(), p.array(), p.embeddedInstance(), p.referenceClass());
        }

        static Target of(String where, CimParameterDef p) {
            return new Target(where, p.type(), p.array(), p.embeddedInstance(), p.referenceClass());
        }

        /** Embedded instances travel as string (or object) and are held as OBJECT once checked. */
        CimType heldType() {
            return embeddedInstance != null ? CimType.OBJECT : type;
        }

        String text() {
            return TypeText.of(type, array, referenceClass, embeddedInstance);
        }
    }

    CimValue coerce(CimValue v, Target t) {
        if (v == null || v.isNull()) return new CimValue(t.heldType(), t.array(), null);
        // bounded before any element is converted: a huge array or string costs nothing
        io.hyperv4j.cim.CimLimits.problem(t.where(), v).ifPresent(why -> {
            throw new CimException(CimError.INVALID_PARAMETER, why);
        });
        // An empty string stands for "no instance" (CreateSnapshot's SnapshotSettings is documented as possibly "").
        if (t.embeddedInstance() != null && !v.array() && v.type() == CimType.STRING && v.asString().isBlank())
            return new CimValue(t.heldType(), t.array(), null);
        if (v.array() && !t.array())
            throw mismatch(t, "is a single " + t.text() + " but an array " + v + " was given");
        List<Object> in = v.array() ? v.asList() : List.of(v.value());
        List<Object> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            String at = t.array() && in.size() > 1 ? " element " + i : "";
            out.add(element(v.type(), in.get(i), t, at));
        }
        return t.array() ? CimValue.array(t.heldType(), out) : CimValue.of(t.heldType(), out.get(0));
    }

    private Object element(CimType from, Object e, Target t, String at) {
        if (t.embeddedInstance() != null) return embedded(from, e, t, at);
        CimType to = t.type();
        if (from == to) {
            if (to == CimType.REFERENCE) checkRefClass((ObjectPath) e, t, at);
            return e;
        }
        if (from == CimType.STRING) {
            Object parsed = parse(to, (String) e, t, at);
            if (to == CimType.REFERENCE) checkRefClass((ObjectPath) parsed, t, at);
            return parsed;
        }
        if (from.isInteger() && to.isInteger()) return integer(from, (Long) e, t, at);
        if (from.isInteger() && (to == CimType.REAL32 || to == CimType.REAL64)) {
            double d = from == CimType.UINT64 && (Long) e < 0
                    ? Double.parseDouble(Long.toUnsignedString((Long) e)) : (Long) e;
            return to == CimType.REAL32 ? (Object) (float) d : (Object) d;
        }
        if ((from == CimType.REAL32 || from == CimType.REAL64) && to.isInteger()) {
            double d = ((Number) e).doubleValue();
            if (d != Math.rint(d) || Double.isInfinite(d) || Math.abs(d) > 0x1p62)
                throw mismatch(t, at + " needs a whole number, got " + e);
            return integer(CimType.SINT64, (long) d, t, at);
        }
        if (from == CimType.REAL32 && to == CimType.REAL64) return ((Float) e).doubleValue();
        if (from == CimType.REAL64 && to == CimType.REAL32) return ((Double) e).floatValue();
        if (to == CimType.STRING && from != CimType.REFERENCE && from != CimType.OBJECT)
            return CimValue.elementText(from, e);
        throw mismatch(t, at + " expects " + t.text() + ", got " + from.cimName() + " " + CimValue.elementText(from, e));
    }

    private Object integer(CimType from, long v, Target t, String at) {
        CimType to = t.type();
        boolean hugeUnsigned = from == CimType.UINT64 && v < 0; // above Long.MAX_VALUE
        boolean negative = !hugeUnsigned && v < 0;
        if (to == CimType.UINT64 ? negative : hugeUnsigned || !to.fits(v))
            throw mismatch(t, at + " value " + (hugeUnsigned ? Long.toUnsignedString(v) : v)
                    + " is out of range for " + to.cimName());
        return v;
    }

    private Object parse(CimType to, String text, Target t, String at) {
        try {
            if (to.isInteger()) return parseInteger(to, text.trim());
            return CimValue.parseElement(to, text);
        } catch (CimException ex) {
            throw mismatch(t, at + " expects " + t.text() + ", got '" + abbreviate(text) + "' ("
                    + stripSymbol(ex.getMessage()) + ")");
        } catch (RuntimeException ex) { // e.g. a parser not available yet
            throw mismatch(t, at + " expects " + t.text() + ", got '" + abbreviate(text) + "' (" + ex.getMessage() + ")");
        }
    }

    /** Decimal or 0x-hex; ranges checked for the declared width. */
    private static Long parseInteger(CimType to, String s) {
        long v;
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) v = Long.parseUnsignedLong(s.substring(2), 16);
            else if (to == CimType.UINT64) v = Long.parseUnsignedLong(s);
            else v = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new CimException(CimError.TYPE_MISMATCH, "not an integer");
        }
        if (to != CimType.UINT64 && !to.fits(v)) throw new CimException(CimError.TYPE_MISMATCH, "out of range");
        return v;
    }

    private Object embedded(CimType from, Object e, Target t, String at) {
        CimInstance inst;
        if (from == CimType.OBJECT) inst = (CimInstance) e;
        else if (from == CimType.STRING) {
            String text = (String) e;
            try {
                inst = CimXml.readInstance(text);
            } catch (CimException ex) {
                throw new CimException(ex.error(), t.where() + at + " expects an embedded " + t.embeddedInstance()
                        + " instance (CIM-XML): " + stripSymbol(ex.getMessage()), ex);
            } catch (RuntimeException ex) {
                throw new CimException(CimError.TYPE_MISMATCH, t.where() + at + " expects an embedded "
                        + t.embeddedInstance() + " instance (CIM-XML): " + ex.getMessage(), ex);
            }
        } else {
            throw mismatch(t, at + " expects an embedded " + t.embeddedInstance() + " instance, got "
                    + from.cimName() + " " + CimValue.elementText(from, e));
        }
        if (schema.find(inst.className()).isEmpty())
            throw new CimException(CimError.INVALID_CLASS, t.where() + at + " holds an instance of unknown class "
                    + inst.className());
        if (!schema.isA(inst.className(), t.embeddedInstance()))
            throw mismatch(t, at + " expects an embedded " + t.embeddedInstance() + " instance, got "
                    + inst.className());
        return schema.coerceInstance(inst);
    }

    private void checkRefClass(ObjectPath p, Target t, String at) {
        String want = t.referenceClass();
        // Only classes this schema knows can be judged; a path into another namespace is taken as is.
        if (want == null || schema.find(p.className()).isEmpty() || schema.find(want).isEmpty()) return;
        if (!schema.isA(p.className(), want))
            throw mismatch(t, at + " expects a reference to " + want + ", got one to " + p.className());
    }

    private static CimException mismatch(Target t, String what) {
        return new CimException(CimError.TYPE_MISMATCH, t.where() + (what.startsWith(" ") ? "" : " ") + what);
    }

    static String stripSymbol(String message) {
        int i = message == null ? -1 : message.indexOf(": ");
        return i > 0 && message.startsWith("WBEM_E_") ? message.substring(i + 2) : String.valueOf(message);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
