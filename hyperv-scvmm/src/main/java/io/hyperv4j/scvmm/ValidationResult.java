package io.hyperv4j.scvmm;

/** The outcome of one validation test, as a Test-Cluster report states it. */
public enum ValidationResult {
    /** The test passed. */
    SUCCESS,
    /** The configuration works but is not recommended. */
    WARNING,
    /** The configuration is not supported: the cluster fails validation. */
    FAILED
}
