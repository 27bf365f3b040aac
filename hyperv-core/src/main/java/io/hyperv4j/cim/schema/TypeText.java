package io.hyperv4j.cim.schema;

import io.hyperv4j.cim.CimType;

/** MOF-like type text for messages: {@code uint16[]}, {@code CIM_ConcreteJob REF}, {@code string (Msvm_X)}. */
final class TypeText {
    private TypeText() {}

    static String of(CimType type, boolean array, String referenceClass, String embeddedInstance) {
        String base = type == CimType.REFERENCE
                ? (referenceClass == null ? "ref" : referenceClass + " REF")
                : type.cimName();
        if (embeddedInstance != null) base += " (embedded " + embeddedInstance + ")";
        return array ? base + "[]" : base;
    }
}
