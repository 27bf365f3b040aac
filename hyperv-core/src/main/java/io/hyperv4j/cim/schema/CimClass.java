package io.hyperv4j.cim.schema;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A CIM class: its own (declared) properties and methods; inherited members are resolved by
 * {@link CimSchema}. {@code superclass} is null for a root class.
 *
 * @param source the documentation page the definition was taken from, e.g.
 *               {@code HyperV_v2/msvm-computersystem.md}; may be null
 * @param notes  where the documentation lacks a detail, what was decided and why; may be null
 */
public record CimClass(String name, String superclass, boolean isAbstract, boolean isAssociation,
                       boolean isEvent, List<CimPropertyDef> properties, List<CimMethodDef> methods,
                       String description, String source, String notes) {
    public CimClass {
        Objects.requireNonNull(name, "name");
        properties = List.copyOf(properties);
        methods = List.copyOf(methods);
    }

    /** A property declared (or overridden) by this class itself, ignoring case. */
    public Optional<CimPropertyDef> declaredProperty(String name) {
        return properties.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
    }

    /** A method declared (or overridden) by this class itself, ignoring case. */
    public Optional<CimMethodDef> declaredMethod(String name) {
        return methods.stream().filter(m -> m.name().equalsIgnoreCase(name)).findFirst();
    }
}
