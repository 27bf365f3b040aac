package io.hyperv4j.cli;

import java.util.List;
import java.util.Optional;

/** Method signatures from the class schema. (Wired to io.hyperv4j.cim.schema once it lands.) */
final class SchemaSignatures implements MethodArguments.Signatures {
    static final SchemaSignatures INSTANCE = new SchemaSignatures();

    @Override
    public Optional<List<MethodArguments.Parameter>> inParameters(String namespace, String className, String method) {
        return Optional.empty();
    }
}
