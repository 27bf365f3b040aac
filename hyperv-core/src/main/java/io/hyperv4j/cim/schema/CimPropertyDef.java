package io.hyperv4j.cim.schema;

import io.hyperv4j.cim.CimType;
import java.util.Objects;

/**
 * One property of a CIM class as Microsoft documents it. Immutable.
 *
 * @param name             the property name
 * @param type             the element type
 * @param array            whether the property is an array
 * @param key              whether it is a key property
 * @param valueMap         the documented values
 * @param embeddedInstance class named by the EmbeddedInstance qualifier (the property is then a
 *                         string on the wire that carries an instance of that class), or null
 * @param referenceClass   for {@code ref} properties, the class the reference points to, or null
 * @param description      a short note, may be null
 */
public record CimPropertyDef(String name, CimType type, boolean array, boolean key, ValueMap valueMap,
                             String embeddedInstance, String referenceClass, String description) {
    /**
     * Checks the definition; a null value map becomes {@link ValueMap#EMPTY}.
     *
     * @param name             the property name
     * @param type             the element type
     * @param array            whether an array
     * @param key              whether a key
     * @param valueMap         the documented values, or null
     * @param embeddedInstance embedded class, or null
     * @param referenceClass   referenced class, or null
     * @param description      description, or null
     * @throws NullPointerException if name or type is null
     */
    public CimPropertyDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type of " + name);
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
}
