package io.hyperv4j.scvmm;

import java.util.List;

/**
 * One test of a cluster validation report.
 *
 * @param category the category it belongs to
 * @param name     its name, e.g. "Validate Storage Qualified for Hyper-V Clusters"
 * @param result   its outcome
 * @param messages what it found, one line each (for a failure: what is wrong and what to do)
 */
public record ValidationTest(ValidationCategory category, String name, ValidationResult result, List<String> messages) {
    /**
     * A test with a copy of its messages.
     *
     * @param category the category
     * @param name     the name
     * @param result   the outcome
     * @param messages the findings
     */
    public ValidationTest {
        messages = List.copyOf(messages);
    }
}
