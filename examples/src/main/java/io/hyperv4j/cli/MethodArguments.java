package io.hyperv4j.cli;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimXml;
import io.hyperv4j.cim.ElementName;
import io.hyperv4j.cim.CimType;
import io.hyperv4j.cim.CimValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns {@code --param Name=Value} texts into typed method arguments. The types come from the class
 * schema, so values are given as text: numbers, true/false, DMTF datetimes, object paths, and
 * embedded instances as their CIM-XML text. A name given several times makes an array.
 */
final class MethodArguments {

    /** One in-parameter as the schema declares it. */
    record Parameter(String name, CimType type, boolean array) {}

    /** The in-parameters of {@code className.method} in {@code namespace}, when the schema knows them. */
    @FunctionalInterface
    interface Signatures {
        Optional<List<Parameter>> inParameters(String namespace, String className, String method);

        /** The name {@code className.method}'s own return-value table gives {@code code}, when it lists it. */
        default Optional<String> returnValueName(String namespace, String className, String method, long code) {
            return Optional.empty();
        }
    }

    private MethodArguments() {}

    /** Splits {@code Name=Value} at the first '='; usage error otherwise. */
    static Map<String, List<String>> group(String noun, List<String> params) {
        Map<String, List<String>> grouped = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq <= 0) throw new UsageException(noun, "--param needs Name=Value, got '" + p + "'");
            String name = p.substring(0, eq).trim();
            grouped.computeIfAbsent(name, k -> new ArrayList<>()).add(p.substring(eq + 1));
        }
        return grouped;
    }

    /** Typed arguments; an unknown parameter or a value of the wrong form fails naming it. */
    static Map<String, CimValue> typed(String className, String method, List<Parameter> signature,
                                       Map<String, List<String>> texts) {
        Map<String, Parameter> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        signature.forEach(p -> byName.put(p.name(), p));
        Map<String, CimValue> typed = new LinkedHashMap<>();
        texts.forEach((name, values) -> {
            Parameter p = byName.get(name);
            if (p == null)
                throw new CimException(CimError.INVALID_METHOD_PARAMETERS, className + "." + method + " has no in-parameter '"
                        + name + "'; it takes " + names(signature));
            if (!p.array() && values.size() > 1)
                throw new CimException(CimError.INVALID_METHOD_PARAMETERS, "parameter " + p.name() + " of " + className + "."
                        + method + " is a single " + p.type().cimName() + " but was given " + values.size() + " times");
            try {
                if (p.array()) {
                    List<Object> elements = new ArrayList<>();
                    for (String v : values) elements.add(CimValue.parseElement(p.type(), v));
                    typed.put(p.name(), CimValue.array(p.type(), elements));
                } else {
                    typed.put(p.name(), CimValue.parse(p.type(), values.get(0)));
                }
            } catch (CimException e) {
                throw new CimException(e.error(), "parameter " + p.name() + " (" + p.type().cimName() + (p.array() ? "[]" : "")
                        + "): " + stripSymbol(e), e);
            }
        });
        typed.forEach(MethodArguments::checkElementNames);
        return typed;
    }

    /**
     * An embedded instance carrying an ElementName is held to the rule {@code vm new} and the typed
     * API apply, so {@code cim invoke ... DefineSystem} is refused with the same message and cap.
     */
    private static void checkElementNames(String parameter, CimValue value) {
        if (value.isNull() || value.type() != CimType.STRING) return;
        List<Object> texts = value.array() ? value.asList() : List.of(value.asString());
        for (Object t : texts) {
            if (!(t instanceof String text) || !text.stripLeading().startsWith("<")) continue;
            CimInstance instance;
            try {
                instance = CimXml.readInstance(text);
            } catch (CimException e) {
                continue;   // not an instance: the host judges it
            }
            String name = instance.has("ElementName") ? instance.getString("ElementName") : null;
            if (name == null || name.isBlank()) continue;   // DefineSystem names it "New Virtual Machine"
            ElementName.problem("parameter " + parameter + ": ElementName", name).ifPresent(why -> {
                throw new CimException(CimError.INVALID_PARAMETER, why);
            });
        }
    }

    private static String names(List<Parameter> signature) {
        if (signature.isEmpty()) return "no parameters";
        StringBuilder b = new StringBuilder();
        for (Parameter p : signature) {
            if (b.length() > 0) b.append(", ");
            b.append(p.name()).append(' ').append(p.type().cimName()).append(p.array() ? "[]" : "");
        }
        return b.toString();
    }

    private static String stripSymbol(CimException e) {
        String m = e.getMessage();
        String prefix = e.error().symbol() + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }
}
