package io.hyperv4j.cim;

/**
 * Answers "is class A the same as or derived from class B", which WQL's ISA, {@code SELECT FROM
 * CIM_ManagedElement} and association filters need. The class schema implements it. Implementations
 * are thread-safe.
 */
@FunctionalInterface
public interface ClassHierarchy {
    /**
     * True when {@code className} equals {@code ancestor} (ignoring case) or derives from it.
     *
     * @param className the class to test
     * @param ancestor  the possible ancestor
     * @return whether {@code className} is an {@code ancestor}
     */
    boolean isA(String className, String ancestor);

    /** Only equal names match: for callers without a schema. */
    ClassHierarchy FLAT = String::equalsIgnoreCase;
}
