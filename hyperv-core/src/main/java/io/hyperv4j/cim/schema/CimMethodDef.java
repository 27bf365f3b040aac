package io.hyperv4j.cim.schema;

import io.hyperv4j.cim.CimType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One method of a CIM class. {@code returnType} is null for methods documented as returning
 * nothing (the MSCluster methods are void; their failures are WBEM errors).
 */
public record CimMethodDef(String name, CimType returnType, List<CimParameterDef> parameters,
                           ValueMap returnValueMap, boolean isStatic, String description) {
    public CimMethodDef {
        Objects.requireNonNull(name, "name");
        parameters = List.copyOf(parameters);
        returnValueMap = returnValueMap == null ? ValueMap.EMPTY : returnValueMap;
    }

    public boolean isVoid() {
        return returnType == null;
    }

    /** The parameter named {@code name}, ignoring case. */
    public Optional<CimParameterDef> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
    }

    public List<CimParameterDef> inParameters() {
        return parameters.stream().filter(CimParameterDef::in).toList();
    }

    public List<CimParameterDef> outParameters() {
        return parameters.stream().filter(CimParameterDef::out).toList();
    }
}
