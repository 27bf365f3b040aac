package io.hyperv4j.perf.judge;

/** How bad a breached threshold is. */
public enum Severity {
    /** Worth knowing; no action needed. */
    INFORMATION,
    /** Look into it. */
    WARNING,
    /** Act now (the paper's "bottleneck" or "add memory"). */
    CRITICAL
}
