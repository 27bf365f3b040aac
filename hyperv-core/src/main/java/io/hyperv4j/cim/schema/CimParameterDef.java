package io.hyperv4j.cim.schema;

import io.hyperv4j.cim.CimType;
import java.util.Objects;

/**
 * One method parameter. A parameter may be {@code [in]}, {@code [out]} or both; embedded
 * instances and references carry their class as in {@link CimPropertyDef}.
 */
public record CimParameterDef(String name, CimType type, boolean array, boolean in, boolean out,
                              ValueMap valueMap, String embeddedInstance, String referenceClass,
                              String description) {
    public CimParameterDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type of " + name);
        if (!in && !out) throw new IllegalArgumentException("parameter " + name + " is neither in nor out");
        valueMap = valueMap == null ? ValueMap.EMPTY : valueMap;
    }

    public String typeText() {
        return TypeText.of(type, array, referenceClass, embeddedInstance);
    }

    public String direction() {
        return in && out ? "in, out" : in ? "in" : "out";
    }
}
