package io.hyperv4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.cim.schema.CimClass;
import io.hyperv4j.cim.schema.CimMethodDef;
import io.hyperv4j.cim.schema.CimParameterDef;
import io.hyperv4j.cim.schema.CimPropertyDef;
import io.hyperv4j.cim.schema.CimSchema;
import java.util.List;

/**
 * A class as the schema declares it, with inherited members: what {@code cim invoke} accepts and
 * {@code cim get} returns, MOF-like in text and as JSON.
 */
final class ClassDescription {
    private ClassDescription() {}

    static ObjectNode json(CimSchema schema, String className) {
        CimClass c = schema.require(className);
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("Class", c.name());
        o.put("Namespace", schema.namespace());
        o.put("Superclass", c.superclass());
        ArrayNode chain = o.putArray("Ancestors");
        schema.superclassChain(c.name()).stream().skip(1).forEach(a -> chain.add(a.name()));
        ArrayNode props = o.putArray("Properties");
        for (CimPropertyDef p : schema.allProperties(c.name())) {
            props.addObject().put("Name", p.name()).put("Type", p.typeText()).put("Key", p.key());
        }
        ArrayNode methods = o.putArray("Methods");
        for (CimMethodDef m : schema.allMethods(c.name())) {
            ObjectNode mn = methods.addObject();
            mn.put("Name", m.name());
            mn.put("ReturnType", m.isVoid() ? "void" : m.returnType().cimName());
            ArrayNode params = mn.putArray("Parameters");
            for (CimParameterDef p : m.parameters())
                params.addObject().put("Name", p.name()).put("Type", p.typeText()).put("Direction", p.direction());
        }
        return o;
    }

    static String text(CimSchema schema, String className) {
        CimClass c = schema.require(className);
        StringBuilder b = new StringBuilder();
        b.append("class ").append(c.name());
        if (c.superclass() != null) b.append(" : ").append(c.superclass());
        b.append("   (").append(schema.namespace()).append(")\n");
        List<CimPropertyDef> props = schema.allProperties(c.name());
        int width = props.stream().mapToInt(p -> p.typeText().length()).max().orElse(0);
        for (CimPropertyDef p : props) {
            b.append("  ").append(p.key() ? "[key] " : "      ").append(p.typeText())
                    .append(" ".repeat(width - p.typeText().length() + 1)).append(p.name()).append(";\n");
        }
        for (CimMethodDef m : schema.allMethods(c.name())) {
            b.append("  ").append(m.isVoid() ? "void" : m.returnType().cimName()).append(' ').append(m.name()).append('(');
            String sep = "";
            for (CimParameterDef p : m.parameters()) {
                b.append(sep).append('[').append(p.direction()).append("] ").append(p.typeText()).append(' ').append(p.name());
                sep = ", ";
            }
            b.append(");\n");
        }
        return b.toString();
    }
}
