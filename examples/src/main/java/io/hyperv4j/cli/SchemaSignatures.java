package io.hyperv4j.cli;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.schema.CimSchema;
import java.util.List;
import java.util.Optional;

/** Method signatures from the class schema shipped with hyperv-core ({@link CimSchema}). */
final class SchemaSignatures implements MethodArguments.Signatures {
    static final SchemaSignatures INSTANCE = new SchemaSignatures();

    @Override
    public Optional<List<MethodArguments.Parameter>> inParameters(String namespace, String className, String method) {
        CimSchema schema;
        try {
            schema = CimSchema.forNamespace(namespace);
        } catch (CimException e) {
            if (e.error() == CimError.INVALID_NAMESPACE) throw new CimException(CimError.INVALID_NAMESPACE,
                    "no class schema for namespace " + namespace + ", so parameter types are unknown");
            throw e;
        }
        if (schema.find(className).isEmpty())
            throw new CimException(CimError.INVALID_CLASS, "class " + className + " is not in the schema of " + namespace);
        return schema.method(className, method).map(m -> m.inParameters().stream()
                .map(p -> new MethodArguments.Parameter(p.name(), p.type(), p.array())).toList());
    }

    /**
     * Only the method's individually listed codes: the same number means different things in
     * different methods (32779 is "File in Use" for ImportSystemDefinition, "File not found" for
     * InitiateShutdown). A reserved range's label ("Vendor Specific") says less than the caller's fallback.
     */
    @Override
    public Optional<String> returnValueName(String namespace, String className, String method, long code) {
        try {
            return CimSchema.forNamespace(namespace).method(className, method)
                    .map(m -> m.returnValueMap().values().get(code));
        } catch (CimException e) {
            return Optional.empty(); // no schema for the namespace: the caller names the code generically
        }
    }
}
