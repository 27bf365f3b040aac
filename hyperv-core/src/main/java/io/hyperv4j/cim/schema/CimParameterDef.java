package io.hyperv4j.cim.schema;

import io.hyperv4j.cim.CimType;
import java.util.Objects;

/**
 * One method parameter. A parameter may be {@code [in]}, {@code [out]} or both; embedded
 * instances and references carry their class as in {@link CimPropertyDef}. Immutable.
 *
 * @param name             the parameter name
 * @param type             the element type
 * @param array            whether the parameter is an array
 * @param in               whether the caller passes it
 * @param out              whether the method returns it
 * @param valueMap         the documented values
 * @param embeddedInstance class named by the EmbeddedInstance qualifier, or null
 * @param referenceClass   for {@code ref} parameters, the referenced class, or null
 * @param description      the documented description, may be null
 */
public record CimParameterDef(String name, CimType type, boolean array, boolean in, boolean out,
                              ValueMap valueMap, String embeddedInstance, String referenceClass,
                              String description) {
    /**
     * Checks the definition; a null value map becomes {@link ValueMap#EMPTY}.
     *
     * @param name             the parameter name
     * @param type             the element type
     * @param array            whether an array
     * @param in               whether [in]
     * @param out              whether [out]
     * @param valueMap         the documented values, or null
     * @param embeddedInstance embedded class, or null
     * @param referenceClass   referenced class, or null
     * @param description      description, or null
     * @throws NullPointerException     if name or type is null
     * @throws IllegalArgumentException if the parameter is neither in nor out
     */
    public CimParameterDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type of " + name);
        if (!in && !out) throw new IllegalArgumentException("parameter " + name + " is neither in nor out");
        valueMap = valueMap == null ? ValueMap.EMPTY : valueMap;
    }

    /**
     * The MOF spelling of the type, e.g. {@code uint16[]}, {@code CIM_ConcreteJob REF}.
     *
     * @return the type text
     */
    public String typeText() {
        return TypeText.of(type, array, referenceClass, embeddedInstance);
    }

    /**
     * The direction as the documentation writes it.
     *
     * @return {@code in}, {@code out} or {@code in, out}
     */
    public String direction() {
        return in && out ? "in, out" : in ? "in" : "out";
    }
}
