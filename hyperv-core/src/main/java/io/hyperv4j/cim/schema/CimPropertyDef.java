package io.hyperv4j.cim.schema;

import io.hyperv4j.cim.CimType;
import java.util.Objects;

/**
 * One property of a CIM class as Microsoft documents it.
 *
 * @param embeddedInstance class named by the EmbeddedInstance qualifier (the property is then a
 *                         string on the wire that carries an instance of that class), or null
 * @param referenceClass   for {@code ref} properties, the class the reference points to, or null
 * @param description      a short note, may be null
 */
public record CimPropertyDef(String name, CimType type, boolean array, boolean key, ValueMap valueMap,
                             String embeddedInstance, String referenceClass, String description) {
    public CimPropertyDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type of " + name);
        valueMap = valueMap == null ? ValueMap.EMPTY : valueMap;
    }

    /** The MOF spelling of the type, e.g. {@code uint16[]}, {@code CIM_ConcreteJob REF}. */
    public String typeText() {
        return TypeText.of(type, array, referenceClass, embeddedInstance);
    }
}
