package io.hyperv4j.cim.schema;

import io.hyperv4j.cim.CimType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Internal consistency of a schema's data: superclasses, referenced and embedded classes exist
 * (or are declared external), references name their class, associations have two ends, concrete
 * classes have keys, value maps do not contradict themselves. The data tests run it on every file.
 * Stateless and thread-safe.
 */
public final class SchemaCheck {
    private SchemaCheck() {}

    /**
     * Every problem found, one sentence each naming the class and member; empty when consistent.
     *
     * @param schema the schema to check
     * @return the problems
     */
    public static List<String> problems(CimSchema schema) {
        List<String> out = new ArrayList<>();
        Set<String> embedded = embeddedClasses(schema);
        for (CimClass c : schema.classes().values()) {
            if (c.superclass() != null && schema.find(c.superclass()).isEmpty())
                out.add(c.name() + ": superclass " + c.superclass() + " is not defined");
            long refs = 0;
            for (CimPropertyDef p : c.properties()) {
                String where = c.name() + "." + p.name();
                checkMember(schema, where, p.type(), p.referenceClass(), p.embeddedInstance(), p.valueMap(), out);
                if (p.type() == CimType.REFERENCE) refs++;
            }
            if (c.isAssociation() && !c.isAbstract() && refs < 2 && countInheritedRefs(schema, c) < 2)
                out.add(c.name() + ": an association needs two references");
            if (!c.isAbstract() && !c.isEvent() && !keyless(schema, c, embedded) && schema.superclassChainSafe(c.name())
                    && schema.keyProperties(c.name()).isEmpty())
                out.add(c.name() + ": a concrete class without key properties");
            for (CimMethodDef m : c.methods()) {
                for (CimParameterDef p : m.parameters()) {
                    String where = c.name() + "." + m.name() + "(" + p.name() + ")";
                    checkMember(schema, where, p.type(), p.referenceClass(), p.embeddedInstance(), p.valueMap(), out);
                }
                checkValueMap(c.name() + "." + m.name() + " return values", m.returnValueMap(), out);
            }
        }
        return out;
    }

    private static long countInheritedRefs(CimSchema schema, CimClass c) {
        if (!schema.superclassChainSafe(c.name())) return 0;
        return schema.allProperties(c.name()).stream().filter(p -> p.type() == CimType.REFERENCE).count();
    }

    /** Classes that only travel embedded (errors, indications, method structures) have no keys. */
    private static boolean keyless(CimSchema schema, CimClass c, Set<String> embedded) {
        if (schema.isA(c.name(), "CIM_Error") || schema.isA(c.name(), "CIM_Indication")) return true;
        return embedded.stream().anyMatch(e -> schema.isA(c.name(), e)) && !schema.isA(c.name(), "CIM_SettingData");
    }

    private static Set<String> embeddedClasses(CimSchema schema) {
        Set<String> out = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (CimClass c : schema.classes().values()) {
            c.properties().stream().map(CimPropertyDef::embeddedInstance).filter(Objects::nonNull).forEach(out::add);
            for (CimMethodDef m : c.methods())
                m.parameters().stream().map(CimParameterDef::embeddedInstance).filter(Objects::nonNull).forEach(out::add);
        }
        return out;
    }

    private static void checkMember(CimSchema schema, String where, CimType type, String refClass,
                                    String embedded, ValueMap values, List<String> out) {
        if (type == CimType.REFERENCE && refClass == null) out.add(where + ": a reference without its class");
        if (refClass != null && !known(schema, refClass))
            out.add(where + ": references class " + refClass + ", which is neither defined nor external");
        if (embedded != null) {
            if (type != CimType.STRING && type != CimType.OBJECT)
                out.add(where + ": embedded instance in a " + type.cimName());
            if (!known(schema, embedded))
                out.add(where + ": embeds class " + embedded + ", which is neither defined nor external");
        }
        checkValueMap(where, values, out);
    }

    private static void checkValueMap(String where, ValueMap vm, List<String> out) {
        // A single value inside a range is fine (a named vendor code within "Vendor Specific"); ranges must not overlap.
        List<ValueRange> rs = vm.ranges();
        for (int i = 0; i < rs.size(); i++)
            for (int j = i + 1; j < rs.size(); j++)
                if (rs.get(i).contains(rs.get(j).from()) || rs.get(j).contains(rs.get(i).from()))
                    out.add(where + ": ranges " + rs.get(i).from() + ".." + rs.get(i).to() + " and "
                            + rs.get(j).from() + ".." + rs.get(j).to() + " overlap");
    }

    private static boolean known(CimSchema schema, String cls) {
        return schema.find(cls).isPresent() || schema.externalClasses().contains(cls);
    }
}
