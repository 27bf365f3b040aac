package io.hyperv4j.scvmm;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * A cluster validation report: the tests run, by category, each with its result. The cluster passes
 * when no test failed (warnings allowed), as Test-Cluster's verdict reads.
 *
 * @param cluster the cluster validated
 * @param tests   the tests, in the order they ran
 */
public record ValidationReport(String cluster, List<ValidationTest> tests) {
    /**
     * A report with a copy of its tests.
     *
     * @param cluster the cluster
     * @param tests   the tests
     */
    public ValidationReport {
        tests = List.copyOf(tests);
    }

    /**
     * Whether no test failed.
     *
     * @return true when the configuration is supported
     */
    public boolean passed() {
        return failures().isEmpty();
    }

    /**
     * The failed tests.
     *
     * @return the tests whose result is {@link ValidationResult#FAILED}
     */
    public List<ValidationTest> failures() {
        return tests.stream().filter(t -> t.result() == ValidationResult.FAILED).toList();
    }

    /**
     * The tests of one category.
     *
     * @param category the category
     * @return its tests, possibly none
     */
    public List<ValidationTest> tests(ValidationCategory category) {
        return tests.stream().filter(t -> t.category() == category).toList();
    }

    /**
     * One test by name (any case).
     *
     * @param name the test's name
     * @return the test
     * @throws NoSuchElementException naming the tests run when none is called so
     */
    public ValidationTest test(String name) {
        return tests.stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst().orElseThrow(() -> new NoSuchElementException(
                "the report has no test '" + name + "'; it ran " + tests.stream().map(ValidationTest::name).toList()));
    }
}
