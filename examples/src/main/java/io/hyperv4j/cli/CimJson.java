package io.hyperv4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * CIM values as JSON, the shape {@code hyperv --json cim ...} prints: an instance is an object of
 * its properties by name plus the WMI system properties {@code __CLASS} and {@code __PATH};
 * integers are numbers (uint64 unsigned), datetimes their DMTF text, references their path text,
 * embedded objects nested objects, arrays arrays, null null.
 */
public final class CimJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private CimJson() {}

    public static ObjectNode instance(CimInstance i) {
        ObjectNode o = F.objectNode();
        o.put("__CLASS", i.className());
        if (i.path() != null) o.put("__PATH", i.path().toString());
        else o.putNull("__PATH");
        i.properties().forEach((name, v) -> o.set(name, value(v)));
        return o;
    }

    public static ArrayNode instances(List<CimInstance> list) {
        ArrayNode a = F.arrayNode();
        list.forEach(i -> a.add(instance(i)));
        return a;
    }

    /** {@code {"ReturnValue": 4096, "Job": "\\\\HOST\\root\\...", ...out-parameters}} */
    public static ObjectNode methodResult(MethodResult r) {
        ObjectNode o = F.objectNode();
        o.put("ReturnValue", r.returnValue());
        r.out().forEach((name, v) -> {
            if (!name.equalsIgnoreCase("ReturnValue")) o.set(name, value(v));
        });
        return o;
    }

    public static JsonNode value(CimValue v) {
        if (v == null || v.isNull()) return F.nullNode();
        if (!v.array()) return element(v.type(), v.value());
        ArrayNode a = F.arrayNode();
        for (Object e : v.asList()) a.add(element(v.type(), e));
        return a;
    }

    private static JsonNode element(CimType type, Object e) {
        return switch (type) {
            case UINT64 -> {
                long l = (Long) e;
                yield l >= 0 ? F.numberNode(l) : F.numberNode(new BigInteger(Long.toUnsignedString(l)));
            }
            case UINT8, SINT8, UINT16, SINT16, UINT32, SINT32, SINT64 -> F.numberNode((Long) e);
            case REAL32 -> F.numberNode((Float) e);
            case REAL64 -> F.numberNode((Double) e);
            case BOOLEAN -> F.booleanNode((Boolean) e);
            case OBJECT -> instance((CimInstance) e);
            default -> F.textNode(CimValue.elementText(type, e));
        };
    }

    /** A map of plain Java values (String, Number, Boolean, null, nested maps/lists) as a JSON object. */
    public static ObjectNode object(Map<String, ?> values) {
        ObjectNode o = F.objectNode();
        values.forEach((k, v) -> o.set(k, plain(v)));
        return o;
    }

    private static JsonNode plain(Object v) {
        if (v == null) return F.nullNode();
        if (v instanceof JsonNode n) return n;
        if (v instanceof CimValue c) return value(c);
        if (v instanceof Long l) return F.numberNode(l);
        if (v instanceof Integer i) return F.numberNode(i);
        if (v instanceof Double d) return F.numberNode(d);
        if (v instanceof BigInteger b) return F.numberNode(b);
        if (v instanceof Boolean b) return F.booleanNode(b);
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = F.objectNode();
            m.forEach((k, x) -> o.set(String.valueOf(k), plain(x)));
            return o;
        }
        if (v instanceof List<?> l) {
            ArrayNode a = F.arrayNode();
            l.forEach(x -> a.add(plain(x)));
            return a;
        }
        return F.textNode(v.toString());
    }
}
