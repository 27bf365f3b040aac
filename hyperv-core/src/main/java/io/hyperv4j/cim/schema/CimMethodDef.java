package io.hyperv4j.cim.schema;

import io.hyperv4j.cim.CimType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One method of a CIM class. {@code returnType} is null for methods documented as returning
 * nothing (the MSCluster methods are void; their failures are WBEM errors). Immutable.
 *
 * @param name           the method name
 * @param returnType     the return value's type, or null for void
 * @param parameters     the parameters, in documented order
 * @param returnValueMap the documented return codes
 * @param isStatic       whether the method is invoked on the class rather than an instance
 * @param description    the documented description, may be null
 */
public record CimMethodDef(String name, CimType returnType, List<CimParameterDef> parameters,
                           ValueMap returnValueMap, boolean isStatic, String description) {
    /**
     * Copies the parameters; a null value map becomes {@link ValueMap#EMPTY}.
     *
     * @param name           the method name
     * @param returnType     the return type, or null
     * @param parameters     the parameters
     * @param returnValueMap the return codes, or null
     * @param isStatic       whether static
     * @param description    description, or null
     * @throws NullPointerException if {@code name} is null
     */
    public CimMethodDef {
        Objects.requireNonNull(name, "name");
        parameters = List.copyOf(parameters);
        returnValueMap = returnValueMap == null ? ValueMap.EMPTY : returnValueMap;
    }

    /**
     * Whether the method returns nothing.
     *
     * @return true when {@code returnType} is null
     */
    public boolean isVoid() {
        return returnType == null;
    }

    /**
     * The parameter named {@code name}, ignoring case.
     *
     * @param name the parameter name
     * @return the definition, or empty
     */
    public Optional<CimParameterDef> parameter(String name) {
        for (CimParameterDef p : parameters) if (p.name().equalsIgnoreCase(name)) return Optional.of(p); // no FindOps lambdas spun
        return Optional.empty();
    }

    /**
     * The {@code [in]} parameters, in order.
     *
     * @return the parameters the caller passes
     */
    public List<CimParameterDef> inParameters() {
        return parameters.stream().filter(CimParameterDef::in).toList();
    }

    /**
     * The {@code [out]} parameters, in order.
     *
     * @return the parameters the method returns
     */
    public List<CimParameterDef> outParameters() {
        return parameters.stream().filter(CimParameterDef::out).toList();
    }
}
