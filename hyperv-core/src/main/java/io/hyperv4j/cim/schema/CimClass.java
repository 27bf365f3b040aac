package io.hyperv4j.cim.schema;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A CIM class: its own (declared) properties and methods; inherited members are resolved by
 * {@link CimSchema}. {@code superclass} is null for a root class. Immutable.
 *
 * @param name          the class name, e.g. {@code Msvm_ComputerSystem}
 * @param superclass    the direct superclass, or null
 * @param isAbstract    whether the class is abstract
 * @param isAssociation whether the class is an association
 * @param isEvent       whether the class is an indication (event) class
 * @param properties    the properties this class declares or overrides
 * @param methods       the methods this class declares or overrides
 * @param description   the documented description, may be null
 * @param source the documentation page the definition was taken from, e.g.
 *               {@code HyperV_v2/msvm-computersystem.md}; may be null
 * @param notes  where the documentation lacks a detail, what was decided and why; may be null
 */
public record CimClass(String name, String superclass, boolean isAbstract, boolean isAssociation,
                       boolean isEvent, List<CimPropertyDef> properties, List<CimMethodDef> methods,
                       String description, String source, String notes) {
    /**
     * Copies the member lists.
     *
     * @param name          the class name
     * @param superclass    the direct superclass, or null
     * @param isAbstract    whether abstract
     * @param isAssociation whether an association
     * @param isEvent       whether an indication class
     * @param properties    declared properties
     * @param methods       declared methods
     * @param description   description, or null
     * @param source        documentation page, or null
     * @param notes         decisions where the documentation is silent, or null
     * @throws NullPointerException if {@code name} is null
     */
    public CimClass {
        Objects.requireNonNull(name, "name");
        properties = List.copyOf(properties);
        methods = List.copyOf(methods);
    }

    /**
     * A property declared (or overridden) by this class itself, ignoring case.
     *
     * @param name the property name
     * @return the definition, or empty (inherited ones are {@link CimSchema}'s to find)
     */
    public Optional<CimPropertyDef> declaredProperty(String name) {
        // loops, not findFirst: the JDK's FindOps lambdas are never in the class-data archive (~1 ms at the tool's start)
        for (CimPropertyDef p : properties) if (p.name().equalsIgnoreCase(name)) return Optional.of(p);
        return Optional.empty();
    }

    /**
     * A method declared (or overridden) by this class itself, ignoring case.
     *
     * @param name the method name
     * @return the definition, or empty
     */
    public Optional<CimMethodDef> declaredMethod(String name) {
        for (CimMethodDef m : methods) if (m.name().equalsIgnoreCase(name)) return Optional.of(m);
        return Optional.empty();
    }
}
